import {
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify as verifySignature,
} from 'node:crypto';
import { readdir, readFile, appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { typeOrmOptions } from '../database/typeorm-options';
import {
  standaloneAudit,
  testCheckpointKeyFile,
  writeEd25519Key,
} from '../testing/audit-keys';
import { callAs, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import {
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database';
import {
  CHAIN_CONTENT_COLUMNS,
  type ChainContentRow,
  contentOf,
} from './audit-chain-rows';
import { checkpointKeyId } from './audit-keys';
import { canonicalJson, unkeyedAuditEventHash } from './audit-hash';
import { AuditSealer } from './audit-sealer';

const quietLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as PinoLogger;

/**
 * Runs SQL the way an intruder with the database superuser's password would: triggers off for
 * the session (`session_replication_role = replica`), so the append-only guard never fires.
 */
async function asSuperuser(
  url: string,
  work: (client: Client) => Promise<void>,
): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await work(client);
  } finally {
    await client.end();
  }
}

async function writeEvents(app: TestApp, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await app.dataSource.query(
      `INSERT INTO audit_events (action, outcome, details) VALUES ('test.event', 'success', $1)`,
      [JSON.stringify({ step: i })],
    );
  }
}

async function head(
  dataSource: DataSource,
): Promise<{ seq: number; hash: string; id: string }> {
  const [row] = (await dataSource.query(
    `SELECT id, chain_seq::int AS seq, hash FROM audit_events
      WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
  )) as { id: string; seq: number; hash: string }[];
  if (row === undefined) {
    throw new Error('No sealed event');
  }
  return row;
}

describe('the audit trail against someone who can write the database', () => {
  let app: TestApp;
  let sealer: AuditSealer;

  beforeEach(async () => {
    app = await startTestApp();
    sealer = app.app.get(AuditSealer);
    await tokenFor(app, 'auditor');
    await writeEvents(app, 5);
    await sealer.sealPending();
  });

  afterEach(async () => {
    await app.close();
  });

  const verify = () =>
    callAs(app, 'auditor', 'GET', '/api/audit-events/verify');

  it('writes signed checkpoints of the head to the checkpoint directory', async () => {
    const sealed = await head(app.dataSource);

    const written = await sealer.checkpoint();

    expect(written).toMatchObject({
      seq: String(sealed.seq),
      mac: sealed.hash,
    });
    const dir = app.app.get<AppConfig>(APP_CONFIG).audit.checkpointDir;
    const [file] = await readdir(dir);
    expect(file).toMatch(/^checkpoints-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = (await readFile(join(dir, file!), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const { sig, ...checkpoint } = JSON.parse(lines[0]!) as Record<
      string,
      string
    >;
    expect(checkpoint).toEqual({
      seq: String(sealed.seq),
      mac: sealed.hash,
      at: expect.stringMatching(/Z$/),
      keyId: checkpointKeyId(
        createPublicKey(await readFile(testCheckpointKeyFile(), 'utf8')),
      ),
    });
    expect(
      verifySignature(
        null,
        Buffer.from(canonicalJson(checkpoint)),
        createPublicKey(await readFile(testCheckpointKeyFile(), 'utf8')),
        Buffer.from(sig!, 'base64'),
      ),
    ).toBe(true);
    // Nothing new sealed: no second checkpoint of the same head.
    expect(await sealer.checkpoint()).toBeUndefined();

    const response = await verify();
    expect(response.body).toMatchObject({
      valid: true,
      checkpoint: { seq: sealed.seq, keyId: checkpoint['keyId'] },
    });
  });

  it('detects an event rewritten and the chain recomputed after it with plain SHA-256', async () => {
    const rows = (await app.dataSource.query(
      `SELECT ${CHAIN_CONTENT_COLUMNS}, chain_seq::int AS seq FROM audit_events
        WHERE chain_seq IS NOT NULL ORDER BY chain_seq`,
    )) as (ChainContentRow & { seq: number })[];
    const victim = rows[rows.length - 3]!;
    await asSuperuser(app.database.url, async (client) => {
      await client.query(
        `UPDATE audit_events SET details = '{"step": 99}' WHERE id = $1`,
        [victim.id],
      );
      let prevHash = (
        (
          await client.query(
            `SELECT hash FROM audit_events WHERE chain_seq = $1`,
            [victim.seq - 1],
          )
        ).rows as { hash: string }[]
      )[0]!.hash;
      const forged = (
        await client.query(
          `SELECT ${CHAIN_CONTENT_COLUMNS} FROM audit_events
            WHERE chain_seq >= $1 ORDER BY chain_seq`,
          [victim.seq],
        )
      ).rows as ChainContentRow[];
      for (const row of forged) {
        const hash = unkeyedAuditEventHash(prevHash, contentOf(row));
        await client.query(
          `UPDATE audit_events SET prev_hash = $2, hash = $3 WHERE id = $1`,
          [row.id, prevHash, hash],
        );
        prevHash = hash;
      }
    });

    const response = await verify();

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      valid: false,
      firstBrokenId: victim.id,
      checked: victim.seq - 1,
    });
  });

  it('reports the newest events deleted after a checkpoint as truncated, and seals nothing on top of the cut', async () => {
    const checkpoint = await sealer.checkpoint();
    const last = Number(checkpoint!.seq);
    await asSuperuser(app.database.url, async (client) => {
      await client.query(`DELETE FROM audit_events WHERE chain_seq > $1`, [
        last - 2,
      ]);
    });
    await writeEvents(app, 1);

    const response = await verify();

    expect(response.body).toMatchObject({
      valid: false,
      checked: last - 2,
      truncated: { from: last - 1, to: last },
      checkpoint: { seq: last },
    });
    expect(response.body).not.toHaveProperty('firstBrokenId');
    // The new event and verify's own stay unsealed: sealing them would paper over the cut.
    expect(response.body.unsealed).toBeGreaterThanOrEqual(1);
    expect((await head(app.dataSource)).seq).toBe(last - 2);
  });

  it('reports the whole log deleted as truncated from the first position', async () => {
    const checkpoint = await sealer.checkpoint();
    await asSuperuser(app.database.url, async (client) => {
      await client.query(`DELETE FROM audit_events`);
    });

    const response = await verify();

    expect(response.body).toMatchObject({
      valid: false,
      checked: 0,
      truncated: { from: 1, to: Number(checkpoint!.seq) },
    });
  });

  it('detects events removed before a checkpoint and replaced by fresh ones the sealer would re-seal', async () => {
    const checkpoint = await sealer.checkpoint();
    const last = Number(checkpoint!.seq);
    await asSuperuser(app.database.url, async (client) => {
      await client.query(`DELETE FROM audit_events WHERE chain_seq > $1`, [
        last - 2,
      ]);
    });
    // A later checkpoint (another replica, say) cannot vouch for a cut chain either.
    await writeEvents(app, 3);
    await sealer.sealPending();
    expect(await sealer.checkpoint()).toBeUndefined();

    const response = await verify();

    expect(response.body).toMatchObject({
      valid: false,
      truncated: { from: last - 1, to: last },
    });
    expect((await head(app.dataSource)).seq).toBe(last - 2);
  });

  it('refuses a checkpoint line not signed by a trusted key', async () => {
    await sealer.checkpoint();
    const dir = app.app.get<AppConfig>(APP_CONFIG).audit.checkpointDir;
    const [file] = await readdir(dir);
    const sealed = await head(app.dataSource);
    const forged = {
      seq: String(sealed.seq + 100),
      mac: 'f'.repeat(64),
      at: new Date().toISOString(),
      keyId: 'attacker',
    };
    const { privateKey } = generateKeyPairSync('ed25519');
    await appendFile(
      join(dir, file!),
      `${JSON.stringify({ ...forged, sig: sign(null, Buffer.from(canonicalJson(forged)), privateKey).toString('base64') })}\n`,
    );

    const response = await verify();

    expect(response.body).toMatchObject({
      valid: false,
      checkpointsRejected: 1,
      checkpoint: { seq: sealed.seq },
    });
  });
});

describe('rotating the audit keys', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      typeOrmOptions(database.url, 2),
    ).initialize();
  });

  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function addEvents(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await dataSource.query(
        `INSERT INTO audit_events (action, outcome) VALUES ('test.event', 'success')`,
      );
    }
  }

  it('verifies a chain sealed under an old and a new HMAC key, and checkpoints signed by a retired and a new key', async () => {
    const oldKey = 'old-audit-key-of-at-least-32-characters!';
    const newKey = 'new-audit-key-of-at-least-32-characters!';
    const first = await standaloneAudit(dataSource, quietLogger, {
      AUDIT_HMAC_KEY: oldKey,
    });
    const dir = first.checkpointDir;
    await addEvents(3);
    await first.sealer.sealPending();
    await first.sealer.checkpoint();

    // Rotation: new HMAC key (the old one listed as previous), new signing key (the old public
    // key trusted), same checkpoint directory.
    const retiredPublic = join(dir, '..', `retired-${database.name}.pub.pem`);
    await writeFile(
      retiredPublic,
      createPublicKey(await readFile(testCheckpointKeyFile(), 'utf8')).export({
        format: 'pem',
        type: 'spki',
      }),
    );
    const newSigningKey = writeEd25519Key(
      join(dir, '..', `new-${database.name}.pem`),
    );
    const rotated = {
      AUDIT_HMAC_KEY: newKey,
      AUDIT_HMAC_PREVIOUS_KEYS: oldKey,
      AUDIT_CHECKPOINT_KEY_FILE: newSigningKey,
      AUDIT_CHECKPOINT_TRUSTED_KEYS: retiredPublic,
      AUDIT_CHECKPOINT_DIR: dir,
    };
    const second = await standaloneAudit(dataSource, quietLogger, rotated);
    // Verifiable straight after rotation, before the new key has sealed or signed anything.
    expect(await second.verifier.verify()).toMatchObject({
      valid: true,
      checked: 3,
    });
    await addEvents(2);
    await second.sealer.sealPending();
    const checkpoint = await second.sealer.checkpoint();

    expect(checkpoint).toMatchObject({
      seq: '5',
      keyId: checkpointKeyId(
        createPublicKey(await readFile(newSigningKey, 'utf8')),
      ),
    });
    expect(await second.verifier.verify()).toEqual({
      valid: true,
      checked: 5,
      checkpoint: { seq: 5, at: checkpoint!.at, keyId: checkpoint!.keyId },
    });

    // Forgetting the previous HMAC key breaks the chain at its first event…
    const withoutOldKey = await standaloneAudit(dataSource, quietLogger, {
      ...rotated,
      AUDIT_HMAC_PREVIOUS_KEYS: '',
    });
    const [{ id: firstId }] = (await dataSource.query(
      `SELECT id FROM audit_events WHERE chain_seq = 1`,
    )) as [{ id: string }];
    expect(await withoutOldKey.verifier.verify()).toMatchObject({
      valid: false,
      firstBrokenId: firstId,
      checked: 0,
    });
    // …and no longer trusting the retired signing key rejects what it signed.
    const withoutRetired = await standaloneAudit(dataSource, quietLogger, {
      ...rotated,
      AUDIT_CHECKPOINT_TRUSTED_KEYS: '',
    });
    expect(await withoutRetired.verifier.verify()).toMatchObject({
      valid: false,
      checked: 5,
      checkpointsRejected: 1,
    });
  });

  it('verifies an upgraded chain whose older events carry the unkeyed SHA-256 seal, only when told to', async () => {
    await addEvents(2);
    // Sealed as before keyed seals existed (the guard lets unsealed rows be sealed once).
    const rows = (await dataSource.query(
      `SELECT ${CHAIN_CONTENT_COLUMNS} FROM audit_events ORDER BY id`,
    )) as ChainContentRow[];
    let prevHash = '0'.repeat(64);
    for (const [index, row] of rows.entries()) {
      const hash = unkeyedAuditEventHash(prevHash, contentOf(row));
      await dataSource.query(
        `UPDATE audit_events SET chain_seq = $2, prev_hash = $3, hash = $4 WHERE id = $1`,
        [row.id, index + 1, prevHash, hash],
      );
      prevHash = hash;
    }
    const upgraded = await standaloneAudit(dataSource, quietLogger, {
      AUDIT_HMAC_PREVIOUS_KEYS: 'unkeyed-sha256',
    });
    await addEvents(2);
    await upgraded.sealer.sealPending();

    expect(await upgraded.verifier.verify()).toEqual({
      valid: true,
      checked: 4,
    });
    const strict = await standaloneAudit(dataSource, quietLogger);
    expect(await strict.verifier.verify()).toMatchObject({
      valid: false,
      firstBrokenId: rows[0]!.id,
      checked: 0,
    });
  });

  it('never accepts an older HMAC key again once a newer one sealed', async () => {
    const oldKey = 'old-audit-key-of-at-least-32-characters!';
    const newKey = 'new-audit-key-of-at-least-32-characters!';
    const rotated = await standaloneAudit(dataSource, quietLogger, {
      AUDIT_HMAC_KEY: newKey,
      AUDIT_HMAC_PREVIOUS_KEYS: oldKey,
    });
    await addEvents(2);
    await rotated.sealer.sealPending();
    // Someone holding only the retired key seals the next event with it.
    const stale = await standaloneAudit(dataSource, quietLogger, {
      AUDIT_HMAC_KEY: oldKey,
      AUDIT_CHECKPOINT_DIR: rotated.checkpointDir,
    });
    await addEvents(1);
    await stale.sealer.sealPending();
    const [{ id }] = (await dataSource.query(
      `SELECT id FROM audit_events WHERE chain_seq = 3`,
    )) as [{ id: string }];

    expect(await rotated.verifier.verify()).toMatchObject({
      valid: false,
      firstBrokenId: id,
      checked: 2,
    });
  });
});
