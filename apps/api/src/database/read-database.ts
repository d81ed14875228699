import type { DataSource } from 'typeorm';

/** Name of the TypeORM data source connected to DATABASE_READ_URL. */
export const READ_DATA_SOURCE = 'read';

/**
 * Where the heavy reads that tolerate replication lag go: the completion report, the audit-log
 * search and export, the worklist. It is the read replica (DATABASE_READ_URL) when one is
 * configured, else the primary DataSource itself. Only reads go through it: whatever those
 * requests write, their audit events above all, goes to the primary DataSource, in a transaction
 * of its own.
 */
export class ReadDatabase {
  constructor(
    readonly dataSource: DataSource,
    /** True when a separate read replica serves these reads. */
    readonly replica: boolean,
  ) {}
}
