import type { Role } from '@poems/domain';
import type { MfaEnrolment, MfaRecoveryCodes } from '@poems/contract';
import { generate, generateSync } from 'otplib';
import { call, createUser, signIn } from './http';
import type { TestApp } from './test-app';

/**
 * The codes of one authenticator app, each of a later 30-second step than the last (the API never
 * accepts a step twice), starting at the current one: the server accepts one step either side.
 */
export class Authenticator {
  private lastStep = -Infinity;

  constructor(readonly secret: string) {}

  async next(): Promise<string> {
    const current = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(this.lastStep + 1, current);
    if (step > current + 1) {
      throw new Error('This authenticator has used every step of the window');
    }
    this.lastStep = step;
    return generate({ secret: this.secret, epoch: step * 30 });
  }

  /** The code last given by {@link next}, again (a replay). */
  lastCode(): string {
    if (this.lastStep === -Infinity) {
      throw new Error('This authenticator has given no code yet');
    }
    return generateSync({ secret: this.secret, epoch: this.lastStep * 30 });
  }

  /** A well-formed code the server cannot accept (ten steps ahead). */
  async wrong(): Promise<string> {
    const current = Math.floor(Date.now() / 1000 / 30);
    return generate({ secret: this.secret, epoch: (current + 10) * 30 });
  }
}

/** A user who signed in with the password, set up an authenticator and confirmed it. */
export interface EnrolledUser {
  readonly user: Awaited<ReturnType<typeof createUser>>;
  /** The token of the session that enrolled. */
  readonly token: string;
  readonly app: Authenticator;
  readonly enrolment: MfaEnrolment;
  readonly recoveryCodes: readonly string[];
}

/** Creates a user of the role and enrols an authenticator over HTTP; throws on any other answer. */
export async function enrolledUser(
  app: TestApp,
  role: Role = 'admin',
): Promise<EnrolledUser> {
  const user = await createUser(app, { role });
  const login = await signIn(app, user.username, user.password);
  const started = await call<MfaEnrolment>(
    app,
    'POST',
    '/api/auth/mfa/enrolment',
    { token: login.accessToken },
  );
  if (started.status !== 200) {
    throw new Error(`enrolment answered ${started.status}`);
  }
  const authenticator = new Authenticator(started.body.secret);
  const confirmed = await call<MfaRecoveryCodes>(
    app,
    'POST',
    '/api/auth/mfa/enrolment/confirm',
    { token: login.accessToken, body: { code: await authenticator.next() } },
  );
  if (confirmed.status !== 200) {
    throw new Error(`enrolment confirmation answered ${confirmed.status}`);
  }
  return {
    user,
    token: login.accessToken,
    app: authenticator,
    enrolment: started.body,
    recoveryCodes: confirmed.body.recoveryCodes,
  };
}
