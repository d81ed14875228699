import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';

/** How often each replica purges; rows only wait longer past their retention. */
export const SESSION_PURGE_INTERVAL_MS = 60 * 60_000;

/** Rows deleted per statement, so a purge never holds many locks or a long transaction. */
export const SESSION_PURGE_BATCH = 1_000;

/** Statements per round at most: a large backlog is worked off over several rounds. */
export const SESSION_PURGE_MAX_BATCHES = 20;

/** What one round removed. */
export interface SessionPurgeResult {
  readonly sessions: number;
  readonly mfaChallenges: number;
}

/**
 * Removes sessions ended (or past their absolute end) more than SESSION_RETENTION_DAYS ago, and
 * two-step sign-in challenges a day after they expired, at start and every
 * {@link SESSION_PURGE_INTERVAL_MS}. Bounded: batches of {@link SESSION_PURGE_BATCH} rows, at most
 * {@link SESSION_PURGE_MAX_BATCHES} per round, rows locked by another replica's purge skipped. The
 * audit trail keeps every sign-in and session end (with the session's id); only the session rows
 * go.
 */
@Injectable()
export class SessionPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @InjectPinoLogger(SessionPurge.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.round();
    this.timer = setInterval(() => this.round(), SESSION_PURGE_INTERVAL_MS);
    // Never keep the process alive just for this.
    this.timer.unref();
  }

  /** Stops the timer and waits for a round in flight, so the pool is not closed under it. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One bounded round; returns how many rows went. */
  async purge(): Promise<SessionPurgeResult> {
    let sessions = 0;
    let mfaChallenges = 0;
    for (let batch = 0; batch < SESSION_PURGE_MAX_BATCHES; batch++) {
      // TypeORM answers a DELETE … RETURNING with [rows, affected].
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM sessions WHERE id IN (
           SELECT id FROM sessions
            WHERE coalesce(ended_at, expires_at) < now() - make_interval(days => $1)
            LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [this.config.sessionRetentionDays, SESSION_PURGE_BATCH],
      )) as [unknown[], number];
      sessions += deleted;
      if (deleted < SESSION_PURGE_BATCH) {
        break;
      }
    }
    for (let batch = 0; batch < SESSION_PURGE_MAX_BATCHES; batch++) {
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM mfa_challenges WHERE token_hash IN (
           SELECT token_hash FROM mfa_challenges
            WHERE expires_at < now() - interval '1 day'
            LIMIT $1 FOR UPDATE SKIP LOCKED)`,
        [SESSION_PURGE_BATCH],
      )) as [unknown[], number];
      mfaChallenges += deleted;
      if (deleted < SESSION_PURGE_BATCH) {
        break;
      }
    }
    return { sessions, mfaChallenges };
  }

  private round(): void {
    this.running = this.running.then(async () => {
      try {
        const purged = await this.purge();
        if (purged.sessions + purged.mfaChallenges > 0) {
          this.logger.info(purged, 'Old sessions purged');
        }
      } catch (error) {
        // Rows only wait for the next round.
        this.logger.warn({ err: error }, 'Purging old sessions failed');
      }
    });
  }
}
