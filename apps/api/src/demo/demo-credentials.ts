import { PERSON_ROLES } from '@poems/domain';
import type { DemoAccount } from '@poems/contract';

/**
 * The demo accounts' shared password, as the contract names it. The password policy (12+
 * characters, hard to guess) would refuse it: the demo seed alone is exempt, in demo mode.
 */
export const DEMO_PASSWORD = 'demo-password';

/** The demo accounts as the sign-in page lists them: one per role, named after the role. */
export function demoAccounts(): DemoAccount[] {
  return PERSON_ROLES.map((role) => ({
    username: role,
    role,
    password: DEMO_PASSWORD,
  }));
}

/** The start-up line that tells a person at the terminal how to sign in to the demo. */
export function demoSignInLine(): string {
  return `Demo users: ${PERSON_ROLES.join(', ')} (password "${DEMO_PASSWORD}")`;
}
