import { Injectable } from '@nestjs/common';
import type { WorklistPage } from '@poems/domain';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import { ReadDatabase } from '../database/read-database';
import { WorkupsService } from '../workups/workups.service';
import type { WorklistQuery } from './worklist.dto';
import { worklistRow } from './worklist-row';
import { WORKLIST_COUNT_CAP, WorklistRepository } from './worklist.repository';

/** The coordinator's worklist: what is overdue, due soon, unscheduled or waiting, across patients. */
@Injectable()
export class WorklistService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly read: ReadDatabase,
    private readonly worklist: WorklistRepository,
    private readonly workups: WorkupsService,
    private readonly audit: AuditWriter,
  ) {}

  async page(
    context: RequestContext,
    query: WorklistQuery,
  ): Promise<WorklistPage> {
    const window = this.workups.window();
    // Read where lag-tolerant reads go (a replica, if any); the audit event is committed on the
    // primary before anything is returned.
    const { records, counts } = await this.read.dataSource.transaction(
      async (manager) => ({
        records: await this.worklist.page(
          manager,
          query.bucket,
          window,
          query.sort,
          query.page,
          query.pageSize,
        ),
        counts: await this.worklist.counts(manager, window),
      }),
    );
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'worklist.read',
        entityType: 'workup_item',
        details: {
          bucket: query.bucket,
          page: query.page,
          shownPatients: [...new Set(records.map((r) => r.patient_id))],
        },
      }),
    );
    return {
      bucket: query.bucket,
      counts,
      countCap: WORKLIST_COUNT_CAP,
      total: counts[query.bucket],
      page: query.page,
      pageSize: query.pageSize,
      items: records.map((r) => worklistRow(r, query.bucket, window)),
    };
  }
}
