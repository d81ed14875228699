import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Role } from '@poems/domain';
import type { LoginResponse } from '@poems/contract';
import { AuthService } from '../app/core/auth/auth.service';
import { aUser } from './workup-fixtures';

/** Signs in through the real AuthService, answering the login call. */
export async function signInAs(role: Role, expiresIn = 900): Promise<void> {
  const auth = TestBed.inject(AuthService);
  const backend = TestBed.inject(HttpTestingController);
  const done = auth.signIn(role, 'a-password');
  const response: LoginResponse = {
    accessToken: `token-${role}`,
    tokenType: 'Bearer',
    expiresIn,
    user: aUser(role),
    session: {
      id: 'session-1',
      idleTimeoutSeconds: 900,
      expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
    },
    mfaEnrolmentRequired: false,
  };
  backend.expectOne('/api/auth/login').flush(response);
  await done;
}
