import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ManagedUserView } from '@poems/contract';
import { aManagedUser } from '../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import UsersPageComponent from './users-page.component';

const ENROLLED = aManagedUser({
  id: 'u-9',
  username: 'amira',
  displayName: 'Dr Amira Haddad',
  role: 'admin',
  mfaEnrolled: true,
});

describe('UsersPageComponent', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<UsersPageComponent>;

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
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  }

  function answerList(users: ManagedUserView[]): void {
    backend
      .expectOne((r) => r.url === '/api/users')
      .flush({ items: users, total: users.length, page: 1, pageSize: 25 });
  }

  async function render(): Promise<HTMLElement> {
    fixture = TestBed.createComponent(UsersPageComponent);
    await settle();
    answerList([ENROLLED]);
    await settle();
    return fixture.nativeElement as HTMLElement;
  }

  /** The open confirmation (Material puts dialogs in an overlay outside the page). */
  function confirmation(): HTMLElement | null {
    return document.querySelector<HTMLElement>('mat-dialog-container');
  }

  function dialogButton(text: string): HTMLButtonElement {
    const button = Array.from(
      confirmation()?.querySelectorAll<HTMLButtonElement>('button') ?? [],
    ).find((b) => b.textContent?.trim() === text);
    if (button === undefined) {
      throw new Error(`No dialog button "${text}"`);
    }
    return button;
  }

  it('asks before resetting two-step sign-in, naming the user; cancelling sends nothing', async () => {
    const page = await render();
    const reset = page.querySelector<HTMLButtonElement>(
      'button[aria-label="Reset the two-step sign-in of amira"]',
    ) as HTMLButtonElement;

    reset.click();
    await settle();
    const dialog = confirmation();
    expect(dialog?.getAttribute('role')).toBe('alertdialog');
    expect(dialog?.textContent).toContain(
      'Reset the two-step sign-in of Dr Amira Haddad?',
    );
    expect(dialog?.textContent).toContain('Dr Amira Haddad (amira)');
    expect(dialog?.textContent).toContain('each of their sessions ends now');
    // A stray Enter must not confirm: Cancel has the focus.
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel');

    dialogButton('Cancel').click();
    await settle();
    expect(confirmation()).toBeNull();
    backend.expectNone('/api/users/u-9/mfa');

    reset.click();
    await settle();
    dialogButton('Reset two-step').click();
    await settle();
    backend
      .expectOne((r) => r.method === 'DELETE' && r.url === '/api/users/u-9/mfa')
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    answerList([{ ...ENROLLED, mfaEnrolled: false }]);
    await settle();
    expect(page.querySelector('[role="status"]')?.textContent).toContain(
      'Reset the two-step sign-in of amira',
    );
  });
});
