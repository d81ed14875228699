import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { AccessDenials } from './access-denials';
import { AuditChainVerifier } from './audit-chain-verifier';
import { AuditCheckpointStore } from './audit-checkpoints';
import { AuditEventsController } from './audit-events.controller';
import { AuditEventsService } from './audit-events.service';
import { AuditKeys, resolveAuditKeys } from './audit-keys';
import { AuditPartitions } from './audit-partitions';
import { AuditSealer } from './audit-sealer';
import { AuditWriter } from './audit-writer';

/**
 * The audit log: the writer every feature module records through (hence global), the sealer that
 * chains committed events, the upkeep of its monthly partitions, and the auditors' API. Its keys
 * are resolved once, at start-up (two resolutions in demo mode would each create a random key).
 */
@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [
    {
      provide: AuditKeys,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => resolveAuditKeys(config),
    },
    {
      provide: AuditCheckpointStore,
      inject: [APP_CONFIG, AuditKeys],
      useFactory: (config: AppConfig, keys: AuditKeys) =>
        new AuditCheckpointStore(config.audit.checkpointDir, keys),
    },
    AuditWriter,
    AuditSealer,
    AuditChainVerifier,
    AuditEventsService,
    AuditPartitions,
    AccessDenials,
  ],
  exports: [AuditWriter, AuditSealer, AccessDenials],
})
export class AuditModule {}
