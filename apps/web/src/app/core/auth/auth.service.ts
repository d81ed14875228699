import {
  HttpClient,
  HttpContext,
  HttpContextToken,
} from '@angular/common/http';
import {
  DestroyRef,
  Injectable,
  computed,
  inject,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import {
  apiPath,
  may,
  type DemoAccount,
  type LoginResponse,
  type Permission,
  type Role,
  type UserView,
} from '@poems/domain';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../api/api-error';
import { safeReturnUrl } from './return-url';
import { SessionStore, type Session } from './session';

/**
 * Marks a request whose 401 means "not signed in / bad credentials" to its caller, not "the
 * session has ended": the interceptor then leaves the redirect to sign-in alone.
 */
export const HANDLES_UNAUTHENTICATED = new HttpContextToken<boolean>(
  () => false,
);

/** Why the sign-in page is shown, told to the user there. */
export type SignInNotice = 'expired' | 'signed_out';

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
  private readonly store = inject(SessionStore);
  private readonly session = signal<Session | null>(null);
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  readonly user = computed<UserView | null>(() => this.session()?.user ?? null);
  readonly role = computed<Role | null>(() => this.user()?.role ?? null);
  readonly signedIn = computed(() => this.session() !== null);
  /** Set when the user was sent to sign-in; the sign-in page reads and shows it. */
  readonly notice = signal<SignInNotice | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.expiryTimer));
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
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.end();
      }
    }
  }

  /** Signs in; resolves with the user, rejects with the API's error. */
  async signIn(username: string, password: string): Promise<UserView> {
    const response = await firstValueFrom(
      this.http.post<LoginResponse>(
        apiPath('POST /api/auth/login', {}),
        { username, password },
        { context: new HttpContext().set(HANDLES_UNAUTHENTICATED, true) },
      ),
    );
    this.notice.set(null);
    this.start({
      token: response.accessToken,
      expiresAt: Date.now() + response.expiresIn * 1000,
      user: response.user,
    });
    return response.user;
  }

  /** Records the sign-out with the API (best effort), forgets the token and shows sign-in. */
  async signOut(): Promise<void> {
    if (this.token() !== null) {
      try {
        await firstValueFrom(
          this.http.post<void>(apiPath('POST /api/auth/logout', {}), null, {
            context: new HttpContext().set(HANDLES_UNAUTHENTICATED, true),
          }),
        );
      } catch {
        // The token is discarded either way; the server keeps no session to end.
      }
    }
    this.end();
    this.notice.set('signed_out');
    await this.router.navigateByUrl('/sign-in');
  }

  /**
   * The session ended under the user (token expired, or the API answered 401): forget it and
   * send them to sign-in, remembering the page they were on.
   */
  expire(): void {
    if (this.session() === null) {
      return;
    }
    this.end();
    this.notice.set('expired');
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

  private start(session: Session): void {
    this.session.set(session);
    this.store.write(session);
    clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(
      () => this.expire(),
      Math.min(Math.max(session.expiresAt - Date.now(), 0), MAX_TIMER_MS),
    );
  }

  private end(): void {
    clearTimeout(this.expiryTimer);
    this.session.set(null);
    this.store.clear();
  }
}
