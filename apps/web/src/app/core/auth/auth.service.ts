import {
  HttpClient,
  HttpContext,
  HttpContextToken,
} from '@angular/common/http';
import { DOCUMENT } from '@angular/common';
import {
  DestroyRef,
  Injectable,
  InjectionToken,
  computed,
  inject,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import { may, type Permission, type Role } from '@poems/domain';
import {
  apiPath,
  type AuthProviders,
  type DemoAccount,
  type LoginAnswer,
  type LoginResponse,
  type LogoutResponse,
  type MfaChallengeResponse,
  type MfaVerifyRequest,
  type UserView,
} from '@poems/contract';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../api/api-error';
import { homeOf } from './home';
import { safeReturnUrl } from './return-url';
import { SessionStore, type Session } from './session';

/**
 * Marks a request whose 401 means "not signed in / bad credentials" to its caller, not "the
 * session has ended": the interceptor then leaves the redirect to sign-in alone.
 */
export const HANDLES_UNAUTHENTICATED = new HttpContextToken<boolean>(
  () => false,
);

/**
 * Marks a request that is not the user's doing (a background poll, a token renewal by timer): the
 * server checks the session but does not count it as activity, so it cannot keep an unattended
 * session alive.
 */
export const PASSIVE = new HttpContextToken<boolean>(() => false);

/**
 * Leaves the app for another site (a full-page navigation), e.g. the identity provider's
 * end-session page; a token so that tests can see where the browser would go.
 */
export const LEAVE_APP = new InjectionToken<(url: string) => void>('LEAVE_APP', {
  providedIn: 'root',
  factory: () => {
    const location = inject(DOCUMENT).defaultView?.location;
    return (url: string) => location?.assign(url);
  },
});

/** Why the sign-in page is shown, told to the user there. */
export type SignInNotice =
  | 'expired'
  | 'idle'
  | 'ended'
  | 'signed_out'
  | 'password_changed';

/** Where a sign-in stands after the password: done, or waiting for the second factor. */
export type SignInStep =
  | { readonly kind: 'signed_in'; readonly user: UserView }
  | { readonly kind: 'second_factor'; readonly challenge: MfaChallengeResponse };

/** The second factor of a sign-in: a code of the authenticator app, or a recovery code. */
export type SecondFactor =
  | { readonly code: string }
  | { readonly recoveryCode: string };

/** The page where two-step sign-in is set up. */
export const MFA_ENROLMENT_PATH = '/account/two-step';

/** How long before the idle timeout the user is warned. */
export const IDLE_WARNING_MS = 60_000;
/** User activity renews the session at most this often (each request renews it too). */
const RENEW_EVERY_MS = 60_000;
/** The token is renewed this long before it expires. */
const TOKEN_RENEW_MARGIN_MS = 60_000;

// setTimeout cannot wait longer than this (about 24.8 days).
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The signed-in user and their token. The token lives in memory and in sessionStorage only;
 * the HTTP interceptor attaches it to `/api` calls.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly leaveApp = inject(LEAVE_APP);
  private readonly store = inject(SessionStore);
  private readonly session = signal<Session | null>(null);
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private warnTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the server last counted a request of this session as activity (epoch ms). */
  private lastActivity = 0;

  readonly user = computed<UserView | null>(() => this.session()?.user ?? null);
  readonly role = computed<Role | null>(() => this.user()?.role ?? null);
  readonly signedIn = computed(() => this.session() !== null);
  /**
   * The user's role must use two-step sign-in and they have not set it up: the API refuses
   * everything else until they do, so the app takes them to {@link MFA_ENROLMENT_PATH}.
   */
  readonly mfaEnrolmentRequired = computed(
    () => this.session()?.mfaEnrolmentRequired === true,
  );
  /** Set when the user was sent to sign-in; the sign-in page reads and shows it. */
  readonly notice = signal<SignInNotice | null>(null);
  /** True in the last minute before the idle timeout: the app offers to stay signed in. */
  readonly idleWarning = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.clearTimers());
  }

  /**
   * A request of the user's reached the API (the interceptor calls this for every non-passive
   * request with a token): the server's idle clock restarts, and so does ours.
   */
  noteActivity(): void {
    const session = this.session();
    if (session === null) {
      return;
    }
    this.lastActivity = Date.now();
    this.idleWarning.set(false);
    clearTimeout(this.warnTimer);
    clearTimeout(this.idleTimer);
    const idleMs = (session.idleTimeoutSeconds ?? 0) * 1000;
    if (idleMs <= 0) {
      return;
    }
    this.warnTimer = setTimeout(
      () => this.idleWarning.set(true),
      Math.max(idleMs - IDLE_WARNING_MS, 0),
    );
    this.idleTimer = setTimeout(() => this.expire('idle'), idleMs);
  }

  /**
   * The user did something in the page (a key, a click): renews the session when the last renewal
   * is a minute old, so reading and typing keep a session alive even without requests.
   */
  userActive(): void {
    if (
      this.session() !== null &&
      Date.now() - this.lastActivity >= RENEW_EVERY_MS
    ) {
      void this.renew(false);
    }
  }

  /** "Stay signed in" in the idle warning. */
  async staySignedIn(): Promise<void> {
    await this.renew(false);
  }

  /**
   * A fresh token of the same session. An active renewal counts as activity; a passive one (the
   * token about to expire while the user is away) only keeps the token valid. Failures other than
   * a 401 (which ends the session through the interceptor) are left to the next attempt.
   */
  async renew(passive: boolean): Promise<void> {
    if (this.token() === null) {
      return;
    }
    try {
      const response = await firstValueFrom(
        this.http.post<LoginResponse>(
          apiPath('POST /api/auth/refresh', {}),
          null,
          { context: new HttpContext().set(PASSIVE, passive) },
        ),
      );
      this.start(this.sessionOf(response));
    } catch {
      // A 401 has already ended the session; anything else is retried by the next activity.
    }
  }

  /** After a password change the server has ended every session: sign-in, saying why. */
  async passwordChanged(): Promise<void> {
    this.end();
    this.store.clearTab();
    this.notice.set('password_changed');
    await this.router.navigateByUrl('/sign-in');
  }

  /** The bearer token while it is valid. */
  token(): string | null {
    const session = this.session();
    return session !== null && session.expiresAt > Date.now()
      ? session.token
      : null;
  }

  /** Whether the signed-in user's role holds a permission (false when signed out). */
  may(permission: Permission): boolean {
    const role = this.role();
    return role !== null && may(role, permission);
  }

  /**
   * Restores a session kept in this tab and asks the API whether its token still holds (and
   * for the user's current role). Runs once before the first navigation. When the server cannot
   * be reached the stored session is kept: the pages then say the server is unavailable.
   */
  async restore(): Promise<void> {
    const stored = this.store.read();
    if (stored === null || stored.expiresAt <= Date.now()) {
      this.store.clear();
      return;
    }
    this.start(stored);
    try {
      const user = await firstValueFrom(
        this.http.get<UserView>(apiPath('GET /api/auth/me', {}), {
          context: new HttpContext().set(HANDLES_UNAUTHENTICATED, true),
        }),
      );
      this.start({ ...stored, user });
      this.noteActivity();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.end();
      }
    }
  }

  /**
   * Signs in with the password; resolves with the user, or with the challenge of the second step
   * when the account uses two-step sign-in; rejects with the API's error.
   */
  async signIn(username: string, password: string): Promise<SignInStep> {
    const response = await firstValueFrom(
      this.http.post<LoginAnswer>(
        apiPath('POST /api/auth/login', {}),
        { username, password },
        { context: new HttpContext().set(HANDLES_UNAUTHENTICATED, true) },
      ),
    );
    if ('mfaRequired' in response) {
      return { kind: 'second_factor', challenge: response };
    }
    return { kind: 'signed_in', user: this.begin(response) };
  }

  /** The second step of a sign-in; resolves with the user, rejects with the API's error. */
  async verifySecondFactor(
    challenge: MfaChallengeResponse,
    factor: SecondFactor,
  ): Promise<UserView> {
    const body: MfaVerifyRequest = {
      challengeToken: challenge.challengeToken,
      ...factor,
    };
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(apiPath('POST /api/auth/mfa/verify', {}), body, {
        context: new HttpContext().set(HANDLES_UNAUTHENTICATED, true),
      }),
    );
    return this.begin(response);
  }

  /** Two-step sign-in is now set up: the rest of the app opens. */
  mfaEnrolled(): void {
    const session = this.session();
    if (session !== null) {
      this.start({ ...session, mfaEnrolmentRequired: false });
    }
  }

  /** Where a user lands after signing in. */
  landingOf(user: UserView, returnUrl: string | null): string {
    if (this.mfaEnrolmentRequired()) {
      return MFA_ENROLMENT_PATH;
    }
    return returnUrl ?? homeOf(user.role);
  }

  private begin(response: LoginResponse): UserView {
    this.notice.set(null);
    this.start(this.sessionOf(response));
    this.noteActivity();
    return response.user;
  }

  /** Finishes a single sign-on: trades the return page's one-time code for the session's token. */
  async exchangeSsoCode(code: string): Promise<UserView> {
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(
        apiPath('POST /api/auth/oidc/exchange', {}),
        { code },
        { context: new HttpContext().set(HANDLES_UNAUTHENTICATED, true) },
      ),
    );
    this.notice.set(null);
    this.start(this.sessionOf(response));
    this.noteActivity();
    return response.user;
  }

  /** How to sign in here; local passwords only when the API cannot say. */
  async providers(): Promise<AuthProviders> {
    try {
      return await firstValueFrom(
        this.http.get<AuthProviders>(apiPath('GET /api/auth/providers', {})),
      );
    } catch {
      return { localLogin: 'on', sso: null };
    }
  }

  /**
   * Records the sign-out with the API (best effort), forgets the token and shows sign-in; after a
   * single sign-on, first through the provider's end-session page, which ends its session too and
   * sends the browser back to sign-in.
   */
  async signOut(): Promise<void> {
    let providerLogoutUrl: string | null = null;
    if (this.token() !== null) {
      try {
        const response = await firstValueFrom(
          this.http.post<LogoutResponse | null>(apiPath('POST /api/auth/logout', {}), null, {
            context: new HttpContext().set(HANDLES_UNAUTHENTICATED, true),
          }),
        );
        providerLogoutUrl = response?.providerLogoutUrl ?? null;
      } catch {
        // The token is discarded either way; the server ends the session when it goes idle.
      }
    }
    this.end();
    this.store.clearTab();
    this.notice.set('signed_out');
    if (providerLogoutUrl !== null) {
      this.leaveApp(providerLogoutUrl);
      return;
    }
    await this.router.navigateByUrl('/sign-in');
  }

  /**
   * The session ended under the user (idle timeout, token expired, or the API answered 401): forget
   * it and send them to sign-in, saying why and remembering the page they were on.
   */
  expire(reason: SignInNotice = 'expired'): void {
    if (this.session() === null) {
      return;
    }
    this.end();
    this.notice.set(reason);
    const returnUrl = safeReturnUrl(
      this.router.currentNavigation()?.finalUrl?.toString() ?? this.router.url,
    );
    void this.router.navigate(['/sign-in'], {
      queryParams: returnUrl ? { returnUrl } : {},
    });
  }

  /** The public demo accounts, or none outside demo mode. */
  async demoAccounts(): Promise<readonly DemoAccount[]> {
    try {
      return await firstValueFrom(
        this.http.get<DemoAccount[]>(
          apiPath('GET /api/auth/demo-accounts', {}),
        ),
      );
    } catch {
      return [];
    }
  }

  private sessionOf(response: LoginResponse): Session {
    return {
      token: response.accessToken,
      expiresAt: Date.now() + response.expiresIn * 1000,
      user: response.user,
      idleTimeoutSeconds: response.session.idleTimeoutSeconds,
      mfaEnrolmentRequired: response.mfaEnrolmentRequired,
    };
  }

  private start(session: Session): void {
    this.session.set(session);
    this.store.write(session);
    clearTimeout(this.expiryTimer);
    clearTimeout(this.renewTimer);
    const remaining = session.expiresAt - Date.now();
    // A token running out together with the idle timeout (its renewal could not finish in time)
    // is told as what it is: inactivity.
    this.expiryTimer = setTimeout(
      () => this.expire(this.idlePassed() ? 'idle' : 'expired'),
      Math.min(Math.max(remaining, 0), MAX_TIMER_MS),
    );
    // The token is renewed before it expires, passively: whether the session lives on is the
    // idle timeout's business, not the token's.
    this.renewTimer = setTimeout(
      () => void this.renew(true),
      Math.min(Math.max(remaining - TOKEN_RENEW_MARGIN_MS, 0), MAX_TIMER_MS),
    );
  }

  private idlePassed(): boolean {
    const idleMs = (this.session()?.idleTimeoutSeconds ?? 0) * 1000;
    return idleMs > 0 && Date.now() - this.lastActivity >= idleMs;
  }

  private clearTimers(): void {
    clearTimeout(this.expiryTimer);
    clearTimeout(this.renewTimer);
    clearTimeout(this.warnTimer);
    clearTimeout(this.idleTimer);
  }

  private end(): void {
    this.clearTimers();
    this.idleWarning.set(false);
    this.session.set(null);
    this.store.clear();
  }
}
