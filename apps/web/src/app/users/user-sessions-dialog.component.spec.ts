import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import type { SessionView } from '@poems/contract';
import { aManagedUser, aProblem } from '../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { setClinicZone } from '../core/clock/clinic-zone';
import { UserSessionsDialogComponent } from './user-sessions-dialog.component';

const USER = aManagedUser({ id: 'u-7', username: 'cora' });

function aSession(overrides: Partial<SessionView> = {}): SessionView {
  return {
    id: 's-1',
    createdAt: '2026-12-07T08:00:00.000Z',
    lastSeenAt: '2026-12-07T08:30:00.000Z',
    expiresAt: '2026-12-07T20:00:00.000Z',
    endedAt: null,
    endReason: null,
    clientIp: '10.1.2.3',
    ...overrides,
  };
}

describe('UserSessionsDialogComponent', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
        // Dialogs open and close at once, as with reduced motion.
        {
          provide: MATERIAL_ANIMATIONS,
          useValue: { animationsDisabled: true },
        },
        { provide: MAT_DIALOG_DATA, useValue: USER },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    setClinicZone('America/New_York');
  });

  afterEach(() => {
    backend.verify();
    setClinicZone('UTC');
  });

  async function render(sessions: SessionView[]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(UserSessionsDialogComponent);
    backend.expectOne('/api/users/u-7/sessions').flush(sessions);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  function rows(element: HTMLElement): string[][] {
    return Array.from(element.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map(
        (td) => td.textContent?.trim() ?? '',
      ),
    );
  }

  it('lists open and recently ended sessions, with where they came from and why they ended', async () => {
    const element = await render([
      aSession(),
      aSession({
        id: 's-2',
        clientIp: null,
        endedAt: '2026-12-07T07:00:00.000Z',
        endReason: 'idle',
      }),
    ]);

    // The clinic's clock, whatever the browser's zone: 08:00 UTC is 03:00 in New York.
    expect(rows(element)[0]?.slice(0, 2)).toEqual([
      '7 Dec 2026, 03:00 EST',
      '7 Dec 2026, 03:30 EST',
    ]);
    expect(rows(element).map((r) => r.slice(2))).toEqual([
      ['10.1.2.3', 'Open', 'End'],
      ['—', 'Ended: inactivity', ''],
    ]);
    // One open session: no "End all".
    expect(element.textContent).not.toContain('End all');
  });

  it('ends one session and shows the list again', async () => {
    const element = await render([aSession(), aSession({ id: 's-2' })]);

    element
      .querySelector<HTMLButtonElement>('tbody tr:first-child button')
      ?.click();
    backend
      .expectOne(
        (r) =>
          r.method === 'POST' && r.url === '/api/users/u-7/sessions/s-1/end',
      )
      .flush(null, { status: 204, statusText: 'No Content' });
    backend.expectOne('/api/users/u-7/sessions').flush([
      aSession({
        endedAt: '2026-12-07T09:00:00.000Z',
        endReason: 'ended_by_admin',
      }),
      aSession({ id: 's-2' }),
    ]);
    await new Promise((r) => setTimeout(r));

    expect(element.querySelector('[role="status"]')?.textContent).toContain(
      'Session ended.',
    );
  });

  /** The confirmation Material opens in its overlay, outside the dialog's own element. */
  function confirmButton(text: string): HTMLButtonElement | undefined {
    return Array.from(
      document.querySelectorAll<HTMLButtonElement>(
        '[role="alertdialog"] button',
      ),
    ).find((b) => b.textContent?.trim() === text);
  }

  it('asks before ending every session, naming the user, and says why a refusal happened', async () => {
    const element = await render([aSession(), aSession({ id: 's-2' })]);
    const endAll = Array.from(
      element.querySelectorAll<HTMLButtonElement>('button'),
    ).find((b) => b.textContent?.trim() === 'End all') as HTMLButtonElement;

    endAll.click();
    await new Promise((r) => setTimeout(r));
    expect(
      document.querySelector('[role="alertdialog"]')?.textContent,
    ).toContain(`End every session of ${USER.displayName}?`);
    confirmButton('Cancel')?.click();
    await new Promise((r) => setTimeout(r));
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    backend.expectNone('/api/users/u-7/sessions/end');

    endAll.click();
    await new Promise((r) => setTimeout(r));
    confirmButton('End all sessions')?.click();
    await new Promise((r) => setTimeout(r));
    backend
      .expectOne(
        (r) => r.method === 'POST' && r.url === '/api/users/u-7/sessions/end',
      )
      .flush(aProblem('not_found', 404, { detail: 'No user has this id.' }), {
        status: 404,
        statusText: 'Not Found',
      });
    await new Promise((r) => setTimeout(r));

    expect(element.textContent).toContain('No user has this id.');
  });
});
