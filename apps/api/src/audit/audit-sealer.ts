import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import {
  type AuditCheckpoint,
  AuditCheckpointStore,
  newestCheckpoint,
} from './audit-checkpoints';
import {
  CHAIN_CONTENT_COLUMNS,
  type ChainContentRow,
  contentOf,
} from './audit-chain-rows';
import { auditEventHash, GENESIS_HASH } from './audit-hash';
import { AuditKeys } from './audit-keys';

// Not a literal: the test build targets a language level without bigint literals.
const ONE = BigInt(1);

/** How often each replica looks for events to seal. */
export const AUDIT_SEAL_INTERVAL_MS = 1_000;

/** Events sealed per transaction: bounds the sealer's memory and how long it holds row locks. */
export const AUDIT_SEAL_BATCH_SIZE = 1_000;

/** How long an explicit {@link AuditSealer.sealPending} waits for another replica's sealer. */
const LOCK_WAIT = '10s';

// One key for every replica, so at most one sealer extends the chain at a time.
const SEALER_LOCK = `hashtext('poems-audit-sealer')`;
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Chains committed audit events after the fact. Writers insert events unsealed and never wait for
 * one another; the sealer later gives each event, in id order, the next `chain_seq`, the previous
 * event's hash as `prev_hash`, and its own hash. Events that commit late with a lower id simply get
 * a later `chain_seq`: the chain's order is `chain_seq`, not `id`.
 *
 * Runs on a timer in every replica; a transaction-scoped advisory lock keeps it to one sealer at a
 * time across replicas, and each batch commits on its own.
 *
 * Seals are keyed (HMAC, see {@link auditEventHash}), and every AUDIT_CHECKPOINT_INTERVAL_SECONDS
 * while the chain grows the sealer appends a signed checkpoint of the head to the checkpoint
 * directory and the log. It never extends a chain that disagrees with the newest checkpoint it
 * knows (head behind it, or another seal at its position): sealing fresh events on top of a cut
 * or rewritten tail would make the forgery look sealed.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failing = false;
  // Serialises this replica's runs (timer and explicit calls) so they do not queue on the lock.
  private queue: Promise<unknown> = Promise.resolve();
  /** The newest checkpoint known: the chain must still agree with it before it is extended. */
  private anchor: AuditCheckpoint | undefined;
  private anchorLoaded = false;
  private lastCheckpointAt = 0;
  private refusing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: AuditKeys,
    private readonly checkpoints: AuditCheckpointStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPinoLogger(AuditSealer.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    // The first checkpoint one interval after start: a restart loop must not flood the directory.
    this.lastCheckpointAt = Date.now();
    this.scheduleTick();
  }

  /**
   * Appends a signed checkpoint of the chain's current head, unless the newest checkpoint already
   * names it or the chain disagrees with that checkpoint. Returns the checkpoint written, if any.
   */
  checkpoint(): Promise<AuditCheckpoint | undefined> {
    return this.enqueue(() => this.writeCheckpoint());
  }

  /** Stops the timer and waits for a batch in flight, so the pool is not closed under it. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.queue;
  }

  /**
   * Seals every event committed before the call, waiting (up to {@link LOCK_WAIT}) for a sealer
   * running in another replica. Returns how many events this call sealed; events still unsealed
   * afterwards were committed meanwhile or another replica held the lock too long.
   */
  sealPending(): Promise<number> {
    return this.enqueue(() => this.drain(true));
  }

  private scheduleTick(): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => void this.tick(), AUDIT_SEAL_INTERVAL_MS);
    // Never keep the process alive just to seal.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.enqueue(() => this.drain(false));
      if (
        Date.now() - this.lastCheckpointAt >=
        this.config.audit.checkpointIntervalSeconds * 1_000
      ) {
        await this.enqueue(() => this.writeCheckpoint());
      }
      if (this.failing) {
        this.failing = false;
        this.logger.info('Sealing audit events works again');
      }
    } catch (error) {
      // The next tick retries and unsealed events wait safely in the table meanwhile, so an
      // outage is reported once, not every second.
      if (!this.failing) {
        this.failing = true;
        this.logger.warn({ err: error }, 'Sealing audit events failed');
      }
    } finally {
      this.scheduleTick();
    }
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeCheckpoint(): Promise<AuditCheckpoint | undefined> {
    this.lastCheckpointAt = Date.now();
    await this.refreshAnchor();
    const [head] = (await this.dataSource.query(
      `SELECT chain_seq::text AS seq, hash FROM audit_events
        WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
    )) as { seq: string; hash: string }[];
    if (
      head === undefined ||
      (this.anchor !== undefined && BigInt(head.seq) <= BigInt(this.anchor.seq))
    ) {
      return undefined;
    }
    if (!(await this.agreesWithAnchor(this.dataSource.manager, head))) {
      this.reportRefusal();
      return undefined;
    }
    const checkpoint = await this.checkpoints.append(
      head.seq,
      head.hash,
      new Date(),
    );
    this.anchor = checkpoint;
    // The log is a second copy outside the database, e.g. in a SIEM.
    this.logger.info({ auditCheckpoint: checkpoint }, 'Audit checkpoint');
    return checkpoint;
  }

  /** Takes the newest checkpoint on disk (another replica may have written it) if it is further. */
  private async refreshAnchor(): Promise<void> {
    const { checkpoints } = await this.checkpoints.readNewest();
    const newest = newestCheckpoint(
      this.anchor === undefined ? checkpoints : [...checkpoints, this.anchor],
    );
    this.anchor = newest;
    this.anchorLoaded = true;
  }

  /** Whether the chain still has the anchor's seal at the anchor's position. */
  private async agreesWithAnchor(
    manager: EntityManager,
    head: { seq: string; hash: string } | undefined,
  ): Promise<boolean> {
    const anchor = this.anchor;
    if (anchor === undefined) {
      return true;
    }
    if (head === undefined || BigInt(head.seq) < BigInt(anchor.seq)) {
      return false;
    }
    if (head.seq === anchor.seq) {
      return head.hash === anchor.mac;
    }
    const [row] = (await manager.query(
      `SELECT hash FROM audit_events WHERE chain_seq = $1`,
      [anchor.seq],
    )) as { hash: string }[];
    // A position retired by `audit:retention` is gone legitimately; verify accounts for it.
    return row === undefined || row.hash === anchor.mac;
  }

  private reportRefusal(): void {
    if (!this.refusing) {
      this.refusing = true;
      this.logger.error(
        { auditCheckpoint: this.anchor },
        'The audit chain disagrees with the newest checkpoint (events removed or rewritten); sealing stopped until it is investigated',
      );
    }
  }

  /** Seals batch after batch until none is left or another replica holds the lock. */
  private async drain(wait: boolean): Promise<number> {
    if (!this.anchorLoaded) {
      await this.refreshAnchor();
    }
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch(wait);
      if (sealed === 'locked' || sealed === 'refused') {
        return total;
      }
      total += sealed;
      if (sealed < AUDIT_SEAL_BATCH_SIZE) {
        return total;
      }
    }
  }

  private async sealBatch(
    wait: boolean,
  ): Promise<number | 'locked' | 'refused'> {
    try {
      // READ COMMITTED whatever the server's default: each statement must see the batch the
      // previous holder of the lock committed, which a snapshot taken before the lock would not.
      return await this.dataSource.transaction('READ COMMITTED', (manager) =>
        this.sealBatchIn(manager, wait),
      );
    } catch (error) {
      if (wait && driverCodeOf(error) === LOCK_NOT_AVAILABLE) {
        return 'locked';
      }
      throw error;
    }
  }

  private async sealBatchIn(
    manager: EntityManager,
    wait: boolean,
  ): Promise<number | 'locked' | 'refused'> {
    if (wait) {
      await manager.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
      await manager.query(`SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
    } else {
      const [{ locked }] = (await manager.query(
        `SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}) AS locked`,
      )) as [{ locked: boolean }];
      if (!locked) {
        return 'locked';
      }
    }
    // Read only after taking the lock, so the head is the previous sealer's committed last seal.
    const [head] = (await manager.query(
      `SELECT chain_seq::text AS seq, hash FROM audit_events
        WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
    )) as { seq: string; hash: string }[];
    const rows = (await manager.query(
      `SELECT ${CHAIN_CONTENT_COLUMNS} FROM audit_events
        WHERE chain_seq IS NULL ORDER BY id LIMIT $1`,
      [AUDIT_SEAL_BATCH_SIZE],
    )) as ChainContentRow[];
    if (rows.length === 0) {
      return 0;
    }
    if (!(await this.agreesWithAnchor(manager, head))) {
      this.reportRefusal();
      return 'refused';
    }
    this.refusing = false;

    let seq = BigInt(head?.seq ?? 0);
    let prevHash = head?.hash ?? GENESIS_HASH;
    const seals = {
      ids: [] as string[],
      occurredAt: [] as string[],
      seqs: [] as string[],
      prevHashes: [] as string[],
      hashes: [] as string[],
    };
    for (const row of rows) {
      seq += ONE;
      const hash = auditEventHash(this.keys.hmacKey, prevHash, contentOf(row));
      seals.ids.push(row.id);
      seals.occurredAt.push(row.occurred_at_utc);
      seals.seqs.push(seq.toString());
      seals.prevHashes.push(prevHash);
      seals.hashes.push(hash);
      prevHash = hash;
    }

    // One statement for the whole batch. Matching on occurred_at too lets a table partitioned by
    // time prune to the right partition instead of relying on id alone. No `chain_seq IS NULL`
    // here: it would steer the planner to scan the whole backlog through the partial index for
    // every batch; the lock makes it redundant, and the trigger refuses to seal a row twice.
    const [, updated] = (await manager.query(
      `UPDATE audit_events AS e
          SET chain_seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
         FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[], $4::text[], $5::text[])
              AS s(id, occurred_at, seq, prev_hash, hash)
        WHERE e.id = s.id AND e.occurred_at = s.occurred_at`,
      [seals.ids, seals.occurredAt, seals.seqs, seals.prevHashes, seals.hashes],
    )) as [unknown, number];
    if (updated !== rows.length) {
      // Rolls the batch back: a partial batch would leave a gap in the chain.
      throw new Error(
        `Audit sealing expected to seal ${rows.length} events but sealed ${updated}`,
      );
    }
    return rows.length;
  }
}

function driverCodeOf(error: unknown): unknown {
  const { driverError, code } = (error ?? {}) as {
    driverError?: { code?: unknown };
    code?: unknown;
  };
  return driverError?.code ?? code;
}
