import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  EvaluationSnapshotView,
  ItemHistoryView,
  WorkupView,
} from '@poems/contract';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { uuidPipe } from '../common/validation/uuid.pipe';
import {
  OpenWorkupDto,
  SignOffWorkupDto,
  UpgradeWorkupDto,
  WorkupTransitionDto,
} from './workups.dto';
import { WorkupsService } from './workups.service';

@ApiTags('workups')
@ApiBearerAuth()
@Controller()
export class WorkupsController {
  constructor(private readonly workups: WorkupsService) {}

  @ApiOperation({
    summary:
      'Opens a workup from the protocol in force; 409 when the patient already has an open one.',
  })
  @RequirePermission('workup.open')
  @Post('patients/:id/workups')
  open(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) patientId: string,
    @Body() body: OpenWorkupDto,
  ): Promise<WorkupView> {
    return this.workups.open(context, patientId, body);
  }

  @ApiOperation({
    summary:
      'A workup: checklist, evaluation of the criteria (decision support) and completion.',
  })
  @RequirePermission('workup.read')
  @Get('workups/:id')
  read(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<WorkupView> {
    return this.workups.read(context, id);
  }

  @ApiOperation({ summary: 'Closes an open workup with a reason.' })
  @RequirePermission('workup.close')
  @HttpCode(200)
  @Post('workups/:id/close')
  close(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: WorkupTransitionDto,
  ): Promise<WorkupView> {
    return this.workups.close(context, id, body);
  }

  @ApiOperation({
    summary:
      'Reopens a closed workup with a reason; 409 when the patient has another open one.',
  })
  @RequirePermission('workup.reopen')
  @HttpCode(200)
  @Post('workups/:id/reopen')
  reopen(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: WorkupTransitionDto,
  ): Promise<WorkupView> {
    return this.workups.reopen(context, id, body);
  }

  @ApiOperation({
    summary:
      'Moves an open workup to a newer version of its protocol (by default the newest) with a reason: items kept by key with status, results and history; items the version adds arrive planned (conditional ones inactive); the evaluation is recomputed (snapshot cause `protocol upgraded`) and audited. 409 on a stale workup `version`, 422 for a closed workup or a version that is not newer.',
  })
  @RequirePermission('workup.upgrade')
  @HttpCode(200)
  @Post('workups/:id/upgrade')
  upgrade(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: UpgradeWorkupDto,
  ): Promise<WorkupView> {
    return this.workups.upgrade(context, id, body);
  }

  @ApiOperation({
    summary:
      "A hematologist attests the workup's evaluation as it stands: stored with the overall result, criteria, findings, result stamps and the protocol and rules versions, and audited. 409 on a stale workup `version`; 422 when no result or finding is recorded yet, or when this evaluation is already signed off. A later change to a finding or result marks it outdated (`signOff.outdated`, `outdatedSince`, `changes`).",
  })
  @RequirePermission('workup.sign-off')
  @HttpCode(200)
  @Post('workups/:id/sign-off')
  signOff(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: SignOffWorkupDto,
  ): Promise<WorkupView> {
    return this.workups.signOff(context, id, body);
  }

  @ApiOperation({
    summary:
      "The history of the workup's verdicts: every stored evaluation snapshot, oldest first — time, overall result, cause (`workup opened`, `item <action>`, `result corrected`, `rules corrected`, `protocol upgraded`) and the item behind it, protocol and evaluation rules versions, criterion statuses, flags, and `retracted` when a change ended `criteria_met`. Audited.",
  })
  @RequirePermission('workup.read')
  @Get('workups/:id/evaluations')
  evaluations(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<EvaluationSnapshotView[]> {
    return this.workups.verdictHistory(context, id);
  }

  @ApiOperation({
    summary:
      'Every lifecycle step of an item: from, to, actor, effective and recorded time, reason.',
  })
  @RequirePermission('workup.read')
  @Get('workups/:id/items/:key/history')
  history(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
  ): Promise<ItemHistoryView[]> {
    return this.workups.history(context, id, key);
  }
}
