import { Module } from '@nestjs/common';
import { FollowupReportBackfill } from './followup-report-backfill';
import { FollowupReportController } from './followup-report.controller';
import { FollowupReportService } from './followup-report.service';
import { FollowupController } from './followup.controller';
import { FollowupRepository } from './followup.repository';
import { FollowupService } from './followup.service';

@Module({
  controllers: [FollowupController, FollowupReportController],
  providers: [
    FollowupService,
    FollowupRepository,
    FollowupReportService,
    FollowupReportBackfill,
  ],
  exports: [FollowupService, FollowupRepository],
})
export class FollowupModule {}
