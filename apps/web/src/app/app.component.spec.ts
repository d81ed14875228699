import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AppComponent } from './app.component';
import { appRoutes } from './app.routes';

describe('AppComponent (shell)', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AppComponent],
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(),
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

  it('names the product in the header landmark', async () => {
    const shell = await renderShell();

    expect(shell.querySelector('header')?.textContent).toContain(
      'POEMS Workup Tracker',
    );
  });

  it('states that it is decision support', async () => {
    const shell = await renderShell();

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
    const skipLink = shell.querySelector<HTMLAnchorElement>('a.skip-link');
    const main = shell.querySelector('main');

    expect(main?.id).toBe('main');
    expect(skipLink?.getAttribute('href')).toBe('#main');
  });

  it('lazy-loads the start page and a not-found page', async () => {
    const harness = await RouterTestingHarness.create('/');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(
      'Diagnostic workups',
    );

    await harness.navigateByUrl('/no-such-page');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(
      'Page not found',
    );
  });
});
