import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { aProblem, aUser } from '../../../testing/workup-fixtures';
import { signInAs } from '../../../testing/auth';
import { apiErrorInterceptor } from '../api/api-error.interceptor';
import { authInterceptor } from './auth.interceptor';
import { AuthService, LEAVE_APP } from './auth.service';

const KEY = 'pw.session';

describe('AuthService', () => {
  let auth: AuthService;
  let backend: HttpTestingController;
  let leftFor: string[];

  beforeEach(() => {
    leftFor = [];
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        { provide: LEAVE_APP, useValue: (url: string) => leftFor.push(url) },
      ],
    });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  it('keeps the token in memory and sessionStorage only, never localStorage', async () => {
    await signInAs('coordinator');

    expect(auth.user()?.role).toBe('coordinator');
    expect(auth.token()).toBe('token-coordinator');
    expect(JSON.parse(sessionStorage.getItem(KEY) ?? '{}')).toMatchObject({
      token: 'token-coordinator',
    });
    expect(localStorage.length).toBe(0);
  });

  it('answers permissions from the permission table', async () => {
    await signInAs('auditor');

    expect(auth.may('patient.read')).toBe(true);
    expect(auth.may('patient.register')).toBe(false);
  });

  it('restores a stored session after asking the API who the token belongs to', async () => {
    sessionStorage.setItem(
      KEY,
      JSON.stringify({
        token: 'stored',
        expiresAt: Date.now() + 60_000,
        user: aUser('coordinator'),
      }),
    );

    const restored = auth.restore();
    const me = backend.expectOne('/api/auth/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer stored');
    // The role may have changed since the token was stored: the API's answer wins.
    me.flush(aUser('hematologist'));
    await restored;

    expect(auth.role()).toBe('hematologist');
  });

  it('forgets a stored token the API rejects, without sending anyone anywhere', async () => {
    sessionStorage.setItem(
      KEY,
      JSON.stringify({
        token: 'revoked',
        expiresAt: Date.now() + 60_000,
        user: aUser('admin'),
      }),
    );
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate');

    const restored = auth.restore();
    backend.expectOne('/api/auth/me').flush(aProblem('unauthenticated', 401), {
      status: 401,
      statusText: 'Unauthorized',
    });
    await restored;

    expect(auth.signedIn()).toBe(false);
    expect(sessionStorage.getItem(KEY)).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('drops an expired stored session without a request', async () => {
    sessionStorage.setItem(
      KEY,
      JSON.stringify({
        token: 'old',
        expiresAt: Date.now() - 1,
        user: aUser('admin'),
      }),
    );

    await auth.restore();

    expect(auth.signedIn()).toBe(false);
    backend.expectNone('/api/auth/me');
  });

  it('returns to sign-in with the current page remembered when the token expires', async () => {
    jest.useFakeTimers();
    const router = TestBed.inject(Router);
    await signInAs('admin', 60);
    await router.navigateByUrl('/users?page=2');

    jest.advanceTimersByTime(60_000);
    // The renewal before expiry could not reach the server.
    backend
      .expectOne('/api/auth/refresh')
      .error(new ProgressEvent('error'), { status: 0 });
    await jest.runOnlyPendingTimersAsync();

    expect(auth.signedIn()).toBe(false);
    expect(auth.notice()).toBe('expired');
    expect(router.url).toBe('/sign-in?returnUrl=%2Fusers%3Fpage%3D2');
  });

  it('records the sign-out with the API, forgets the token and shows sign-in', async () => {
    const router = TestBed.inject(Router);
    await signInAs('hematologist');
    await router.navigateByUrl('/patients');

    const signedOut = auth.signOut();
    const logout = backend.expectOne('/api/auth/logout');
    expect(logout.request.method).toBe('POST');
    expect(logout.request.headers.get('Authorization')).toBe(
      'Bearer token-hematologist',
    );
    // A local session's sign-out answers 204 without a body.
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await signedOut;

    expect(auth.token()).toBeNull();
    expect(sessionStorage.getItem(KEY)).toBeNull();
    expect(router.url).toBe('/sign-in');
    expect(leftFor).toEqual([]);
  });

  it('a sign-out forgets unsaved result drafts; an expired session keeps them for after sign-in', async () => {
    const draft = 'pw-result-draft:w-1/vegf';
    sessionStorage.setItem('unrelated', 'kept');
    await signInAs('hematologist');
    sessionStorage.setItem(draft, '{"version":1}');

    auth.expire('idle');
    expect(sessionStorage.getItem(draft)).toBe('{"version":1}');

    await signInAs('hematologist');
    const signedOut = auth.signOut();
    backend
      .expectOne('/api/auth/logout')
      .flush(null, { status: 204, statusText: 'No Content' });
    await signedOut;

    expect(sessionStorage.getItem(draft)).toBeNull();
    expect(sessionStorage.getItem('unrelated')).toBe('kept');
    sessionStorage.removeItem('unrelated');
  });

  it('after a single sign-on, signs out through the provider’s end-session page', async () => {
    const router = TestBed.inject(Router);
    await signInAs('hematologist');
    await router.navigateByUrl('/patients');
    const endSession =
      'https://login.example.org/session/end?id_token_hint=x&post_logout_redirect_uri=y';

    const signedOut = auth.signOut();
    backend
      .expectOne('/api/auth/logout')
      .flush({ providerLogoutUrl: endSession });
    await signedOut;

    expect(auth.token()).toBeNull();
    expect(sessionStorage.getItem(KEY)).toBeNull();
    expect(leftFor).toEqual([endSession]);
    expect(router.url).toBe('/patients');
  });
});
