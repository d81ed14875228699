import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Bundle } from '@medplum/fhirtypes';
import { RequirePermission } from '../../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../../common/request-context/request-context';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { FHIR_JSON } from './fhir-codes';
import { FhirExportQuery } from './fhir-export.dto';
import { FhirExportService } from './fhir-export.service';

@ApiTags('interchange')
@ApiBearerAuth()
@Controller('patients')
export class FhirExportController {
  constructor(private readonly fhir: FhirExportService) {}

  @ApiOperation({
    summary:
      "A patient's workups (all, or `workup=<id>`) as a FHIR R4 collection Bundle: Patient, PlanDefinition, CarePlan, ServiceRequest and Task per item, Observations, DiagnosticReports, an Observation of the criteria evaluation per workup (code `criteria-evaluation`: the overall result as its value; protocol version, rules version, criterion statuses and flags as components; preliminary while open, final once closed), and a POEMS Condition only while the criteria are met. Valid under the R4 definitions and invariants. Audited.",
  })
  @ApiProduces('application/fhir+json')
  @RequirePermission('fhir.export')
  @Header('Content-Type', FHIR_JSON)
  @Get(':id/fhir')
  export(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Query() query: FhirExportQuery,
  ): Promise<Bundle> {
    return this.fhir.export(context, id, query);
  }
}
