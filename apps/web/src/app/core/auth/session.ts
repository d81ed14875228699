import { Injectable, inject } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { isRole, type UserView } from '@poems/domain';

/** A signed-in session: the bearer token, when it stops being valid, and who it belongs to. */
export interface Session {
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly user: UserView;
  /** The server ends the session after this long without a request; absent: never idle. */
  readonly idleTimeoutSeconds?: number;
  /** The role must set up two-step sign-in first (the API refuses everything else until then). */
  readonly mfaEnrolmentRequired?: boolean;
}

const KEY = 'pw.session';

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as Record<string, unknown>;
  const user = v['user'] as Record<string, unknown> | null | undefined;
  return (
    typeof v['token'] === 'string' &&
    typeof v['expiresAt'] === 'number' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user['id'] === 'string' &&
    typeof user['username'] === 'string' &&
    typeof user['displayName'] === 'string' &&
    isRole(user['role'])
  );
}

/**
 * Keeps the session in sessionStorage: it survives a reload of the tab but not a new tab or a
 * closed browser, and never reaches localStorage. Storage failures (private mode, quota) only
 * cost the reload survival.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly storage: Storage | null =
    inject(DOCUMENT).defaultView?.sessionStorage ?? null;

  read(): Session | null {
    try {
      const raw = this.storage?.getItem(KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      return isSession(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  write(session: Session): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(session));
    } catch {
      // Not fatal: the session simply will not survive a reload.
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(KEY);
    } catch {
      // Nothing stored then.
    }
  }
}
