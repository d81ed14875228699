import type { Readable } from 'node:stream';
import { escapeLiteral, type PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import { inlineParams } from './completion-report.copy-sql';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { SqlQuery } from './completion-report.query';

/** Rows a cursor fetches per round trip; memory stays bounded by this and the stream buffers. */
export const REPORT_CURSOR_BATCH_SIZE = 500;

/**
 * The report's statements aggregate over many rows, which tempts PostgreSQL's JIT into compiling
 * them: measured at ~0.8 s of compilation for a query that then runs in ~1 s. Off for the
 * report's transaction only.
 */
export const NO_JIT = 'SET LOCAL jit = off';

/** A pooled client and the pool's release callback: an error destroys the client instead. */
type PooledClient = readonly [PoolClient, (error?: Error) => void];

/**
 * A client of its own, taken from the pool, holding one read-only REPEATABLE READ snapshot: the
 * summary of an export and the rows streamed after it see exactly the same data. Streaming keeps
 * the client for as long as the download lasts, so it must never come from a request's
 * transaction.
 */
export class ReportSnapshot {
  private closed = false;

  private constructor(
    private readonly client: PoolClient,
    private readonly release: (error?: Error) => void,
  ) {}

  static async open(dataSource: DataSource): Promise<ReportSnapshot> {
    const driver = dataSource.driver as PostgresDriver;
    const [client, release] =
      (await driver.obtainMasterConnection()) as unknown as PooledClient;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(NO_JIT);
    } catch (error) {
      release(error as Error);
      throw error;
    }
    return new ReportSnapshot(client, release);
  }

  async query<T>(query: SqlQuery): Promise<T[]> {
    return (await this.client.query(query.sql, [...query.params])).rows as T[];
  }

  /** The rows of a query through a server-side cursor, in batches, as an object stream. */
  stream(query: SqlQuery): QueryStream {
    return this.client.query(
      new QueryStream(query.sql, [...query.params], {
        batchSize: REPORT_CURSOR_BATCH_SIZE,
      }),
    );
  }

  /**
   * The rows of a query as CSV text produced by PostgreSQL (`COPY … TO STDOUT`, with a header of
   * the column names), streamed as it comes. Timestamps are formatted on `timeZone`'s clock: the
   * transaction's TimeZone is set to it first.
   */
  async copyCsv(query: SqlQuery, timeZone: string): Promise<Readable> {
    await this.client.query("SELECT set_config('TimeZone', $1, true)", [
      timeZone,
    ]);
    return this.client.query(
      copyTo(
        `COPY (${inlineParams(query, escapeLiteral)}) TO STDOUT WITH (FORMAT csv, HEADER)`,
      ),
    );
  }

  /**
   * Ends the snapshot and hands the client back to the pool. After a failure or a client abort the
   * client is destroyed instead: its connection may still be mid-cursor, and closing the socket
   * also stops the server sending rows nobody will read. Calling it again does nothing.
   */
  close(error?: Error): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    if (error !== undefined) {
      this.release(error);
      return;
    }
    this.client.query('COMMIT').then(
      () => this.release(),
      (failure: Error) => this.release(failure),
    );
  }
}
