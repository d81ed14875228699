import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { getProtocol, RULES_VERSION } from '@poems/domain';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import { Clock } from '../common/clock/clock';
import type { RequestContext } from '../common/request-context/request-context';
import { EvaluationRecorder } from './evaluation-recorder';
import { WorkupsRepository } from './workups.repository';

/** Who re-evaluates: the system itself, on start-up. */
const SYSTEM: RequestContext = {
  actor: null,
  requestId: 'rules-reevaluation',
  clientIp: 'local',
};

/**
 * When the evaluation rules change (`RULES_VERSION`), re-evaluates every open workup once, at
 * start-up, so lists and reports reflect the correction at once (domain reference §5, "Rules
 * versions"). Each re-evaluated workup gets a snapshot with cause "rules corrected" and an audit
 * event, in one transaction with the refreshed overall. A workup is due when its newest snapshot was
 * produced by older rules; once re-evaluated it is not due again, so a restart does nothing.
 * Closed workups are left alone: they keep the verdict they were closed with, and the rules
 * version that produced it.
 *
 * Replicas starting together on one database queue on an advisory lock: the second finds nothing
 * left to do.
 */
@Injectable()
export class RulesReevaluation implements OnApplicationBootstrap {
  private readonly logger = new Logger('RulesReevaluation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly workups: WorkupsRepository,
    private readonly evaluations: EvaluationRecorder,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const count = await this.run();
    if (count > 0) {
      this.logger.log(
        `Re-evaluated ${count} open workups under evaluation rules v${RULES_VERSION}`,
      );
    }
  }

  /** Re-evaluates the open workups judged by older rules; returns how many. */
  async run(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtext('poems-rules-reevaluation'))`,
      );
      const due = (await manager.query(
        `SELECT w.id FROM workups w
          WHERE w.status = 'open'
            AND coalesce((
                  SELECT e.rules_version FROM workup_evaluations e
                   WHERE e.workup_id = w.id ORDER BY e.id DESC LIMIT 1), 0) < $1
          ORDER BY w.id`,
        [RULES_VERSION],
      )) as { id: string }[];
      for (const { id } of due) {
        const workup = await this.workups.lock(manager, id);
        if (workup === null || workup.status !== 'open') {
          continue;
        }
        const previous = await this.workups.latestEvaluation(manager, id);
        const protocol = getProtocol(
          workup.protocolKey,
          workup.protocolVersion,
        );
        const items = await this.workups.items(manager, id);
        const from = workup.overall;
        const change = await this.evaluations.record(
          manager,
          workup,
          protocol,
          items,
          this.clock.now(),
          { cause: 'rules corrected' },
          { always: true },
        );
        await this.audit.record(manager, SYSTEM, {
          action: 'workup.evaluation',
          patientId: workup.patientId,
          entityType: 'workup',
          entityId: id,
          diff:
            from === change.evaluation.overall
              ? {}
              : { overall: { from, to: change.evaluation.overall } },
          details: {
            cause: 'rules corrected',
            rulesVersion: {
              from: previous?.rulesVersion ?? null,
              to: RULES_VERSION,
            },
            flags: change.evaluation.flags,
            ...(change.retracted && { retracted: true }),
          },
        });
      }
      return due.length;
    });
  }
}
