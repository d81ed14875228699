import { Module } from '@nestjs/common';
import { CompletionReportController } from './completion-report.controller';
import { CompletionReportService } from './completion-report.service';

/** Auditors' reports: the completion report as JSON, CSV and PDF. */
@Module({
  controllers: [CompletionReportController],
  providers: [CompletionReportService],
})
export class ReportsModule {}
