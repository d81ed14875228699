import { Injectable, inject } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { isRole } from '@poems/domain';
import { type UserView } from '@poems/contract';

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

  /**
   * Forgets everything this app keeps in the tab (the session and unsaved result drafts, whose keys
   * all start with "pw"): on a deliberate sign-out nothing of a patient stays behind. A session that
   * merely expired keeps its drafts, so the user can finish after signing in again.
   */
  clearTab(): void {
    try {
      const storage = this.storage;
      if (storage === null) {
        return;
      }
      const keys = Array.from({ length: storage.length }, (_, i) =>
        storage.key(i),
      ).filter((key): key is string => key?.startsWith('pw') === true);
      for (const key of keys) {
        storage.removeItem(key);
      }
    } catch {
      // Nothing stored then.
    }
  }
}
