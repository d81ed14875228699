import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  AuthProviders,
  LoginResponse,
  MfaChallengeResponse,
} from '@poems/contract';
import { aProblem, aUser } from '../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { appRoutes } from '../app.routes';

const DEMO = [
  { username: 'hematologist', role: 'hematologist', password: 'demo-password' },
  { username: 'admin', role: 'admin', password: 'demo-password' },
];

describe('SignInPageComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(
    url: string,
    demo: typeof DEMO | null = DEMO,
    providers?: AuthProviders,
  ): Promise<HTMLElement> {
    harness = await RouterTestingHarness.create(url);
    backend
      .expectOne('/api/auth/providers')
      .flush(providers ?? { localLogin: 'on', sso: null });
    const request = backend.expectOne('/api/auth/demo-accounts');
    if (demo === null) {
      request.flush(aProblem('not_found', 404), {
        status: 404,
        statusText: 'Not Found',
      });
    } else {
      request.flush(demo);
    }
    await settle();
    return harness.routeNativeElement as HTMLElement;
  }

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  }

  const field = (page: HTMLElement, name: string): HTMLInputElement =>
    page.querySelector<HTMLInputElement>(
      `input[formcontrolname="${name}"]`,
    ) as HTMLInputElement;

  async function submit(
    page: HTMLElement,
    username: string,
    password: string,
  ): Promise<void> {
    for (const [name, value] of [
      ['username', username],
      ['password', password],
    ]) {
      field(page, name).value = value;
      field(page, name).dispatchEvent(new Event('input'));
    }
    page.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
  }

  function answerLogin(role: 'admin' | 'coordinator' | 'hematologist'): void {
    const response: LoginResponse = {
      accessToken: 't',
      tokenType: 'Bearer',
      expiresIn: 900,
      user: aUser(role),
      session: {
        id: 'session-1',
        idleTimeoutSeconds: 900,
        expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
      },
      mfaEnrolmentRequired: false,
    };
    backend.expectOne('/api/auth/login').flush(response);
  }

  it('lists the demo accounts with their roles; Use fills the form', async () => {
    const page = await open('/sign-in');

    const rows = Array.from(page.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('th, td')).map((c) =>
        c.textContent?.trim(),
      ),
    );
    expect(rows).toEqual([
      ['hematologist', 'Hematologist', 'Use'],
      ['admin', 'Administrator', 'Use'],
    ]);

    page
      .querySelector<HTMLButtonElement>(
        'button[aria-label="Use the admin account"]',
      )
      ?.click();
    await settle();
    expect(field(page, 'username').value).toBe('admin');
    expect(field(page, 'password').value).toBe('demo-password');
  });

  it('hides the demo accounts outside demo mode', async () => {
    const page = await open('/sign-in', null);

    expect(page.textContent).not.toContain('Demo accounts');
  });

  it('goes back to the remembered page after signing in', async () => {
    const page = await open('/sign-in?returnUrl=%2Fusers%3Fpage%3D2');

    await submit(page, 'admin', 'demo-password');
    answerLogin('admin');
    await settle();

    expect(TestBed.inject(Router).url).toBe('/users?page=2');
    backend
      .match(() => true)
      .forEach((r) => r.flush({ items: [], total: 0, page: 1, pageSize: 25 }));
  });

  it('ignores a return URL to another site and goes to the role’s start page', async () => {
    const page = await open('/sign-in?returnUrl=https%3A%2F%2Fevil.example');

    await submit(page, 'hematologist', 'demo-password');
    answerLogin('hematologist');
    await settle();

    expect(TestBed.inject(Router).url).toBe('/patients');
    backend
      .match(() => true)
      .forEach((r) => r.flush({ items: [], total: 0, page: 1, pageSize: 20 }));
  });

  it('says when the credentials are wrong, in the API’s words', async () => {
    const page = await open('/sign-in');

    await submit(page, 'someone', 'wrong');
    backend.expectOne('/api/auth/login').flush(
      aProblem('unauthenticated', 401, {
        detail: 'The username or password is incorrect.',
      }),
      {
        status: 401,
        statusText: 'Unauthorized',
      },
    );
    await settle();

    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'The username or password is incorrect.',
    );
    expect(field(page, 'password').value).toBe('');
  });

  async function typeInto(
    page: HTMLElement,
    name: string,
    value: string,
  ): Promise<void> {
    field(page, name).value = value;
    field(page, name).dispatchEvent(new Event('input'));
    await settle();
  }

  function clickButton(page: HTMLElement, text: string): void {
    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.trim() === text)
      ?.click();
  }

  function loginResponse(
    role: 'admin' | 'coordinator' | 'hematologist',
    mfaEnrolmentRequired = false,
  ): LoginResponse {
    return {
      accessToken: 't',
      tokenType: 'Bearer',
      expiresIn: 900,
      user: aUser(role),
      session: {
        id: 'session-1',
        idleTimeoutSeconds: 900,
        expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
      },
      mfaEnrolmentRequired,
    };
  }

  const CHALLENGE: MfaChallengeResponse = {
    mfaRequired: true,
    challengeToken: 'challenge-1',
    expiresIn: 300,
  };

  it('asks for the authenticator code after a right password, and signs in with it', async () => {
    const page = await open('/sign-in');
    await submit(page, 'alice', 'a-long-password');
    backend.expectOne('/api/auth/login').flush(CHALLENGE);
    await settle();

    expect(page.textContent).toContain('Two-step sign-in');
    expect(field(page, 'password')).toBeNull();
    await typeInto(page, 'code', '12345');
    clickButton(page, 'Verify');
    await settle();
    backend.expectNone('/api/auth/mfa/verify');
    expect(page.textContent).toContain('Enter the 6 digits');

    await typeInto(page, 'code', '123 456');
    clickButton(page, 'Verify');
    await settle();
    const verify = backend.expectOne('/api/auth/mfa/verify');
    expect(verify.request.body).toEqual({
      challengeToken: 'challenge-1',
      code: '123456',
    });
    verify.flush(loginResponse('hematologist'));
    await settle();

    expect(TestBed.inject(Router).url).toBe('/patients');
    backend
      .match(() => true)
      .forEach((r) => r.flush({ items: [], total: 0, page: 1, pageSize: 20 }));
  });

  it('takes a recovery code instead, and says when a code is refused', async () => {
    const page = await open('/sign-in');
    await submit(page, 'alice', 'a-long-password');
    backend.expectOne('/api/auth/login').flush(CHALLENGE);
    await settle();

    clickButton(page, 'Use a recovery code');
    await settle();
    expect(field(page, 'code')).toBeNull();
    await typeInto(page, 'recoveryCode', ' abcd-efgh-ijkl-mnop ');
    clickButton(page, 'Verify');
    await settle();
    const refused = backend.expectOne('/api/auth/mfa/verify');
    expect(refused.request.body).toEqual({
      challengeToken: 'challenge-1',
      recoveryCode: 'abcd-efgh-ijkl-mnop',
    });
    refused.flush(
      aProblem('unauthenticated', 401, {
        detail: 'The code is incorrect or has already been used.',
      }),
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'The code is incorrect or has already been used.',
    );
    // Still on the second step: the challenge lives on.
    expect(field(page, 'recoveryCode')).not.toBeNull();
  });

  it('goes back to the password when the challenge has expired', async () => {
    const page = await open('/sign-in');
    await submit(page, 'alice', 'a-long-password');
    backend.expectOne('/api/auth/login').flush(CHALLENGE);
    await settle();

    await typeInto(page, 'code', '654321');
    clickButton(page, 'Verify');
    await settle();
    backend.expectOne('/api/auth/mfa/verify').flush(
      {
        ...aProblem('unauthenticated', 401, {
          detail:
            'This sign-in has expired; enter your username and password again.',
        }),
        mfaChallengeExpired: true,
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle();

    expect(field(page, 'password')).not.toBeNull();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'This sign-in has expired',
    );
  });

  it('sends a user whose role must use two-step sign-in to its set-up first', async () => {
    const page = await open('/sign-in?returnUrl=%2Fusers');
    await submit(page, 'new-admin', 'a-long-password');
    backend.expectOne('/api/auth/login').flush(loginResponse('admin', true));
    await settle();

    expect(TestBed.inject(Router).url).toBe('/account/two-step');
    backend.expectOne('/api/auth/mfa').flush({
      enrolled: false,
      enrolledAt: null,
      required: true,
      recoveryCodesLeft: 0,
      unavailableReason: null,
    });
    await settle();
    await TestBed.inject(Router).navigateByUrl('/users');
    expect(TestBed.inject(Router).url).toBe('/account/two-step');
  });

  it('offers the identity provider, and hides the local form when local passwords are off', async () => {
    const page = await open('/sign-in', null, {
      localLogin: 'off',
      sso: {
        name: 'Hospital account',
        reachable: true,
        loginPath: '/api/auth/oidc/login',
      },
    });

    const link = Array.from(page.querySelectorAll('a')).find((a) =>
      a.textContent?.includes('Sign in with Hospital account'),
    );
    expect(link?.getAttribute('href')).toBe('/api/auth/oidc/login');
    expect(field(page, 'username')).toBeNull();
  });

  it('keeps the local form beside an unreachable provider, saying so', async () => {
    const page = await open('/sign-in', null, {
      localLogin: 'on',
      sso: {
        name: 'Hospital account',
        reachable: false,
        loginPath: '/api/auth/oidc/login',
      },
    });

    expect(page.textContent).toContain('Hospital account cannot be reached');
    expect(field(page, 'username')).not.toBeNull();
  });

  it('finishes a single sign-on: trades the code once and lands on the role’s start page', async () => {
    harness = await RouterTestingHarness.create(
      '/sign-in/sso#code=one-time-code',
    );
    const exchange = backend.expectOne('/api/auth/oidc/exchange');
    expect(exchange.request.body).toEqual({ code: 'one-time-code' });
    exchange.flush({
      accessToken: 'token',
      tokenType: 'Bearer',
      expiresIn: 900,
      user: aUser('hematologist'),
      session: {
        id: 's1',
        idleTimeoutSeconds: 900,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      },
      mfaEnrolmentRequired: false,
    } satisfies LoginResponse);
    await settle();

    expect(TestBed.inject(Router).url).toBe('/patients');
    backend.match(() => true).forEach((r) => r.flush([]));
  });

  it('explains a refused single sign-on, naming the missing claim', async () => {
    harness = await RouterTestingHarness.create(
      '/sign-in/sso#error=unmapped_role&claim=groups',
    );
    await settle();

    expect(harness.routeNativeElement?.textContent).toContain(
      'none of the groups or roles',
    );
    expect(harness.routeNativeElement?.textContent).toContain('“groups”');
  });
});
