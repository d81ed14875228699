import type { DataSource, EntityManager } from 'typeorm';

/** What {@link retireAuditPartitions} does with the partitions it retires. */
export type RetentionMode =
  /** Only reports what would be retired. */
  | 'dry-run'
  /** Detaches them from the log and keeps them as `audit_retired_pYYYYMM` tables, to archive. */
  | 'detach'
  /** Detaches and drops them. */
  | 'drop';

/** A month partition old enough to retire. */
export interface RetiredPartition {
  /** `audit_events_pYYYYMM`. */
  readonly name: string;
  readonly events: number;
}

/** What a retention run found and did. */
export interface RetentionResult {
  readonly mode: RetentionMode;
  readonly retentionMonths: number;
  /** Start of the oldest month kept (UTC); partitions ending at or before it are eligible. */
  readonly cutoff: string;
  /** The partitions retired (or, in a dry run, that would be). */
  readonly retired: readonly RetiredPartition[];
  /** Eligible partitions kept anyway, and why. */
  readonly kept: readonly { readonly name: string; readonly reason: string }[];
  /** The chain position where verification starts afterwards; null when nothing is retired. */
  readonly firstKeptSeq: string | null;
}

// The sealer's key: no event is chained while partitions leave the log.
const SEALER_LOCK = `hashtext('poems-audit-sealer')`;
const PARTITION = /^audit_events_p(\d{4})(\d{2})$/;

interface PartitionStats {
  readonly name: string;
  readonly events: number;
  readonly unsealed: number;
  /** Highest chain_seq, as text; null when none is sealed. */
  readonly maxSeq: string | null;
}

/**
 * Retires the monthly partitions of `audit_events` that lie entirely before the retention window
 * (`retentionMonths` before the current UTC month). Never run automatically: this is the
 * `npm run audit:retention` command, a dry run unless told to detach or drop.
 *
 * Only the oldest partitions can go, and only as a prefix of the hash chain: every retired event
 * must be sealed and numbered below every kept one, so that the kept events still form one
 * unbroken chain from a later start. An eligible partition that would break this is kept (and
 * reported); the default partition is never retired. The run records an `audit.retention` event in
 * the same transaction, naming the first kept position and the link it must carry: the verifier
 * accepts a chain that starts there only because of that event, which is itself chained.
 */
export async function retireAuditPartitions(
  dataSource: DataSource,
  options: {
    readonly retentionMonths: number;
    readonly mode: RetentionMode;
    readonly now: Date;
    /** Who ran the command, for the audit event (an OS user name, never patient data). */
    readonly operator: string;
  },
): Promise<RetentionResult> {
  const cutoff = new Date(
    Date.UTC(
      options.now.getUTCFullYear(),
      options.now.getUTCMonth() - options.retentionMonths,
      1,
    ),
  );
  return dataSource.transaction('READ COMMITTED', async (manager) => {
    await manager.query(`SET LOCAL lock_timeout = '10s'`);
    await manager.query(`SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
    const eligible = await eligiblePartitions(manager, cutoff);
    const { retired, kept, firstKept } = await retirablePrefix(
      manager,
      eligible,
    );
    const result: RetentionResult = {
      mode: options.mode,
      retentionMonths: options.retentionMonths,
      cutoff: cutoff.toISOString(),
      retired: retired.map(({ name, events }) => ({ name, events })),
      kept,
      firstKeptSeq: retired.length > 0 ? (firstKept?.seq ?? null) : null,
    };
    if (options.mode === 'dry-run' || retired.length === 0) {
      return result;
    }
    await manager.query(
      `INSERT INTO audit_events (action, outcome, entity_type, details)
       VALUES ('audit.retention', 'success', 'audit_log', $1)`,
      [
        JSON.stringify({
          command: 'audit:retention',
          operator: options.operator,
          mode: options.mode,
          retentionMonths: options.retentionMonths,
          cutoff: result.cutoff,
          partitions: result.retired,
          firstKeptSeq: firstKept?.seq,
          firstKeptPrevHash: firstKept?.prevHash,
        }),
      ],
    );
    for (const { name } of retired) {
      await manager.query(
        `ALTER TABLE audit_events DETACH PARTITION ${quoteName(name)}`,
      );
      await manager.query(
        options.mode === 'drop'
          ? `DROP TABLE ${quoteName(name)}`
          : `ALTER TABLE ${quoteName(name)} RENAME TO ${quoteName(name.replace('audit_events_', 'audit_retired_'))}`,
      );
    }
    return result;
  });
}

/** Month partitions ending at or before the cutoff, oldest first, with their chain statistics. */
async function eligiblePartitions(
  manager: EntityManager,
  cutoff: Date,
): Promise<PartitionStats[]> {
  const names = (
    (await manager.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_events'::regclass ORDER BY c.relname`,
    )) as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => {
      const match = PARTITION.exec(name);
      return (
        match !== null &&
        Date.UTC(Number(match[1]), Number(match[2]), 1) <= cutoff.getTime()
      );
    });
  const stats: PartitionStats[] = [];
  for (const name of names) {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS events,
              (count(*) FILTER (WHERE chain_seq IS NULL))::int AS unsealed,
              max(chain_seq)::text AS max_seq
         FROM ${quoteName(name)}`,
    )) as { events: number; unsealed: number; max_seq: string | null }[];
    stats.push({
      name,
      events: row?.events ?? 0,
      unsealed: row?.unsealed ?? 0,
      maxSeq: row?.max_seq ?? null,
    });
  }
  return stats;
}

/** The longest run of the oldest eligible partitions that can leave without breaking the chain. */
async function retirablePrefix(
  manager: EntityManager,
  eligible: readonly PartitionStats[],
): Promise<{
  retired: PartitionStats[];
  kept: { name: string; reason: string }[];
  firstKept: { seq: string; prevHash: string } | undefined;
}> {
  for (let count = eligible.length; count > 0; count -= 1) {
    const retired = eligible.slice(0, count);
    if (retired.some((p) => p.unsealed > 0)) {
      continue;
    }
    const firstKept = await firstKeptEvent(
      manager,
      retired.map((p) => p.name),
    );
    const highestRetired = retired.reduce<bigint>(
      (max, p) =>
        p.maxSeq !== null && BigInt(p.maxSeq) > max ? BigInt(p.maxSeq) : max,
      BigInt(0),
    );
    if (firstKept !== undefined && BigInt(firstKept.seq) > highestRetired) {
      return {
        retired,
        kept: eligible.slice(count).map((p) => ({
          name: p.name,
          reason: keptReason(p),
        })),
        firstKept,
      };
    }
  }
  return {
    retired: [],
    kept: eligible.map((p) => ({ name: p.name, reason: keptReason(p) })),
    firstKept: undefined,
  };
}

function keptReason(partition: PartitionStats): string {
  return partition.unsealed > 0
    ? `${partition.unsealed} events are not sealed yet`
    : 'its events are chained after events that are kept';
}

/** The lowest sealed event outside the given partitions. */
async function firstKeptEvent(
  manager: EntityManager,
  retired: readonly string[],
): Promise<{ seq: string; prevHash: string } | undefined> {
  const [row] = (await manager.query(
    `SELECT chain_seq::text AS seq, prev_hash FROM audit_events
      WHERE chain_seq IS NOT NULL AND tableoid <> ALL ($1::regclass[])
      ORDER BY chain_seq LIMIT 1`,
    [retired],
  )) as { seq: string; prev_hash: string }[];
  return row === undefined
    ? undefined
    : { seq: row.seq, prevHash: row.prev_hash };
}

/** Partition names come from the catalog and match {@link PARTITION}; quoted all the same. */
function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
