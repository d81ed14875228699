import { PERSON_ROLES, type Role } from '@poems/domain';
import { type MfaStatus } from '@poems/contract';
import type { AppConfig } from '../config/app-config';

/** How a session was opened (`sessions.auth_method`). */
export type SessionAuthMethod = 'password' | 'mfa' | 'oidc';

/** What decides whether a signed-in user must still set up two-step sign-in. */
export interface MfaFacts {
  readonly username: string;
  readonly role: Role;
  /** A confirmed authenticator exists. */
  readonly mfaEnrolled: boolean;
  readonly authMethod: SessionAuthMethod;
}

/**
 * The demo accounts (named after their roles, with a password shown on the sign-in page) stay
 * password-only in demo mode: a second factor on a public password protects nothing, and one
 * visitor's authenticator would lock every other visitor out.
 */
export function isDemoAccount(config: AppConfig, username: string): boolean {
  return (
    config.demoSeed &&
    (PERSON_ROLES as readonly string[]).includes(username.toLowerCase())
  );
}

/** Why a session's user cannot set up two-step sign-in here, if they cannot. */
export function mfaUnavailableReason(
  config: AppConfig,
  facts: Pick<MfaFacts, 'username' | 'authMethod'>,
): MfaStatus['unavailableReason'] {
  if (isDemoAccount(config, facts.username)) {
    return 'demo_account';
  }
  // The identity provider does the second factor of a single sign-on.
  if (facts.authMethod === 'oidc') {
    return 'single_sign_on';
  }
  return null;
}

/** Whether the role must use two-step sign-in (MFA_REQUIRED_ROLES). */
export function mfaRequiredFor(config: AppConfig, role: Role): boolean {
  return (config.mfaRequiredRoles as readonly Role[]).includes(role);
}

/**
 * True while a session's user must set up two-step sign-in before anything else: the role requires
 * it, the user has none, and the session is neither a demo account's nor a single sign-on's.
 */
export function mfaEnrolmentRequired(
  config: AppConfig,
  facts: MfaFacts,
): boolean {
  return (
    mfaRequiredFor(config, facts.role) &&
    !facts.mfaEnrolled &&
    mfaUnavailableReason(config, facts) === null
  );
}
