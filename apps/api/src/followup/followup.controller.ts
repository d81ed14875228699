import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FollowupHistory, FollowupView } from '@poems/contract';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { uuidPipe } from '../common/validation/uuid.pipe';
import {
  ActivateInstanceDto,
  CreateTreatmentLineDto,
  EndTreatmentLineDto,
  FollowupResultDto,
  PerformInstanceDto,
  ReasonInstanceDto,
  RecordRiskDto,
  RecordStagingDto,
  ScheduleInstanceDto,
  SignOffDiagnosisDto,
  UpdateTreatmentLineDto,
} from './followup.dto';
import { FollowupService } from './followup.service';

/**
 * `…/api/patients/:id/follow-up`: the phases after the workup (poems-followup.md). Every change
 * answers with the whole follow-up as it now stands, evaluated as of the clinic's today.
 */
@ApiTags('follow-up')
@ApiBearerAuth()
@Controller('patients/:id/follow-up')
export class FollowupController {
  constructor(private readonly followup: FollowupService) {}

  @ApiOperation({
    summary:
      "The follow-up: diagnosis, staging, risk, treatment lines, and per line the time points with each domain's category and reasons, the summary, the event and the schedule with overdue instances. Every figure names its rules; tracker defaults are labelled.",
  })
  @RequirePermission('followup.read')
  @Get()
  read(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<FollowupView> {
    return this.followup.read(context, id);
  }

  @ApiOperation({
    summary:
      'What changed in the follow-up, who changed it and when: every step of the diagnosis, staging, risk, lines, instances and results, oldest first (automatic schedule steps as `plan`). Audited.',
  })
  @RequirePermission('followup.read')
  @Get('history')
  history(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<FollowupHistory> {
    return this.followup.history(context, id);
  }

  @ApiOperation({
    summary:
      'Signs off the diagnosis from a workup whose criteria are met (422 otherwise; 409 when already signed off).',
  })
  @RequirePermission('followup.record')
  @Post('diagnosis')
  signOff(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: SignOffDiagnosisDto,
  ): Promise<FollowupView> {
    return this.followup.signOff(context, id, body);
  }

  @ApiOperation({
    summary:
      'Records the staging inputs (a new record; earlier ones are kept) and stages as of the diagnosis.',
  })
  @RequirePermission('followup.record')
  @Post('staging')
  staging(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: RecordStagingDto,
  ): Promise<FollowupView> {
    return this.followup.recordStaging(context, id, body);
  }

  @ApiOperation({
    summary:
      'Records risk inputs (PASP, pleural effusion, eGFR with method, albumin), a new record beside those read from results.',
  })
  @RequirePermission('followup.record')
  @Post('risk')
  risk(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: RecordRiskDto,
  ): Promise<FollowupView> {
    return this.followup.recordRisk(context, id, body);
  }

  @ApiOperation({
    summary:
      "Records the next treatment line; the previous line's open instances are cancelled (superseded_by_line).",
  })
  @RequirePermission('followup.record')
  @Post('lines')
  createLine(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: CreateTreatmentLineDto,
  ): Promise<FollowupView> {
    return this.followup.createLine(context, id, body);
  }

  @ApiOperation({
    summary: 'Changes a treatment line; 409 when `version` is stale.',
  })
  @RequirePermission('followup.record')
  @Patch('lines/:line')
  updateLine(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('line', uuidPipe) lineId: string,
    @Body() body: UpdateTreatmentLineDto,
  ): Promise<FollowupView> {
    return this.followup.updateLine(context, id, lineId, body);
  }

  @ApiOperation({
    summary:
      'Ends a treatment line with its end date and stop reason; 409 when `version` is stale.',
  })
  @RequirePermission('followup.record')
  @HttpCode(200)
  @Post('lines/:line/end')
  endLine(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('line', uuidPipe) lineId: string,
    @Body() body: EndTreatmentLineDto,
  ): Promise<FollowupView> {
    return this.followup.updateLine(context, id, lineId, body, 'end');
  }

  @ApiOperation({ summary: 'Schedules a follow-up instance.' })
  @RequirePermission('followup.schedule')
  @HttpCode(200)
  @Post('instances/:instance/schedule')
  schedule(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('instance', uuidPipe) instanceId: string,
    @Body() body: ScheduleInstanceDto,
  ): Promise<FollowupView> {
    return this.followup.actOnInstance(
      context,
      id,
      instanceId,
      'schedule',
      body,
    );
  }

  @ApiOperation({ summary: 'Marks a follow-up instance performed.' })
  @RequirePermission('followup.schedule')
  @HttpCode(200)
  @Post('instances/:instance/perform')
  perform(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('instance', uuidPipe) instanceId: string,
    @Body() body: PerformInstanceDto,
  ): Promise<FollowupView> {
    return this.followup.actOnInstance(
      context,
      id,
      instanceId,
      'perform',
      body,
    );
  }

  @ApiOperation({
    summary:
      'Cancels a follow-up instance with a reason (the domain is then not evaluable at that time point).',
  })
  @RequirePermission('followup.schedule')
  @HttpCode(200)
  @Post('instances/:instance/cancel')
  cancel(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('instance', uuidPipe) instanceId: string,
    @Body() body: ReasonInstanceDto,
  ): Promise<FollowupView> {
    return this.followup.actOnInstance(context, id, instanceId, 'cancel', body);
  }

  @ApiOperation({ summary: 'Activates a conditional follow-up instance.' })
  @RequirePermission('followup.record')
  @HttpCode(200)
  @Post('instances/:instance/activate')
  activate(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('instance', uuidPipe) instanceId: string,
    @Body() body: ActivateInstanceDto,
  ): Promise<FollowupView> {
    return this.followup.actOnInstance(
      context,
      id,
      instanceId,
      'activate',
      body,
    );
  }

  @ApiOperation({
    summary:
      "Records a result on an instance (the workup's result shapes plus ONLS/mRS, PET reader fields, chemistry panel); a repeat joins the series, `corrects` corrects one (both kept).",
  })
  @RequirePermission('followup.record')
  @HttpCode(200)
  @Post('instances/:instance/result')
  result(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('instance', uuidPipe) instanceId: string,
    @Body() body: FollowupResultDto,
  ): Promise<FollowupView> {
    return this.followup.recordResult(context, id, instanceId, body);
  }
}
