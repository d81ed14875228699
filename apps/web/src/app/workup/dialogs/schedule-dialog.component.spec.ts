import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { aProblem } from '../../../testing/workup-fixtures';
import { openDialog } from '../../../testing/dialog';
import type { ActionDialogData } from './action-dialog';
import { ScheduleDialogComponent } from './schedule-dialog.component';

const DATA: ActionDialogData = {
  action: 'schedule',
  target: {
    workupId: 'w-1',
    key: 'cbc',
    name: 'Complete blood count with differential',
    version: 4,
    status: 'ordered',
    dueDate: '2026-03-20',
    scheduledAt: null,
    location: null,
    performedAt: null,
  },
};

describe('ScheduleDialogComponent', () => {
  let fixture: ComponentFixture<ScheduleDialogComponent>;
  let backend: HttpTestingController;
  let close: jest.Mock;
  let root: HTMLElement;

  beforeEach(async () => {
    close = jest.fn();
    ({ fixture, backend, root } = await openDialog(ScheduleDialogComponent, {
      data: DATA,
      close,
    }));
  });

  afterEach(() => backend.verify());

  async function scheduleAt(value: string): Promise<void> {
    const input = root.querySelector<HTMLInputElement>(
      'input[formcontrolname="scheduledAt"]',
    );
    if (input) {
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  }

  it('sends the instant with its offset, the kept due date and the item’s version', async () => {
    await scheduleAt('2026-03-12T09:30');

    const body = backend.expectOne('/api/workups/w-1/items/cbc/schedule')
      .request.body as Record<string, unknown>;
    expect(body['version']).toBe(4);
    expect(body['dueDate']).toBe('2026-03-20');
    expect(body['scheduledAt']).toMatch(/^2026-03-12T09:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(body['scheduledAt'] as string).getTime()).toBe(
      new Date(2026, 2, 12, 9, 30).getTime(),
    );
  });

  it('on a stale version says someone else changed the item, and Reload asks for the latest', async () => {
    await scheduleAt('2026-03-12T09:30');
    backend
      .expectOne('/api/workups/w-1/items/cbc/schedule')
      .flush(aProblem('stale_version', 409), {
        status: 409,
        statusText: 'Conflict',
      });
    await fixture.whenStable();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Someone else changed this item — reload the latest and retry',
    );
    const reload = Array.from(root.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Reload',
    );
    reload?.click();

    expect(close).toHaveBeenCalledWith({ kind: 'reload' });
  });

  it('shows the lifecycle’s own message on a 422', async () => {
    await scheduleAt('2026-03-12T09:30');
    backend.expectOne('/api/workups/w-1/items/cbc/schedule').flush(
      aProblem('illegal_transition', 422, {
        detail: 'Cannot schedule an item that is cancelled.',
      }),
      {
        status: 422,
        statusText: 'Unprocessable Entity',
      },
    );
    await fixture.whenStable();

    const alert = root.querySelector('[role="alert"]')?.textContent ?? '';
    expect(alert).toContain('This step is not allowed now');
    expect(alert).toContain('Cannot schedule an item that is cancelled.');
  });

  it('says the server is unavailable when nothing answers', async () => {
    await scheduleAt('2026-03-12T09:30');
    backend
      .expectOne('/api/workups/w-1/items/cbc/schedule')
      .error(new ProgressEvent('error'));
    await fixture.whenStable();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'The server is unavailable',
    );
    expect(close).not.toHaveBeenCalled();
  });

  it('needs a date and time', async () => {
    await scheduleAt('');

    backend.expectNone('/api/workups/w-1/items/cbc/schedule');
    expect(root.querySelector('mat-error')?.textContent?.trim()).toBe(
      'Required.',
    );
  });

  it('warns, without refusing, when the time is already past', async () => {
    await scheduleAt('2001-03-12T09:30');

    expect(root.querySelector('.entry-warning')?.textContent?.trim()).toBe(
      '12 Mar 2001, 09:30 UTC is in the past. Save anyway if the booking is recorded after the fact.',
    );
    backend.expectOne('/api/workups/w-1/items/cbc/schedule');
  });
});
