import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CHAIN_CONTENT_COLUMNS,
  contentOf,
  type SealedChainRow,
} from './audit-chain-rows';
import {
  type AuditCheckpoint,
  AuditCheckpointStore,
  newestCheckpoint,
} from './audit-checkpoints';
import {
  auditEventHash,
  GENESIS_HASH,
  unkeyedAuditEventHash,
} from './audit-hash';
import { AuditKeys } from './audit-keys';

// Not a literal: the test build targets a language level without bigint literals.
const ONE = BigInt(1);

/** Sealed events read per query while walking the chain: memory stays constant whatever its length. */
export const AUDIT_VERIFY_PAGE_SIZE = 1_000;

/** The outcome of walking the chain. */
export interface ChainVerification {
  readonly valid: boolean;
  /** Sealed events that verified, from the start of the chain up to the first broken one. */
  readonly checked: number;
  /** The id of the first event that does not verify. */
  readonly firstBrokenId?: string;
  /**
   * Set when the chain's oldest part was retired (`npm run audit:retention`): the `chain_seq` of
   * the first remaining event; events numbered below it are gone and were not checked.
   */
  readonly retiredBefore?: number;
  /** Chain positions a checkpoint attests but the log no longer has (its newest events are gone). */
  readonly truncated?: { readonly from: number; readonly to: number };
  /** The newest signed checkpoint the chain was checked against. */
  readonly checkpoint?: {
    readonly seq: number;
    readonly at: string;
    readonly keyId: string;
  };
  /** Lines of the newest checkpoint file not signed by a trusted key: the file was tampered with. */
  readonly checkpointsRejected?: number;
}

/**
 * Walks the sealed chain in `chain_seq` order and recomputes it: sequence numbers must run 1, 2,
 * 3… without gaps, each `prev_hash` must be the previous event's hash (the genesis value for the
 * first), and each hash must match the event's content. An edited event fails its own hash; a
 * removed or inserted one breaks the sequence or the link of the event after it.
 *
 * A chain whose oldest months were retired starts at a later number. That start is accepted only
 * when a sealed `audit.retention` event names it, with the link (`prev_hash`) the first remaining
 * event must carry: removing old events any other way still breaks verification, and the
 * retention event is itself covered by the chain.
 *
 * Seals are keyed, so a chain recomputed without the audit key fails at the first event it
 * changed. Each seal must verify under the current key or one that sealed earlier parts (keys are
 * tried oldest first and never go back to an older one). Deleting the newest events leaves a
 * chain that still verifies, so it is also checked against the newest signed checkpoint file:
 * every checkpointed position must carry the checkpointed seal, and positions beyond the chain's
 * end that a checkpoint attests are reported as `truncated`.
 */
@Injectable()
export class AuditChainVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: AuditKeys,
    private readonly checkpoints: AuditCheckpointStore,
  ) {}

  async verify(): Promise<ChainVerification> {
    const { checkpoints, rejected } = await this.checkpoints.readNewest();
    const anchors = new Map(checkpoints.map((c) => [c.seq, c.mac]));
    const walked = await this.walk(anchors);
    const newest = newestCheckpoint(checkpoints);
    const truncated =
      newest === undefined ? undefined : await this.missingUpTo(newest);
    return {
      ...walked,
      valid: walked.valid && truncated === undefined && rejected === 0,
      ...(truncated === undefined ? {} : { truncated }),
      ...(newest === undefined
        ? {}
        : {
            checkpoint: {
              seq: Number(newest.seq),
              at: newest.at,
              keyId: newest.keyId,
            },
          }),
      ...(rejected === 0 ? {} : { checkpointsRejected: rejected }),
    };
  }

  /** The positions up to a checkpoint that the chain no longer reaches. */
  private async missingUpTo(
    checkpoint: AuditCheckpoint,
  ): Promise<{ from: number; to: number } | undefined> {
    const [{ last }] = (await this.dataSource.query(
      `SELECT coalesce(max(chain_seq), 0)::text AS last FROM audit_events`,
    )) as [{ last: string }];
    return BigInt(last) < BigInt(checkpoint.seq)
      ? { from: Number(last) + 1, to: Number(checkpoint.seq) }
      : undefined;
  }

  private async walk(
    anchors: ReadonlyMap<string, string>,
  ): Promise<ChainVerification> {
    const keys = this.keys.hmacKeys;
    let keyIndex = 0;
    let expectedSeq = ONE;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let retired: { retiredBefore: number } | Record<string, never> = {};
    let after: SealedChainRow | undefined;
    for (;;) {
      const rows = await this.pageAfter(after);
      const first = rows[0];
      if (
        after === undefined &&
        first !== undefined &&
        BigInt(first.seq) > ONE
      ) {
        if (!(await this.retiredUpTo(first))) {
          return { valid: false, checked, firstBrokenId: first.id };
        }
        expectedSeq = BigInt(first.seq);
        prevHash = first.prev_hash ?? '';
        retired = { retiredBefore: Number(first.seq) };
      }
      for (const row of rows) {
        const content = contentOf(row);
        let hash: string | undefined;
        for (let k = keyIndex; k < keys.length && hash === undefined; k += 1) {
          const key = keys[k];
          const candidate =
            key === 'unkeyed'
              ? unkeyedAuditEventHash(prevHash, content)
              : auditEventHash(key as Buffer, prevHash, content);
          if (candidate === row.hash) {
            hash = candidate;
            keyIndex = k;
          }
        }
        const anchor = anchors.get(row.seq);
        const intact =
          hash !== undefined &&
          BigInt(row.seq) === expectedSeq &&
          row.prev_hash === prevHash &&
          (anchor === undefined || anchor === hash);
        if (!intact || hash === undefined) {
          return { valid: false, checked, firstBrokenId: row.id, ...retired };
        }
        checked += 1;
        expectedSeq += ONE;
        prevHash = hash;
      }
      if (rows.length < AUDIT_VERIFY_PAGE_SIZE) {
        return { valid: true, checked, ...retired };
      }
      after = rows[rows.length - 1];
    }
  }

  /** Whether a sealed retention event accounts for the chain starting at `first`. */
  private async retiredUpTo(first: SealedChainRow): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM audit_events
        WHERE action = 'audit.retention' AND chain_seq IS NOT NULL
          AND details->>'firstKeptSeq' = $1 AND details->>'firstKeptPrevHash' = $2
        LIMIT 1`,
      [first.seq, first.prev_hash],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * The next page of sealed events in chain order (keyset paging). Ties on `chain_seq`, which only
   * a forgery can create, are ordered by id and paged through too, so a duplicate is never skipped
   * at a page boundary. The first page has no lower bound, so a row numbered below 1 is seen.
   */
  private async pageAfter(
    after: SealedChainRow | undefined,
  ): Promise<SealedChainRow[]> {
    const columns = `${CHAIN_CONTENT_COLUMNS}, chain_seq::text AS seq, prev_hash, hash`;
    return (await (after === undefined
      ? this.dataSource.query(
          `SELECT ${columns} FROM audit_events
            WHERE chain_seq IS NOT NULL
            ORDER BY chain_seq, id LIMIT $1`,
          [AUDIT_VERIFY_PAGE_SIZE],
        )
      : this.dataSource.query(
          `SELECT ${columns} FROM audit_events
            WHERE chain_seq >= $1 AND (chain_seq, id) > ($1, $2)
            ORDER BY chain_seq, id LIMIT $3`,
          [after.seq, after.id, AUDIT_VERIFY_PAGE_SIZE],
        ))) as SealedChainRow[];
  }
}
