import { loadConfig } from '../config/app-config';
import { mfaEnrolmentRequired, type MfaFacts } from './mfa-policy';

const DEMO = loadConfig({ DEMO_SEED: 'true' });
const PRODUCTION = loadConfig(
  {
    DATABASE_URL: 'postgres://app@db:5432/poems',
    MFA_REQUIRED_ROLES: 'admin',
  },
  { signsTokens: false },
);

const ADMIN: MfaFacts = {
  username: 'admin',
  role: 'admin',
  mfaEnrolled: false,
  authMethod: 'password',
};

describe('who must set up two-step sign-in before anything else', () => {
  it('is an admin signed in with a password and no authenticator', () => {
    expect(mfaEnrolmentRequired(PRODUCTION, ADMIN)).toBe(true);
    expect(mfaEnrolmentRequired(PRODUCTION, { ...ADMIN, mfaEnrolled: true })).toBe(false);
    expect(mfaEnrolmentRequired(PRODUCTION, { ...ADMIN, role: 'hematologist' })).toBe(false);
  });

  it('is never a single sign-on session: the identity provider does the second factor', () => {
    expect(mfaEnrolmentRequired(PRODUCTION, { ...ADMIN, authMethod: 'oidc' })).toBe(false);
  });

  it('is never a demo account in demo mode, but other users there still must', () => {
    expect(mfaEnrolmentRequired(DEMO, ADMIN)).toBe(false);
    expect(mfaEnrolmentRequired(DEMO, { ...ADMIN, username: 'ADMIN' })).toBe(false);
    expect(mfaEnrolmentRequired(DEMO, { ...ADMIN, username: 'alice' })).toBe(true);
  });
});
