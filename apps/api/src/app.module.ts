import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ProblemDetailsFilter } from './common/problem/problem-details.filter';
import { httpLoggerParams } from './common/logging/logger';
import { createValidationPipe } from './common/validation/validation.pipe';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClockModule } from './common/clock/clock.module';
import { DemoModule } from './demo/demo.module';
import { FollowupModule } from './followup/followup.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ClinicModule } from './clinic/clinic.module';
import { PatientsModule } from './patients/patients.module';
import { ProtocolsModule } from './protocols/protocols.module';
import { ReportsModule } from './reports/reports.module';
import { InterchangeModule } from './interchange/interchange.module';
import { InboundModule } from './inbound/inbound.module';
import { WorklistModule } from './worklist/worklist.module';
import { UsersModule } from './users/users.module';
import { WorkupsModule } from './workups/workups.module';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    databaseUrl: string,
    logger: Logger,
    extraModules: readonly Type[] = [],
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(httpLoggerParams(logger)),
        DatabaseModule.forRoot(
          databaseUrl,
          config.dbPoolSize,
          config.databaseReadUrl,
          config.dbConnectTimeoutMs,
        ),
        ClockModule,
        AuditModule,
        AuthModule,
        UsersModule,
        HealthModule,
        ClinicModule,
        ProtocolsModule,
        PatientsModule,
        WorkupsModule,
        FollowupModule,
        WorklistModule,
        ReportsModule,
        InterchangeModule,
        InboundModule,
        DemoModule,
        ...extraModules,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
