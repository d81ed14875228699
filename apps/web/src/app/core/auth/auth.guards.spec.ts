import { ChangeDetectionStrategy, Component } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { signInAs } from '../../../testing/auth';
import { apiErrorInterceptor } from '../api/api-error.interceptor';
import { authInterceptor } from './auth.interceptor';
import {
  requirePermissions,
  signedOutGuard,
  startPageRedirect,
} from './auth.guards';

@Component({
  selector: 'pw-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>page</h1>',
})
class PageComponent {}

describe('route guards', () => {
  let harness: RouterTestingHarness;
  let router: Router;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: '', pathMatch: 'full', redirectTo: startPageRedirect },
          {
            path: 'sign-in',
            canMatch: [signedOutGuard],
            component: PageComponent,
          },
          {
            path: 'users',
            canActivate: [requirePermissions('user.manage')],
            component: PageComponent,
          },
          {
            path: 'patients',
            canActivate: [requirePermissions('patient.read')],
            component: PageComponent,
          },
          {
            path: 'worklist',
            canActivate: [requirePermissions('worklist.read', 'item.schedule')],
            component: PageComponent,
          },
          { path: 'forbidden', component: PageComponent },
        ]),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    harness = await RouterTestingHarness.create();
    router = TestBed.inject(Router);
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends a signed-out user to sign-in, remembering the page', async () => {
    await harness.navigateByUrl('/users?page=2');

    expect(router.url).toBe('/sign-in?returnUrl=%2Fusers%3Fpage%3D2');
  });

  it('sends a role without the permission to the forbidden page', async () => {
    await signInAs('coordinator');

    await harness.navigateByUrl('/users');

    expect(router.url).toBe('/forbidden');
  });

  it('needs every listed permission: auditors may read worklists but do not work them', async () => {
    await signInAs('auditor');

    await harness.navigateByUrl('/worklist');

    expect(router.url).toBe('/forbidden');
  });

  it('lets a permitted role through', async () => {
    await signInAs('admin');

    await harness.navigateByUrl('/users');

    expect(router.url).toBe('/users');
  });

  it('starts each role on its home page, and keeps signed-in users off the sign-in page', async () => {
    await harness.navigateByUrl('/');
    expect(router.url).toBe('/sign-in');

    await signInAs('admin');
    await harness.navigateByUrl('/');
    expect(router.url).toBe('/users');

    await harness.navigateByUrl('/sign-in');
    expect(router.url).toBe('/users');
  });

  it('starts coordinators on their worklist and hematologists on the patients', async () => {
    await signInAs('coordinator');
    await harness.navigateByUrl('/');
    expect(router.url).toBe('/worklist');

    await signInAs('hematologist');
    await harness.navigateByUrl('/');
    expect(router.url).toBe('/patients');
  });
});
