import { Global, Module } from '@nestjs/common';
import { AuditWriter } from './audit-writer';

/** Global: every feature module writes audit events. */
@Global()
@Module({ providers: [AuditWriter], exports: [AuditWriter] })
export class AuditModule {}
