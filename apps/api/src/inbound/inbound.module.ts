import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { RateLimiter } from '../auth/rate-limiter';
import { WorkupsModule } from '../workups/workups.module';
import { FhirInboundController } from './fhir/fhir-inbound.controller';
import { FhirInbound } from './fhir/fhir-inbound.service';
import { Hl7Intake } from './hl7/hl7-intake.service';
import { MllpListener } from './hl7/mllp-listener.service';
import { InboundPipeline } from './inbound-pipeline.service';
import { InboundRetention } from './inbound-retention.service';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { InterfacesController } from './interfaces/interfaces.controller';
import { InterfacesService } from './interfaces/interfaces.service';
import { LabInterfacesRepository } from './lab-interfaces.repository';
import { RawCipher, resolveInboundKey } from './raw-cipher';

/**
 * Results that arrive from laboratories by themselves: the HL7 v2 MLLP listener, the FHIR R4
 * endpoint, the pipeline both feed, the review inbox, and the interfaces with their keys. Global so
 * the access guard can resolve interface API keys.
 */
@Global()
@Module({
  imports: [WorkupsModule],
  controllers: [InterfacesController, InboxController, FhirInboundController],
  providers: [
    {
      provide: RawCipher,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) =>
        new RawCipher(await resolveInboundKey(config)),
    },
    RateLimiter,
    LabInterfacesRepository,
    InboundPipeline,
    InboundRetention,
    Hl7Intake,
    MllpListener,
    InterfacesService,
    InboxService,
    FhirInbound,
  ],
  exports: [
    LabInterfacesRepository,
    InterfacesService,
    MllpListener,
    InboundPipeline,
  ],
})
export class InboundModule {}
