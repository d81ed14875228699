import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ApplicationRef, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@poems/domain';
import { signInAs } from '../testing/auth';
import { AppComponent } from './app.component';
import { appRoutes } from './app.routes';
import { apiErrorInterceptor } from './core/api/api-error.interceptor';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AuthService } from './core/auth/auth.service';
import { ViewportService } from './core/layout/viewport.service';

describe('AppComponent (shell)', () => {
  let backend: HttpTestingController;
  /** The screen's size class the shell sees; a wide screen unless a test says otherwise. */
  let phoneOrTablet: boolean;

  beforeEach(() => {
    sessionStorage.clear();
    phoneOrTablet = false;
    TestBed.configureTestingModule({
      imports: [AppComponent],
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        {
          provide: ViewportService,
          useFactory: () => ({
            compact: signal(phoneOrTablet),
            handset: signal(phoneOrTablet),
          }),
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function renderShell(inboxOpen = 0): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(AppComponent);
    TestBed.tick();
    backend.expectOne('/api/health').flush({ status: 'ok' });
    await fixture.whenStable();
    // Roles that read the inbox get its open count for the badge.
    backend
      .match('/api/inbox/count')
      .forEach((r) => r.flush({ open: inboxOpen }));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const navLinks = (shell: HTMLElement): string[] =>
    Array.from(shell.querySelectorAll('nav[aria-label="Main"] a')).map(
      (a) => a.textContent?.trim() ?? '',
    );

  it('names the product and states that it is decision support', async () => {
    const shell = await renderShell();

    expect(shell.querySelector('header')?.textContent).toContain(
      'POEMS Workup Tracker',
    );
    expect(shell.querySelector('header')?.textContent).toMatch(
      /decision support/i,
    );
  });

  it('shows the API health', async () => {
    const shell = await renderShell();

    expect(shell.querySelector('[role="status"]')?.textContent).toContain(
      'API: up / database: up',
    );
  });

  it('has a main landmark that the skip link targets', async () => {
    const shell = await renderShell();

    expect(shell.querySelector('main')?.id).toBe('main');
    expect(shell.querySelector('a.skip-link')?.getAttribute('href')).toBe(
      '#main',
    );
  });

  it('shows no navigation and no sign-out while signed out', async () => {
    const shell = await renderShell();

    expect(navLinks(shell)).toEqual([]);
    expect(shell.textContent).not.toContain('Sign out');
  });

  it.each<[Role, string[]]>([
    ['hematologist', ['Patients', 'Worklist', 'Inbox', 'Reports']],
    ['coordinator', ['Patients', 'Worklist', 'Inbox']],
    ['auditor', ['Patients', 'Inbox', 'Reports', 'Audit']],
    ['admin', ['Users', 'Interfaces']],
  ])(
    'gives the %s the navigation of their permissions',
    async (role, links) => {
      await signInAs(role);
      const shell = await renderShell();

      expect(navLinks(shell)).toEqual(links);
      expect(shell.querySelector('header')?.textContent).toContain(
        `Demo ${role}`,
      );
    },
  );

  it('shows the open inbox entries as a badge on the Inbox link', async () => {
    await signInAs('hematologist');
    const shell = await renderShell(3);

    const badge = shell.querySelector('[data-testid="inbox-badge"]');
    expect(badge?.textContent?.trim()).toBe('3');
    expect(badge?.getAttribute('aria-label')).toBe('3 open');
  });

  it('never asks an admin for the inbox count', async () => {
    await signInAs('admin');
    await renderShell();

    backend.expectNone('/api/inbox/count');
  });

  it('signs out from the header', async () => {
    await signInAs('coordinator');
    const shell = await renderShell();

    Array.from(shell.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Sign out'))
      ?.click();
    backend
      .expectOne('/api/auth/logout')
      .flush({ providerLogoutUrl: null });
    await new Promise((r) => setTimeout(r));

    expect(TestBed.inject(Router).url).toBe('/sign-in');
    backend.expectOne('/api/auth/demo-accounts').flush([]);
    backend.expectOne('/api/auth/providers').flush({ localLogin: 'on', sso: null });
  });

  it('lazy-loads the sign-in page for a signed-out visitor, and a not-found page', async () => {
    const harness = await RouterTestingHarness.create('/');
    backend
      .match('/api/auth/demo-accounts')
      .forEach((r) => r.flush({}, { status: 404, statusText: 'Not Found' }));
    backend
      .match('/api/auth/providers')
      .forEach((r) => r.flush({ localLogin: 'on', sso: null }));
    expect(
      harness.routeNativeElement?.querySelector('h1')?.textContent?.trim(),
    ).toBe('Sign in');

    await harness.navigateByUrl('/no-such-page');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(
      'Page not found',
    );
  });

  it('shows the idle warning with “Stay signed in”, which renews the session', async () => {
    await signInAs('auditor');
    const shell = await renderShell();
    const auth = TestBed.inject(AuthService);
    expect(shell.querySelector('[role="alertdialog"]')).toBeNull();

    auth.idleWarning.set(true);
    TestBed.tick();

    const warning = shell.querySelector<HTMLElement>('[role="alertdialog"]');
    expect(warning?.textContent).toContain(
      'You will be signed out in about a minute because of inactivity.',
    );
    const stay = Array.from(warning?.querySelectorAll('button') ?? []).find(
      (b) => b.textContent?.includes('Stay signed in'),
    );
    stay?.click();
    backend.expectOne('/api/auth/refresh').flush({
      accessToken: 'renewed',
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { id: 'u', username: 'auditor', displayName: 'A', role: 'auditor' },
      session: { id: 's', idleTimeoutSeconds: 900, expiresAt: '2099-01-01T00:00:00Z' },
    });
    await new Promise((r) => setTimeout(r));
    TestBed.tick();

    expect(auth.token()).toBe('renewed');
    expect(shell.querySelector('[role="alertdialog"]')).toBeNull();
    // The renewed session recounts the inbox badge.
    backend.match('/api/inbox/count').forEach((r) => r.flush({ open: 0 }));
  });

  it('names the signed-in user and their role at the head of the menu on phones and tablets', async () => {
    phoneOrTablet = true;
    await signInAs('coordinator');
    const shell = await renderShell();

    expect(shell.querySelector('nav[aria-label="Main"]')).toBeNull();
    shell.querySelector<HTMLButtonElement>('button.shell-menu')?.click();
    await TestBed.inject(ApplicationRef).whenStable();
    const items = Array.from(
      document.querySelectorAll('.mat-mdc-menu-panel [mat-menu-item]'),
    );

    expect(items[0]?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Demo coordinator (Coordinator)',
    );
    expect(items[0]?.getAttribute('aria-disabled')).toBe('true');
    expect(items.map((i) => i.textContent?.trim())).toContain('Sign out');
  });

  it('links the signed-in user to the password change page', async () => {
    await signInAs('coordinator');
    const shell = await renderShell();

    expect(
      shell.querySelector('a[href="/account/password"]')?.textContent?.trim(),
    ).toBe('Password');
  });
});
