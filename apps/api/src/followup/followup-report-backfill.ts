import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FollowupService } from './followup.service';

/**
 * Writes the report facts (`followup_report_facts`) of every patient signed off before the report
 * kept them, once, at start-up: the facts come from the domain's evaluation, which the migration
 * that created the table cannot run. A patient with facts is never due again, so a restart does
 * nothing. Replicas starting together queue on an advisory lock: the second finds nothing to do.
 */
@Injectable()
export class FollowupReportBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('FollowupReportBackfill');

  constructor(
    private readonly dataSource: DataSource,
    private readonly followup: FollowupService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const count = await this.run();
    if (count > 0) {
      this.logger.log(`Kept the follow-up report facts of ${count} patients`);
    }
  }

  /** Writes the missing facts; returns for how many patients. */
  async run(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtext('poems-followup-report-backfill'))`,
      );
      const due = (await manager.query(
        `SELECT d.patient_id AS id FROM diagnoses d
          WHERE NOT EXISTS (SELECT 1 FROM followup_report_facts f WHERE f.patient_id = d.patient_id)
          ORDER BY d.patient_id`,
      )) as { id: string }[];
      for (const { id } of due) {
        await this.followup.refreshReportFacts(manager, id);
      }
      return due.length;
    });
  }
}
