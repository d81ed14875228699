import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@poems/domain';
import { signInAs } from '../testing/auth';
import { AppComponent } from './app.component';
import { appRoutes } from './app.routes';
import { apiErrorInterceptor } from './core/api/api-error.interceptor';
import { authInterceptor } from './core/auth/auth.interceptor';

describe('AppComponent (shell)', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      imports: [AppComponent],
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function renderShell(): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(AppComponent);
    TestBed.tick();
    backend.expectOne('/api/health').flush({ status: 'ok' });
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
    ['hematologist', ['Patients', 'Worklist', 'Reports']],
    ['coordinator', ['Patients', 'Worklist']],
    ['auditor', ['Patients', 'Reports', 'Audit']],
    ['admin', ['Users']],
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

  it('signs out from the header', async () => {
    await signInAs('coordinator');
    const shell = await renderShell();

    Array.from(shell.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Sign out'))
      ?.click();
    backend
      .expectOne('/api/auth/logout')
      .flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((r) => setTimeout(r));

    expect(TestBed.inject(Router).url).toBe('/sign-in');
    backend.expectOne('/api/auth/demo-accounts').flush([]);
  });

  it('lazy-loads the sign-in page for a signed-out visitor, and a not-found page', async () => {
    const harness = await RouterTestingHarness.create('/');
    backend
      .match('/api/auth/demo-accounts')
      .forEach((r) => r.flush({}, { status: 404, statusText: 'Not Found' }));
    expect(
      harness.routeNativeElement?.querySelector('h1')?.textContent?.trim(),
    ).toBe('Sign in');

    await harness.navigateByUrl('/no-such-page');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(
      'Page not found',
    );
  });
});
