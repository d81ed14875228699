import { Injectable } from '@nestjs/common';
import { PERSON_ROLES, type PersonRole } from '@poems/domain';
import { type DemoAccount } from '@poems/contract';
import type { EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { DemoSeeder } from './demo-seeder';

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

const DISPLAY_NAMES: Readonly<Record<PersonRole, string>> = {
  hematologist: 'Dr. Demo Hematologist',
  coordinator: 'Demo Coordinator',
  auditor: 'Demo Auditor',
  admin: 'Demo Administrator',
};

/** One demo user per role, named after the role. */
@Injectable()
export class DemoUsersSeeder implements DemoSeeder {
  readonly name = 'demo users';

  constructor(private readonly users: UsersService) {}

  async seed(manager: EntityManager): Promise<void> {
    for (const role of PERSON_ROLES) {
      const exists = await manager
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('lower(u.username) = :username', { username: role })
        .getExists();
      if (!exists) {
        await this.users.create(
          { actor: null, requestId: 'demo-seed', clientIp: 'local' },
          {
            username: role,
            displayName: DISPLAY_NAMES[role],
            role,
            password: DEMO_PASSWORD,
          },
          manager,
          // The contract's public demo password, which the policy would refuse.
          { demoAccount: true },
        );
      }
    }
  }
}
