import { Module } from '@nestjs/common';
import { EvaluationRecorder } from './evaluation-recorder';
import { ItemActionsController } from './item-actions.controller';
import { ItemActionsService } from './item-actions.service';
import { RulesReevaluation } from './rules-reevaluation';
import { WorkupsController } from './workups.controller';
import { WorkupsRepository } from './workups.repository';
import { WorkupsService } from './workups.service';

@Module({
  controllers: [WorkupsController, ItemActionsController],
  providers: [
    WorkupsService,
    ItemActionsService,
    WorkupsRepository,
    EvaluationRecorder,
    RulesReevaluation,
  ],
  exports: [WorkupsService, ItemActionsService, WorkupsRepository],
})
export class WorkupsModule {}
