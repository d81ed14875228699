import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { signInAs } from '../../../testing/auth';
import { aProblem } from '../../../testing/workup-fixtures';
import { ApiError } from '../api/api-error';
import { apiErrorInterceptor } from '../api/api-error.interceptor';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
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
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  it('attaches the bearer token to API calls', async () => {
    await signInAs('coordinator');

    void firstValueFrom(http.get('/api/patients'));

    expect(
      backend.expectOne('/api/patients').request.headers.get('Authorization'),
    ).toBe('Bearer token-coordinator');
  });

  it('never sends the token to another origin', async () => {
    await signInAs('coordinator');

    void firstValueFrom(http.get('https://elsewhere.example/api/patients'));

    expect(
      backend
        .expectOne('https://elsewhere.example/api/patients')
        .request.headers.has('Authorization'),
    ).toBe(false);
  });

  it('sends no Authorization header when signed out', () => {
    void firstValueFrom(http.get('/api/health'));

    expect(
      backend.expectOne('/api/health').request.headers.has('Authorization'),
    ).toBe(false);
  });

  it('ends the session on a 401 and returns to sign-in with the page remembered', async () => {
    await signInAs('hematologist');
    await router.navigateByUrl('/patients/p-1?workup=w-1');

    const failed = firstValueFrom(http.get('/api/workups/w-1')).catch(
      (e: unknown) => e,
    );
    backend
      .expectOne('/api/workups/w-1')
      .flush(aProblem('unauthenticated', 401), {
        status: 401,
        statusText: 'Unauthorized',
      });
    const error = await failed;
    await new Promise((r) => setTimeout(r));

    expect(error).toBeInstanceOf(ApiError);
    expect(TestBed.inject(AuthService).signedIn()).toBe(false);
    expect(router.url).toBe(
      '/sign-in?returnUrl=%2Fpatients%2Fp-1%3Fworkup%3Dw-1',
    );
  });

  it('leaves a failed sign-in to the sign-in page', async () => {
    const navigate = jest.spyOn(router, 'navigate');
    const auth = TestBed.inject(AuthService);

    const attempt = auth.signIn('someone', 'wrong').catch((e: unknown) => e);
    backend.expectOne('/api/auth/login').flush(
      aProblem('unauthenticated', 401, {
        detail: 'The username or password is incorrect.',
      }),
      {
        status: 401,
        statusText: 'Unauthorized',
      },
    );

    expect(await attempt).toMatchObject({ status: 401 });
    expect(navigate).not.toHaveBeenCalled();
  });
});
