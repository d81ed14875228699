import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import type { DemoSeeder } from './demo-seeder';
import { PatientsModule } from '../patients/patients.module';
import { WorkupsModule } from '../workups/workups.module';
import { FollowupModule } from '../followup/followup.module';
import { UsersModule } from '../users/users.module';
import { DemoFollowupSeeder } from './demo-followup.seeder';
import { DemoPatientsSeeder } from './demo-patients.seeder';
import { DemoUsersSeeder } from './demo-users.seeder';
import { DemoInterfacesSeeder } from './demo-interfaces.seeder';
import { DemoAccountsController } from './demo-accounts.controller';

/** The demo data, in the order it is seeded (users first: the others refer to them). */
const DEMO_SEEDERS: readonly Type<DemoSeeder>[] = [
  DemoUsersSeeder,
  DemoInterfacesSeeder,
];

@Injectable()
class DemoSeedRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly patients: DemoPatientsSeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoSeed) {
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      // Two replicas starting together on one database must not both seed.
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtext('poems-demo-seed'))`,
      );
      for (const type of DEMO_SEEDERS) {
        const seeder = this.moduleRef.get(type, { strict: false });
        await seeder.seed(manager);
        this.logger.log(`Demo data checked: ${seeder.name}`);
      }
    });
    // Patients go through the API's own services, one transaction per action, like real users.
    await this.patients.seed();
    this.logger.log(`Demo data checked: ${this.patients.name}`);
  }
}

/** Seeds demo users and patients on the demo database only, and lists the demo accounts. */
@Module({
  imports: [PatientsModule, WorkupsModule, FollowupModule, UsersModule],
  controllers: [DemoAccountsController],
  providers: [
    DemoSeedRunner,
    DemoPatientsSeeder,
    DemoFollowupSeeder,
    ...DEMO_SEEDERS,
  ],
})
export class DemoModule {}
