import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { aProblem, aWorkupView } from '../../../testing/workup-fixtures';
import { openDialog } from '../../../testing/dialog';
import {
  UpgradeDialogComponent,
  type UpgradeDialogData,
} from './upgrade-dialog.component';

const DATA: UpgradeDialogData = {
  workup: { id: 'w-1', version: 7 },
  offer: {
    from: 1,
    to: 2,
    added: [
      {
        key: 'lesion_biopsy',
        name: 'Biopsy of a bone lesion or plasmacytoma (CD138, κ/λ)',
        active: false,
      },
    ],
    kept: 17,
  },
};

describe('UpgradeDialogComponent', () => {
  let fixture: ComponentFixture<UpgradeDialogComponent>;
  let backend: HttpTestingController;
  let close: jest.Mock;
  let root: HTMLElement;

  beforeEach(async () => {
    close = jest.fn();
    ({ fixture, backend, root } = await openDialog(UpgradeDialogComponent, {
      data: DATA,
      close,
    }));
  });

  afterEach(() => backend.verify());

  async function upgradeWith(reason: string): Promise<void> {
    const input = root.querySelector<HTMLTextAreaElement>(
      'textarea[formcontrolname="reason"]',
    );
    if (input) {
      input.value = reason;
      input.dispatchEvent(new Event('input'));
    }
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  }

  it('says what changes before asking', () => {
    const text = root.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Upgrade to protocol version 2');
    expect(text).toContain(
      'New items, planned: Biopsy of a bone lesion or plasmacytoma (CD138, κ/λ).',
    );
    expect(text).toContain(
      'Every current item keeps its status, results and history.',
    );
  });

  it('sends the reason, the workup version seen and the target version, and closes with the answer', async () => {
    await upgradeWith(
      '  Lesion biopsy needed: sclerotic lesion, clean marrow  ',
    );

    const request = backend.expectOne('/api/workups/w-1/upgrade');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      version: 7,
      reason: 'Lesion biopsy needed: sclerotic lesion, clean marrow',
      protocolVersion: 2,
    });
    const upgraded = {
      ...aWorkupView(),
      protocol: { key: 'poems-dispenzieri', version: 2 },
    };
    request.flush(upgraded);
    await fixture.whenStable();

    expect(close).toHaveBeenCalledWith({ kind: 'updated', workup: upgraded });
  });

  it('needs a reason', async () => {
    await upgradeWith('   ');

    backend.expectNone('/api/workups/w-1/upgrade');
    expect(root.querySelector('mat-error')?.textContent?.trim()).toBeTruthy();
    expect(close).not.toHaveBeenCalled();
  });

  it('on a stale version says someone else changed the workup, and Reload asks for the latest', async () => {
    await upgradeWith('Newer protocol');
    backend
      .expectOne('/api/workups/w-1/upgrade')
      .flush(aProblem('stale_version', 409), {
        status: 409,
        statusText: 'Conflict',
      });
    await fixture.whenStable();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Someone else changed this workup — reload the latest and retry',
    );
    expect(close).not.toHaveBeenCalled();
    Array.from(root.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Reload')
      ?.click();
    expect(close).toHaveBeenCalledWith({ kind: 'reload' });
  });

  it('shows the API’s reason on a 422 (closed meanwhile, or not newer)', async () => {
    await upgradeWith('Newer protocol');
    backend.expectOne('/api/workups/w-1/upgrade').flush(
      aProblem('illegal_transition', 422, {
        detail:
          'Only an open workup can move to a newer protocol version; reopen it first.',
      }),
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Only an open workup can move to a newer protocol version',
    );
  });
});
