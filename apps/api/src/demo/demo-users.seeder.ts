import { Injectable } from '@nestjs/common';
import { PERSON_ROLES, type PersonRole } from '@poems/domain';
import type { EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { DEMO_PASSWORD } from './demo-credentials';
import type { DemoSeeder } from './demo-seeder';

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
