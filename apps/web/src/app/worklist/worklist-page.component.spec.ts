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
import type { WorklistPage, WorklistRow } from '@poems/domain';
import { of } from 'rxjs';
import { signInAs } from '../../testing/auth';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import type { ActionDialogData } from '../workup/dialogs/action-dialog';
import { ItemActionDialogs } from '../workup/dialogs/item-action-dialogs.service';
import WorklistPageComponent from './worklist-page.component';

const ROW: WorklistRow = {
  bucket: 'overdue',
  workupId: 'w-1',
  patientId: 'p-1',
  mrn: 'MRN-1',
  patientName: 'Lovelace, Ada',
  itemKey: 'cbc',
  itemName: 'Complete blood count with differential',
  kind: 'lab',
  status: 'ordered',
  dueDate: '2026-03-01',
  scheduledAt: null,
  location: null,
  overdue: true,
  performedAt: null,
  daysWaiting: null,
  attendingName: null,
  version: 5,
};

const page = (rows: WorklistRow[]): WorklistPage => ({
  bucket: 'overdue',
  items: rows,
  total: rows.length,
  page: 1,
  pageSize: 25,
  counts: {
    overdue: 1,
    due_soon: 4,
    unscheduled: 12,
    awaiting_result: 0,
    awaiting_review: 3,
  },
});

describe('WorklistPageComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let opened: ActionDialogData[];

  beforeEach(() => {
    sessionStorage.clear();
    opened = [];
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [{ path: 'worklist', component: WorklistPageComponent }],
          withComponentInputBinding(),
        ),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        {
          provide: ItemActionDialogs,
          useValue: {
            open: (data: ActionDialogData) => {
              opened.push(data);
              return of({ kind: 'updated' });
            },
          },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // The calendar subscription's own status request is that component's concern (its own spec).
    backend.match('/api/worklist/calendar-feed');
    backend.verify();
  });

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  }
  const text = (el: Element | null | undefined): string =>
    el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function open(url: string, request: string): Promise<HTMLElement> {
    await signInAs('coordinator');
    harness = await RouterTestingHarness.create(url);
    await settle();
    backend.expectOne(request).flush(page([ROW]));
    await settle();
    return harness.routeNativeElement as HTMLElement;
  }

  it('shows a tab per bucket with its count, the selected one first asked for', async () => {
    const root = await open(
      '/worklist',
      '/api/worklist?bucket=overdue&page=1&pageSize=25&sort=dueDate',
    );

    expect(
      Array.from(root.querySelectorAll('[mat-tab-link]')).map(text),
    ).toEqual([
      'Overdue 1',
      'Due soon 4',
      'Unscheduled 12',
      'Awaiting result 0',
      'Awaiting review 3',
    ]);
    const cells = Array.from(
      root.querySelectorAll('tbody tr')[0]?.querySelectorAll('th, td') ?? [],
    ).map(text);
    expect(cells[0]).toMatch(/^Lovelace, Ada\s*MRN MRN-1$/);
    expect(cells.slice(1)).toEqual([
      'Complete blood count with differential',
      'Ordered',
      '1 Mar 2026 Overdue',
      '—',
      'Schedule',
    ]);
  });

  it('sorts by the header the user picks, through the URL', async () => {
    const root = await open(
      '/worklist?bucket=due_soon',
      '/api/worklist?bucket=due_soon&page=1&pageSize=25&sort=dueDate',
    );

    root
      .querySelector<HTMLElement>(
        'th[mat-sort-header]:first-child .mat-sort-header-container',
      )
      ?.click();
    await settle();

    expect(TestBed.inject(Router).url).toBe(
      '/worklist?bucket=due_soon&sort=patientName',
    );
    backend
      .expectOne(
        '/api/worklist?bucket=due_soon&page=1&pageSize=25&sort=patientName',
      )
      .flush(page([]));
  });

  it('schedules a row inline at the row’s version, then reloads the list', async () => {
    const root = await open(
      '/worklist',
      '/api/worklist?bucket=overdue&page=1&pageSize=25&sort=dueDate',
    );

    root.querySelector<HTMLButtonElement>('tbody button')?.click();
    await settle();

    expect(
      opened.map((d) => [
        d.action,
        d.target.workupId,
        d.target.key,
        d.target.version,
      ]),
    ).toEqual([['schedule', 'w-1', 'cbc', 5]]);
    backend
      .expectOne('/api/worklist?bucket=overdue&page=1&pageSize=25&sort=dueDate')
      .flush(page([]));
    await settle();
    expect(text(root.querySelector('[role="status"]'))).toBe(
      'Scheduled Complete blood count with differential.',
    );
  });
});
