import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { BulkActionResult, WorklistRow } from '@poems/contract';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import {
  BulkActionDialogComponent,
  type BulkDialogData,
} from './bulk-action-dialog.component';

const row = (overrides: Partial<WorklistRow>): WorklistRow => ({
  bucket: 'unscheduled',
  workupId: 'w-1',
  patientId: 'p-1',
  mrn: 'MRN-1',
  patientName: 'Lovelace, Ada',
  itemKey: 'cbc',
  itemName: 'Complete blood count',
  kind: 'lab',
  status: 'ordered',
  dueDate: null,
  scheduledAt: null,
  location: null,
  overdue: false,
  performedAt: null,
  daysWaiting: null,
  attendingId: null,
  attendingName: null,
  version: 3,
  ...overrides,
});

const ROWS = [
  row({}),
  row({ itemKey: 'spep', itemName: 'Serum protein electrophoresis', version: 7 }),
  row({
    workupId: 'w-2',
    patientName: 'Okafor, Helen',
    itemKey: 'vegf',
    itemName: 'VEGF',
    version: 1,
    status: 'scheduled',
    scheduledAt: '2099-01-10T14:00:00Z',
  }),
];

describe('BulkActionDialogComponent', () => {
  let fixture: ComponentFixture<BulkActionDialogComponent>;
  let backend: HttpTestingController;
  let close: jest.Mock;
  let root: HTMLElement;

  async function render(data: BulkDialogData): Promise<void> {
    close = jest.fn();
    TestBed.configureTestingModule({
      imports: [BulkActionDialogComponent],
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
        { provide: MatDialogRef, useValue: { close } },
        { provide: MAT_DIALOG_DATA, useValue: data },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BulkActionDialogComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  const text = (el: Element | null | undefined): string =>
    el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function type(name: string, value: string): Promise<void> {
    const input = root.querySelector<HTMLInputElement>(
      `input[formcontrolname="${name}"]`,
    );
    if (input) {
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  }

  it('schedules every item at its own version with one set of fields, then lists what was not done and why', async () => {
    await render({ action: 'schedule', rows: ROWS });
    await type('scheduledAt', '2099-01-12T09:30');
    await type('location', ' Lab 2 ');
    await submit();

    const request = backend.expectOne('/api/worklist/bulk');
    expect(request.request.body).toEqual({
      action: 'schedule',
      items: [
        { workupId: 'w-1', key: 'cbc', version: 3 },
        { workupId: 'w-1', key: 'spep', version: 7 },
        { workupId: 'w-2', key: 'vegf', version: 1 },
      ],
      scheduledAt: '2099-01-12T09:30:00+00:00',
      location: 'Lab 2',
    });
    const result: BulkActionResult = {
      action: 'schedule',
      succeeded: 1,
      failed: 2,
      items: [
        { workupId: 'w-1', key: 'cbc', status: 200, version: 4 },
        {
          workupId: 'w-1',
          key: 'spep',
          status: 409,
          code: 'stale_version',
          detail: 'The item was changed by someone else.',
        },
        {
          workupId: 'w-2',
          key: 'vegf',
          status: 422,
          code: 'illegal_transition',
          detail: 'A performed test cannot be scheduled.',
        },
      ],
    };
    request.flush(result);
    await fixture.whenStable();

    expect(text(root.querySelector('[role="status"]'))).toBe(
      'Scheduled: 1 of 3. 2 not done.',
    );
    expect(Array.from(root.querySelectorAll('.failed li')).map(text)).toEqual([
      'Serum protein electrophoresis — Lovelace, Ada: Changed by someone else meanwhile: reload the list and try it again.',
      'VEGF — Okafor, Helen: A performed test cannot be scheduled.',
    ]);
    root.querySelector<HTMLButtonElement>('mat-dialog-actions button')?.click();
    expect(close).toHaveBeenCalledWith({ succeeded: 1, failed: 2 });
  });

  it('warns, without refusing, when the time is in the past', async () => {
    await render({ action: 'schedule', rows: ROWS.slice(0, 1) });
    await type('scheduledAt', '2001-01-12T09:30');

    expect(text(root.querySelector('.warning'))).toBe(
      '12 Jan 2001, 09:30 UTC is in the past. Save anyway if the booking is recorded after the fact.',
    );
    await submit();
    backend.expectOne('/api/worklist/bulk').flush({
      action: 'schedule',
      succeeded: 1,
      failed: 0,
      items: [{ workupId: 'w-1', key: 'cbc', status: 200, version: 4 }],
    });
    await fixture.whenStable();
    expect(text(root.querySelector('[role="status"]'))).toBe(
      'Scheduled: all 1.',
    );
  });

  it('marks performed, warning about items performed before their appointment', async () => {
    await render({ action: 'perform', rows: ROWS });
    await type('performedAt', '2026-01-05T08:00');

    expect(text(root.querySelector('.warning'))).toBe(
      'Before the appointment of VEGF (Okafor, Helen). Save anyway if done early.',
    );
    await submit();
    expect(backend.expectOne('/api/worklist/bulk').request.body).toEqual({
      action: 'perform',
      items: [
        { workupId: 'w-1', key: 'cbc', version: 3 },
        { workupId: 'w-1', key: 'spep', version: 7 },
        { workupId: 'w-2', key: 'vegf', version: 1 },
      ],
      performedAt: '2026-01-05T08:00:00+00:00',
    });
  });
});
