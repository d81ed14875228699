import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import { safeError } from '../common/logging/logger';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';

const EVERY_MS = 6 * 3_600_000;

/**
 * Days after its inbox entries were dismissed that an unmatched message's raw copy is kept
 * (lab-interface reference §5): nothing of it reached a workup, so nothing clinical needs it.
 */
export const DISMISSED_RAW_RETENTION_DAYS = 30;

/**
 * Purges the raw copy of inbound messages older than INBOUND_RAW_RETENTION_DAYS, and of unmatched
 * ones (nothing applied, every inbox entry dismissed) 30 days after the last dismissal; the row,
 * its dedupe key and its ACK stay, so a late resend is still recognised. Runs at start and every
 * six hours on every replica, one at a time under an advisory lock; each purge is audited.
 */
@Injectable()
export class InboundRetention
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPinoLogger(InboundRetention.name)
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    void this.purge().catch((error: unknown) =>
      this.logger.warn(
        { err: safeError(error) },
        'Purging raw inbound messages failed',
      ),
    );
    this.timer = setInterval(() => {
      void this.purge().catch((error: unknown) =>
        this.logger.warn(
          { err: safeError(error) },
          'Purging raw inbound messages failed',
        ),
      );
    }, EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Purges what is due now; returns how many raw copies went. */
  async purge(now: Date = new Date()): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [lock] = (await m.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('poems-inbound-retention')) AS got`,
      )) as { got: boolean }[];
      if (!lock?.got) {
        return 0;
      }
      const cutoff = new Date(
        now.getTime() - this.config.inboundRawRetentionDays * 86_400_000,
      );
      const aged = (await m.query(
        `WITH purged AS (
           UPDATE inbound_messages SET raw = NULL, raw_purged_at = $2
            WHERE raw IS NOT NULL AND received_at < $1 RETURNING id)
         SELECT id FROM purged`,
        [cutoff, now],
      )) as unknown[];
      const dismissedBefore = new Date(
        now.getTime() - DISMISSED_RAW_RETENTION_DAYS * 86_400_000,
      );
      const dismissed = (await m.query(
        `WITH purged AS (
           UPDATE inbound_messages m SET raw = NULL, raw_purged_at = $2
            WHERE m.raw IS NOT NULL AND m.applied = 0
              AND EXISTS (SELECT 1 FROM inbox_entries e WHERE e.message_id = m.id)
              AND NOT EXISTS (
                SELECT 1 FROM inbox_entries e
                 WHERE e.message_id = m.id
                   AND (e.status <> 'dismissed' OR e.decided_at >= $1))
            RETURNING id)
         SELECT id FROM purged`,
        [dismissedBefore, now],
      )) as unknown[];
      await this.recordPurge(m, aged.length, {
        olderThan: cutoff.toISOString(),
        retentionDays: this.config.inboundRawRetentionDays,
      });
      await this.recordPurge(m, dismissed.length, {
        dismissedBefore: dismissedBefore.toISOString(),
        retentionDaysAfterDismissal: DISMISSED_RAW_RETENTION_DAYS,
      });
      const rows = aged.length + dismissed.length;
      if (rows > 0) {
        this.logger.info(
          { count: rows },
          'Raw inbound messages purged after their retention period',
        );
      }
      return rows;
    });
  }

  private async recordPurge(
    m: EntityManager,
    count: number,
    why: Record<string, string | number>,
  ): Promise<void> {
    if (count === 0) {
      return;
    }
    await this.audit.record(
      m,
      { actor: null, requestId: 'inbound-retention', clientIp: 'local' },
      {
        action: 'inbound.raw_purged',
        entityType: 'inbound_message',
        details: { count, ...why },
      },
    );
  }
}
