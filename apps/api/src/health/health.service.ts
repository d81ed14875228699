import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthDto } from './health.dto';

/** How long the database gets to answer before it counts as down. */
export const DATABASE_PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  /** Probes the database with `SELECT 1`; never waits longer than {@link DATABASE_PROBE_TIMEOUT_MS}. */
  async check(): Promise<HealthDto> {
    const up = await this.databaseAnswers();
    return up
      ? { status: 'ok', database: 'up' }
      : { status: 'error', database: 'down' };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_PROBE_TIMEOUT_MS);
    });
    const probe = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
