import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The outcome of counting one hit against a limit. */
export interface RateLimitState {
  readonly allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  readonly retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL, so every API replica shares them. One upsert per hit:
 * a window that has expired starts over at one.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  async hit(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<RateLimitState> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, window_started_at, hits)
       VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE r.hits + 1 END,
         window_started_at = CASE WHEN r.window_started_at <= now() - make_interval(secs => $2)
                                  THEN now() ELSE r.window_started_at END
       RETURNING hits,
         ceil(extract(epoch FROM r.window_started_at + make_interval(secs => $2) - now()))::int AS retry_after`,
      [key, windowSeconds],
    )) as { hits: number; retry_after: number }[];
    if (row === undefined) {
      throw new Error('The rate-limit upsert returned no row');
    }
    return {
      allowed: row.hits <= limit,
      retryAfterSeconds: Math.max(1, row.retry_after),
    };
  }
}
