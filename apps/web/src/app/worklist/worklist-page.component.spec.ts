import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { WorklistPage, WorklistRow } from '@poems/contract';
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
  attendingId: null,
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
  let bulkOpened: { action: string; rows: WorklistRow[] }[];

  beforeEach(() => {
    sessionStorage.clear();
    opened = [];
    bulkOpened = [];
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
          provide: MatDialog,
          useValue: {
            open: (
              _component: unknown,
              config: { data: { action: string; rows: WorklistRow[] } },
            ) => {
              bulkOpened.push(config.data);
              return { afterClosed: () => of({ succeeded: 1, failed: 1 }) };
            },
          },
        },
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

  async function open(
    url: string,
    request: string,
    rows: WorklistRow[] = [ROW],
  ): Promise<HTMLElement> {
    await signInAs('coordinator');
    harness = await RouterTestingHarness.create(url);
    await settle();
    backend.expectOne(request).flush(page(rows));
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
    // The first cell holds the row's selection checkbox.
    expect(cells[1]).toMatch(/^Lovelace, Ada\s*MRN MRN-1$/);
    expect(cells.slice(2)).toEqual([
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
        'th[mat-sort-header] .mat-sort-header-container',
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

    root
      .querySelector<HTMLButtonElement>('tbody button[mat-stroked-button]')
      ?.click();
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

  const B: WorklistRow = {
    ...ROW,
    workupId: 'w-2',
    patientId: 'p-2',
    mrn: 'MRN-2',
    patientName: 'Okafor, Helen',
    itemKey: 'spep',
    itemName: 'Serum protein electrophoresis',
    version: 2,
  };

  it('sends each filter as its own parameter, from the URL, and clears them together', async () => {
    const root = await open(
      '/worklist?bucket=unscheduled&patient=Okafor,%20H&item=cbc&location=Lab&attending=u-9',
      '/api/worklist?bucket=unscheduled&page=1&pageSize=25&sort=dueDate&patient=Okafor,%20H&item=cbc&location=Lab&attending=u-9',
    );
    expect(
      root.querySelector<HTMLInputElement>('input[name="patient"]')?.value,
    ).toBe('Okafor, H');

    const patient = root.querySelector<HTMLInputElement>(
      'input[name="patient"]',
    );
    if (patient) {
      patient.value = '0003';
      patient.dispatchEvent(new Event('change'));
    }
    await settle();
    expect(TestBed.inject(Router).url).toContain('patient=0003');
    backend
      .expectOne(
        '/api/worklist?bucket=unscheduled&page=1&pageSize=25&sort=dueDate&patient=0003&item=cbc&location=Lab&attending=u-9',
      )
      .flush(page([ROW]));
    await settle();

    Array.from(root.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => text(b) === 'Clear filters')
      ?.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/worklist?bucket=unscheduled');
    backend
      .expectOne(
        '/api/worklist?bucket=unscheduled&page=1&pageSize=25&sort=dueDate',
      )
      .flush(page([]));
  });

  it('ignores a test the catalog does not know instead of asking for it', async () => {
    await open(
      '/worklist?item=nonsense',
      '/api/worklist?bucket=overdue&page=1&pageSize=25&sort=dueDate',
    );
  });

  it('groups by patient under one heading each, sorted by patient', async () => {
    const root = await open(
      '/worklist?group=patient',
      '/api/worklist?bucket=overdue&page=1&pageSize=25&sort=patientName',
      [ROW, { ...ROW, itemKey: 'vegf', itemName: 'VEGF', version: 3 }, B],
    );
    const rows = Array.from(root.querySelectorAll('tbody tr'));
    expect(rows.map((r) => r.classList.contains('group-row'))).toEqual([
      true,
      false,
      false,
      true,
      false,
    ]);
    expect(text(rows[0])).toMatch(/^Lovelace, Ada\s*MRN MRN-1 · 2 items$/);
    expect(text(rows[3])).toMatch(/^Okafor, Helen\s*MRN MRN-2 · 1 item$/);
  });

  it('shows the performed date and days waiting while awaiting a result', async () => {
    const root = await open(
      '/worklist?bucket=awaiting_result',
      '/api/worklist?bucket=awaiting_result&page=1&pageSize=25&sort=dueDate',
      [
        {
          ...ROW,
          status: 'performed',
          overdue: false,
          performedAt: '2026-03-02T15:00:00Z',
          daysWaiting: 6,
        },
      ],
    );
    expect(
      Array.from(root.querySelectorAll('thead th')).map(text),
    ).toEqual(['', 'Patient', 'Item', 'Status', 'Performed', 'Waiting', 'Actions']);
    const cells = Array.from(
      root.querySelectorAll('tbody tr')[0]?.querySelectorAll('td') ?? [],
    ).map(text);
    expect(cells[3]).toMatch(/^2 Mar 2026, 15:00 UTC$/);
    expect(cells[4]).toBe('6 days');
  });

  it('links each item to its place on the workup page', async () => {
    const root = await open(
      '/worklist',
      '/api/worklist?bucket=overdue&page=1&pageSize=25&sort=dueDate',
    );
    expect(
      root
        .querySelector('a[aria-label="Complete blood count with differential for Lovelace, Ada"]')
        ?.getAttribute('href'),
    ).toBe('/patients/p-1?workup=w-1&item=cbc');
  });

  it('acts on the selected rows at their versions, then reloads and tells how many were done', async () => {
    const root = await open(
      '/worklist',
      '/api/worklist?bucket=overdue&page=1&pageSize=25&sort=dueDate',
      [ROW, B],
    );
    const boxes = root.querySelectorAll<HTMLInputElement>(
      'tbody input[type="checkbox"]',
    );
    boxes[0]?.click();
    boxes[1]?.click();
    await settle();
    expect(text(root.querySelector('.bulk-count'))).toBe('2 selected');

    Array.from(root.querySelectorAll<HTMLButtonElement>('.bulk-bar button'))
      .find((b) => text(b) === 'Schedule selected')
      ?.click();
    await settle();

    expect(
      bulkOpened.map((d) => [
        d.action,
        d.rows.map((r) => [r.workupId, r.itemKey, r.version]),
      ]),
    ).toEqual([
      [
        'schedule',
        [
          ['w-1', 'cbc', 5],
          ['w-2', 'spep', 2],
        ],
      ],
    ]);
    backend
      .expectOne('/api/worklist?bucket=overdue&page=1&pageSize=25&sort=dueDate')
      .flush(page([]));
    await settle();
    expect(text(root.querySelector('[role="status"]'))).toBe(
      'Scheduled 1 item; 1 not done.',
    );
    expect(root.querySelector('.bulk-bar')).toBeNull();
  });
});
