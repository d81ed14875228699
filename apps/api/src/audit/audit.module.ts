import { Global, Module } from '@nestjs/common';
import { AuditChainVerifier } from './audit-chain-verifier';
import { AuditEventsController } from './audit-events.controller';
import { AuditEventsService } from './audit-events.service';
import { AuditPartitions } from './audit-partitions';
import { AuditSealer } from './audit-sealer';
import { AuditWriter } from './audit-writer';

/**
 * The audit log: the writer every feature module records through (hence global), the sealer that
 * chains committed events, the upkeep of its monthly partitions, and the auditors' API.
 */
@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [
    AuditWriter,
    AuditSealer,
    AuditChainVerifier,
    AuditEventsService,
    AuditPartitions,
  ],
  exports: [AuditWriter, AuditSealer],
})
export class AuditModule {}
