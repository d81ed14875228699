import { sign, verify } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from './audit-hash';
import type { AuditKeys } from './audit-keys';

/** A position of the chain and its seal, as a checkpoint attests them. */
export interface AuditCheckpoint {
  /** `chain_seq` of the newest sealed event, as a decimal string. */
  readonly seq: string;
  /** That event's seal (`hash`). */
  readonly mac: string;
  /** When the checkpoint was written, ISO 8601 UTC. */
  readonly at: string;
  /** Which Ed25519 key signed it (see {@link checkpointKeyId}). */
  readonly keyId: string;
}

/** The checkpoints of the newest checkpoint file, checked. */
export interface CheckpointReading {
  /** Every checkpoint whose signature verified, in file order. */
  readonly checkpoints: readonly AuditCheckpoint[];
  /** Lines that are not a checkpoint signed by a trusted key: a sign of tampering. */
  readonly rejected: number;
}

const FILE = /^checkpoints-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/**
 * Signed checkpoints of the audit chain, one JSON line each, appended to one file per UTC day in
 * AUDIT_CHECKPOINT_DIR. Files are only ever appended to (O_APPEND) and never rewritten, so the
 * directory can live on append-only / WORM storage, out of reach of anyone who can write the
 * database. A line is `{"at","keyId","mac","seq","sig"}`; `sig` is the base64 Ed25519 signature of
 * the canonical JSON of the other four.
 */
export class AuditCheckpointStore {
  constructor(
    private readonly dir: string,
    private readonly keys: AuditKeys,
  ) {}

  /** Signs and appends a checkpoint; returns the line written. */
  async append(seq: string, mac: string, at: Date): Promise<AuditCheckpoint> {
    const checkpoint: AuditCheckpoint = {
      seq,
      mac,
      at: at.toISOString(),
      keyId: this.keys.signingKeyId,
    };
    const sig = sign(
      null,
      Buffer.from(canonicalJson({ ...checkpoint })),
      this.keys.signingKey,
    ).toString('base64');
    await mkdir(this.dir, { recursive: true });
    await appendFile(
      join(this.dir, `checkpoints-${checkpoint.at.slice(0, 10)}.jsonl`),
      `${canonicalJson({ ...checkpoint, sig })}\n`,
      { flag: 'a', mode: 0o640 },
    );
    return checkpoint;
  }

  /**
   * The checkpoints of the newest file that holds any line (an empty directory reads as none).
   * Older files are not read: the sealer refuses to extend a chain that disagrees with the newest
   * checkpoint, so every later checkpoint vouches for the earlier ones.
   */
  async readNewest(): Promise<CheckpointReading> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((name) => FILE.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { checkpoints: [], rejected: 0 };
      }
      throw error;
    }
    for (const name of names.sort().reverse()) {
      const lines = (await readFile(join(this.dir, name), 'utf8'))
        .split('\n')
        .filter((line) => line.trim() !== '');
      if (lines.length === 0) {
        continue;
      }
      const checkpoints: AuditCheckpoint[] = [];
      let rejected = 0;
      for (const line of lines) {
        const checkpoint = this.parse(line);
        if (checkpoint === undefined) {
          rejected += 1;
        } else {
          checkpoints.push(checkpoint);
        }
      }
      return { checkpoints, rejected };
    }
    return { checkpoints: [], rejected: 0 };
  }

  /** The checkpoint of a line when a trusted key signed exactly its content. */
  private parse(line: string): AuditCheckpoint | undefined {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return undefined;
    }
    const { seq, mac, at, keyId, sig } = (value ?? {}) as Record<
      string,
      unknown
    >;
    if (
      typeof seq !== 'string' ||
      !/^[1-9]\d{0,18}$/.test(seq) ||
      typeof mac !== 'string' ||
      typeof at !== 'string' ||
      typeof keyId !== 'string' ||
      typeof sig !== 'string'
    ) {
      return undefined;
    }
    const key = this.keys.trustedKeys.find((k) => k.keyId === keyId);
    const checkpoint: AuditCheckpoint = { seq, mac, at, keyId };
    if (
      key === undefined ||
      !verify(
        null,
        Buffer.from(canonicalJson({ ...checkpoint })),
        key.publicKey,
        Buffer.from(sig, 'base64'),
      )
    ) {
      return undefined;
    }
    return checkpoint;
  }
}

/** The checkpoint furthest along the chain (the chain only grows). */
export function newestCheckpoint(
  checkpoints: readonly AuditCheckpoint[],
): AuditCheckpoint | undefined {
  return checkpoints.reduce<AuditCheckpoint | undefined>(
    (newest, c) =>
      newest === undefined || BigInt(c.seq) > BigInt(newest.seq) ? c : newest,
    undefined,
  );
}
