import {
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';

/** Months prepared ahead of the current one, so a month's partition exists long before it starts. */
export const AUDIT_PARTITION_MONTHS_AHEAD = 3;

/** How often each replica checks the horizon; a missed run has months of slack. */
export const AUDIT_PARTITION_CHECK_INTERVAL_MS = 6 * 60 * 60_000;

// One key for every replica: one of them prepares partitions, the others skip that round.
const PARTITIONS_LOCK = `hashtext('poems-audit-partitions')`;

/**
 * Keeps the monthly partitions of `audit_events` prepared ahead of time: at start and every
 * {@link AUDIT_PARTITION_CHECK_INTERVAL_MS}, the current month and
 * {@link AUDIT_PARTITION_MONTHS_AHEAD} more get their partition unless they have one. The work is
 * done by the SQL function `audit_events_ensure_partition` (idempotent); a transaction-scoped
 * advisory lock keeps replicas from doing it twice at once. Creating a partition briefly locks the
 * whole log, so it gives up after a short lock timeout rather than queue every audit insert behind
 * a long export, and retries on the next round. Nothing here ever detaches or drops a partition:
 * retiring old months is the explicit `npm run audit:retention`.
 */
@Injectable()
export class AuditPartitions
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @InjectPinoLogger(AuditPartitions.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.round();
    this.timer = setInterval(
      () => this.round(),
      AUDIT_PARTITION_CHECK_INTERVAL_MS,
    );
    // Never keep the process alive just for this.
    this.timer.unref();
  }

  /** Stops the timer and waits for a round in flight, so the pool is not closed under it. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * Creates the missing partitions from the current month to {@link AUDIT_PARTITION_MONTHS_AHEAD}
   * months ahead; returns the names created (none when another replica holds the lock).
   */
  async ensureAhead(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(
        `SELECT pg_try_advisory_xact_lock(${PARTITIONS_LOCK}) AS locked`,
      )) as [{ locked: boolean }];
      if (!locked) {
        return [];
      }
      await manager.query(`SET LOCAL lock_timeout = '2s'`);
      const months = (await manager.query(
        `SELECT to_char(month, 'YYYYMM') AS month,
                audit_events_ensure_partition(month::date) AS created
           FROM generate_series(
                  date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC'),
                  date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC') + make_interval(months => $2),
                  interval '1 month') AS month`,
        [this.clock.now().toISOString(), AUDIT_PARTITION_MONTHS_AHEAD],
      )) as { month: string; created: boolean }[];
      return months
        .filter((row) => row.created)
        .map((row) => `audit_events_p${row.month}`);
    });
  }

  private round(): void {
    this.running = this.running.then(async () => {
      try {
        const created = await this.ensureAhead();
        if (created.length > 0) {
          this.logger.info({ partitions: created }, 'Audit partitions created');
        }
      } catch (error) {
        // Months of slack remain and the default partition takes any row meanwhile.
        this.logger.warn({ err: error }, 'Preparing audit partitions failed');
      }
    });
  }
}
