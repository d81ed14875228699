import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  Page,
  PatientDetailView,
  PatientListItem,
  PatientView,
} from '@poems/contract';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { uuidPipe } from '../common/validation/uuid.pipe';
import { ListPatientsQuery, RegisterPatientDto } from './patients.dto';
import { PatientsService } from './patients.service';

@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @ApiOperation({
    summary:
      'Patients by MRN or name prefix, each with its open workup (status, completion, overall, overdue items).',
  })
  @RequirePermission('patient.read')
  @Get()
  list(
    @Ctx() context: RequestContext,
    @Query() query: ListPatientsQuery,
  ): Promise<Page<PatientListItem>> {
    return this.patients.search(context, query);
  }

  @ApiOperation({ summary: 'Registers a patient; the MRN must be new.' })
  @RequirePermission('patient.register')
  @Post()
  register(
    @Ctx() context: RequestContext,
    @Body() body: RegisterPatientDto,
  ): Promise<PatientView> {
    return this.patients.register(context, body);
  }

  @ApiOperation({ summary: 'A patient with all their workups.' })
  @RequirePermission('patient.read')
  @Get(':id')
  read(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<PatientDetailView> {
    return this.patients.read(context, id);
  }
}
