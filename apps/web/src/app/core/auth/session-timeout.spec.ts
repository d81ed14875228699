import {
  HttpClient,
  HttpContext,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { LoginResponse } from '@poems/contract';
import { firstValueFrom } from 'rxjs';
import { signInAs } from '../../../testing/auth';
import { aProblem, aUser } from '../../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../api/api-error.interceptor';
import { authInterceptor } from './auth.interceptor';
import { AuthService, PASSIVE } from './auth.service';

function refreshed(token: string, expiresIn = 900): LoginResponse {
  return {
    accessToken: token,
    tokenType: 'Bearer',
    expiresIn,
    user: aUser('coordinator'),
    session: {
      id: 'session-1',
      idleTimeoutSeconds: 900,
      expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
    },
    mfaEnrolmentRequired: false,
  };
}

describe('session timeouts in the web app', () => {
  let auth: AuthService;
  let backend: HttpTestingController;
  let http: HttpClient;

  beforeEach(() => {
    jest.useFakeTimers();
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    auth = TestBed.inject(AuthService);
    backend = TestBed.inject(HttpTestingController);
    http = TestBed.inject(HttpClient);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  it('warns a minute before the idle timeout, and “stay signed in” renews the session', async () => {
    // A token that outlives the idle timeout, so only the idle clock is at work.
    await signInAs('coordinator', 3_600);

    jest.advanceTimersByTime(839_000);
    expect(auth.idleWarning()).toBe(false);
    jest.advanceTimersByTime(1_000);
    expect(auth.idleWarning()).toBe(true);

    const stay = auth.staySignedIn();
    const renewal = backend.expectOne('/api/auth/refresh');
    expect(renewal.request.method).toBe('POST');
    expect(renewal.request.headers.has('X-Session-Activity')).toBe(false);
    renewal.flush(refreshed('renewed', 3_600));
    await stay;

    expect(auth.idleWarning()).toBe(false);
    expect(auth.token()).toBe('renewed');
    jest.advanceTimersByTime(839_000);
    expect(auth.idleWarning()).toBe(false);
    expect(auth.signedIn()).toBe(true);
  });

  it('returns to sign-in saying why once the idle timeout passes', async () => {
    await signInAs('coordinator', 3_600);
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate');

    jest.advanceTimersByTime(900_000);

    expect(auth.signedIn()).toBe(false);
    expect(auth.idleWarning()).toBe(false);
    expect(auth.notice()).toBe('idle');
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], expect.anything());
  });

  it('counts the user’s requests as activity, but not passive polls (which say so to the API)', async () => {
    await signInAs('coordinator', 3_600);

    jest.advanceTimersByTime(600_000);
    void firstValueFrom(
      http.get('/api/inbox/count', {
        context: new HttpContext().set(PASSIVE, true),
      }),
    );
    const poll = backend.expectOne('/api/inbox/count');
    expect(poll.request.headers.get('X-Session-Activity')).toBe('passive');
    poll.flush({ open: 0 });
    jest.advanceTimersByTime(240_000);
    expect(auth.idleWarning()).toBe(true);

    void firstValueFrom(http.get('/api/patients'));
    backend.expectOne('/api/patients').flush({});
    expect(auth.idleWarning()).toBe(false);
    jest.advanceTimersByTime(839_000);
    expect(auth.idleWarning()).toBe(false);
  });

  it('renews on user activity at most once a minute', async () => {
    await signInAs('coordinator', 3_600);

    auth.userActive();
    backend.expectNone('/api/auth/refresh');
    jest.advanceTimersByTime(60_000);
    auth.userActive();
    backend.expectOne('/api/auth/refresh').flush(refreshed('after-typing', 3_600));
    await Promise.resolve();
    auth.userActive();
    backend.expectNone('/api/auth/refresh');
  });

  it('renews the token passively before it expires', async () => {
    await signInAs('coordinator', 900);

    jest.advanceTimersByTime(840_000);

    const renewal = backend.expectOne('/api/auth/refresh');
    expect(renewal.request.headers.get('X-Session-Activity')).toBe('passive');
    renewal.flush(refreshed('fresh'));
    await Promise.resolve();
    expect(auth.token()).toBe('fresh');
  });

  it.each([
    ['idle', 'idle'],
    ['ended', 'ended'],
    ['max_lifetime', 'ended'],
  ])(
    'says why on sign-in when the API ends the session (%s)',
    async (sessionEnded, notice) => {
      await signInAs('coordinator', 3_600);

      const failed = firstValueFrom(http.get('/api/patients')).catch(
        (e: unknown) => e,
      );
      backend
        .expectOne('/api/patients')
        .flush(
          { ...aProblem('unauthenticated', 401), sessionEnded },
          { status: 401, statusText: 'Unauthorized' },
        );
      await failed;

      expect(auth.signedIn()).toBe(false);
      expect(auth.notice()).toBe(notice);
    },
  );
});
