import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, itemActionPermission, may } from '@poems/domain';
import {
  type BulkActionResult,
  type BulkItemOutcome,
  type WorklistPage,
} from '@poems/contract';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import { problemFor } from '../common/problem/problem-mapping';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { ReadDatabase } from '../database/read-database';
import { ItemActionsService } from '../workups/item-actions.service';
import { WorkupsService } from '../workups/workups.service';
import type { BulkActionDto, WorklistQuery } from './worklist.dto';
import { worklistRow } from './worklist-row';
import {
  WORKLIST_COUNT_CAP,
  WorklistRepository,
  type WorklistFilter,
} from './worklist.repository';

/** The coordinator's worklist: what is overdue, due soon, unscheduled or waiting, across patients. */
@Injectable()
export class WorklistService {
  private readonly logger = new Logger(WorklistService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly read: ReadDatabase,
    private readonly worklist: WorklistRepository,
    private readonly workups: WorkupsService,
    private readonly actions: ItemActionsService,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async page(
    context: RequestContext,
    query: WorklistQuery,
  ): Promise<WorklistPage> {
    const window = this.workups.window();
    const filter: WorklistFilter = {
      patient: query.patient,
      item: query.item,
      location: query.location,
      attending: query.attending,
    };
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
          filter,
        ),
        counts: await this.worklist.counts(manager, window, filter),
      }),
    );
    const filters = Object.fromEntries(
      Object.entries(filter).filter(([, value]) => value !== undefined),
    );
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'worklist.read',
        entityType: 'workup_item',
        details: {
          bucket: query.bucket,
          page: query.page,
          ...(Object.keys(filters).length > 0 && { filters }),
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
      items: records.map((r) =>
        worklistRow(r, query.bucket, window, this.config.clinicTimeZone),
      ),
    };
  }

  /**
   * One action on several items, each exactly as its own request would run it — in its own
   * transaction, with its version checked and its audit event written — so one stale or refused
   * item never undoes or blocks the others. Every item's outcome is reported.
   */
  async bulk(
    context: RequestContext,
    body: BulkActionDto,
  ): Promise<BulkActionResult> {
    const role = context.actor?.role;
    if (role === undefined || !may(role, itemActionPermission(body.action))) {
      throw new DomainError('forbidden', 'Your role may not do this.');
    }
    const outcomes: BulkItemOutcome[] = [];
    for (const ref of body.items) {
      outcomes.push(await this.bulkItem(context, body, ref));
    }
    const succeeded = outcomes.filter((o) => o.status === 200).length;
    return {
      action: body.action,
      succeeded,
      failed: outcomes.length - succeeded,
      items: outcomes,
    };
  }

  private async bulkItem(
    context: RequestContext,
    body: BulkActionDto,
    ref: BulkActionDto['items'][number],
  ): Promise<BulkItemOutcome> {
    const { workupId, key, version } = ref;
    try {
      const view =
        body.action === 'schedule'
          ? await this.actions.act(context, workupId, {
              key,
              action: 'schedule',
              body: {
                version,
                scheduledAt: body.scheduledAt ?? '',
                ...(body.location !== undefined && {
                  location: body.location,
                }),
                ...(body.dueDate !== undefined && { dueDate: body.dueDate }),
              },
            })
          : await this.actions.act(context, workupId, {
              key,
              action: 'perform',
              body: { version, performedAt: body.performedAt ?? '' },
            });
      const item = view.items.find((i) => i.key === key);
      return { workupId, key, status: 200, version: item?.version };
    } catch (error) {
      const problem = problemFor(error);
      if (problem.unexpected) {
        // The item's outcome is unknown to the client; the others still run. No patient data.
        this.logger.error(
          `bulk ${body.action} failed unexpectedly: ${(error as Error).message}`,
        );
      }
      return {
        workupId,
        key,
        status: problem.status,
        code: problem.code,
        detail: problem.detail,
      };
    }
  }
}
