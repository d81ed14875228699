import { Module } from '@nestjs/common';
import { FollowupModule } from '../followup/followup.module';
import { PatientsModule } from '../patients/patients.module';
import { WorkupsModule } from '../workups/workups.module';
import { FhirExportController } from './fhir/fhir-export.controller';
import { FhirExportService } from './fhir/fhir-export.service';

/** Data for other systems: the FHIR R4 export of a patient's workups. */
@Module({
  imports: [PatientsModule, WorkupsModule, FollowupModule],
  controllers: [FhirExportController],
  providers: [FhirExportService],
})
export class InterchangeModule {}
