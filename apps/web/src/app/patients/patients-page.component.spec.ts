import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Page, PatientListItem, WorklistPage } from '@poems/contract';
import { signInAs } from '../../testing/auth';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import PatientsPageComponent, {
  SEARCH_DEBOUNCE_MS,
} from './patients-page.component';

const ROWS: PatientListItem[] = [
  {
    id: 'p-1',
    mrn: 'MRN-1',
    givenName: 'Ada',
    familyName: 'Lovelace',
    birthDate: '1961-04-12',
    sex: 'female',
    createdAt: '2026-01-01T00:00:00Z',
    workup: {
      id: 'w-1',
      status: 'open',
      completion: { done: 3, closed: 4, total: 16, percent: 19 },
      overall: 'incomplete',
      overdue: 2,
    },
  },
  {
    id: 'p-2',
    mrn: 'MRN-2',
    givenName: 'Alan',
    familyName: 'Turing',
    birthDate: '1950-06-23',
    sex: 'male',
    createdAt: '2026-01-01T00:00:00Z',
    workup: null,
  },
];

describe('PatientsPageComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [{ path: 'patients', component: PatientsPageComponent }],
          withComponentInputBinding(),
        ),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  }

  function answer(
    url: string,
    rows: PatientListItem[] = ROWS,
    total = rows.length,
  ): void {
    const page: Page<PatientListItem> = {
      items: rows,
      total,
      page: 1,
      pageSize: 20,
    };
    backend.expectOne(url).flush(page);
  }

  const text = (el: Element | null | undefined): string =>
    el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('loads the page and search of the URL, and shows each row’s workup state in words', async () => {
    await signInAs('coordinator');
    harness = await RouterTestingHarness.create('/patients?q=love&page=2');
    await settle();
    answer('/api/patients?page=2&pageSize=20&q=love', ROWS, 45);
    await settle();
    const root = harness.routeNativeElement as HTMLElement;

    const rows = Array.from(root.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map(text),
    );
    expect(rows).toEqual([
      [
        'MRN-1',
        'Lovelace, Ada',
        '12 Apr 1961',
        'Female',
        '3 / 16 done',
        '2 overdue',
        'Incomplete',
      ],
      [
        'MRN-2',
        'Turing, Alan',
        '23 Jun 1950',
        'Male',
        '—',
        '—',
        'No open workup',
      ],
    ]);
    expect(
      root.querySelector<HTMLInputElement>('input[type="search"]')?.value,
    ).toBe('love');
    expect(text(root.querySelector('.mat-mdc-paginator-range-label'))).toBe(
      '21 – 40 of 45',
    );
    expect(text(root)).toContain('Register a patient');
  });

  it('searches after a pause in typing and puts the search in the URL, back on page 1', async () => {
    await signInAs('coordinator');
    harness = await RouterTestingHarness.create('/patients?page=3');
    await settle();
    answer('/api/patients?page=3&pageSize=20');
    const root = harness.routeNativeElement as HTMLElement;
    jest.useFakeTimers();

    const input = root.querySelector<HTMLInputElement>('input[type="search"]');
    for (const value of ['t', 'tu', 'tur']) {
      if (input) {
        input.value = value;
        input.dispatchEvent(new Event('input'));
      }
      jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 50);
    }
    backend.expectNone(
      (r) => r.url === '/api/patients' && r.params.get('q') !== null,
    );
    jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    jest.useRealTimers();
    await settle();

    expect(TestBed.inject(Router).url).toBe('/patients?q=tur');
    answer('/api/patients?page=1&pageSize=20&q=tur', [
      ROWS[1] as PatientListItem,
    ]);
  });

  it('offers no registration to an auditor', async () => {
    await signInAs('auditor');
    harness = await RouterTestingHarness.create('/patients');
    await settle();
    answer('/api/patients?page=1&pageSize=20');
    await settle();

    expect(text(harness.routeNativeElement)).not.toContain(
      'Register a patient',
    );
  });

  it('shows a hematologist how many results of their workups await their review, linking to them', async () => {
    await signInAs('hematologist');
    harness = await RouterTestingHarness.create('/patients');
    await settle();
    answer('/api/patients?page=1&pageSize=20');
    const queue: WorklistPage = {
      items: [],
      total: 3,
      page: 1,
      pageSize: 1,
      bucket: 'awaiting_review',
      counts: {
        overdue: 9,
        due_soon: 1,
        unscheduled: 40,
        awaiting_result: 2,
        awaiting_review: 3,
      },
      countCap: 1000,
    };
    backend
      .expectOne(
        '/api/worklist?bucket=awaiting_review&page=1&pageSize=1&sort=dueDate&attending=u-hematologist',
      )
      .flush(queue);
    await settle();

    const link = harness.routeNativeElement?.querySelector<HTMLAnchorElement>(
      'a[data-review-queue]',
    );
    expect(text(link)).toBe('3 results await your review');
    expect(link?.getAttribute('href')).toBe(
      '/worklist?bucket=awaiting_review&attending=u-hematologist',
    );
  });

  it('shows no review queue to a coordinator, and asks the worklist nothing', async () => {
    await signInAs('coordinator');
    harness = await RouterTestingHarness.create('/patients');
    await settle();
    answer('/api/patients?page=1&pageSize=20');
    await settle();

    expect(
      harness.routeNativeElement?.querySelector('[data-review-queue]'),
    ).toBeNull();
    backend.expectNone((r) => r.url === '/api/worklist');
  });
});
