import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PinoLogger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { AuditChainVerifier } from '../audit/audit-chain-verifier';
import { AuditCheckpointStore } from '../audit/audit-checkpoints';
import { resolveAuditKeys } from '../audit/audit-keys';
import { AuditSealer } from '../audit/audit-sealer';
import { loadConfig } from '../config/app-config';

/** The audit HMAC key test apps seal with, unless a test overrides AUDIT_HMAC_KEY. */
export const TEST_AUDIT_HMAC_KEY = 'test-audit-key-of-at-least-32-characters';

let keyFile: string | undefined;

/** A throwaway Ed25519 private key (PEM file) written once per test process. */
export function testCheckpointKeyFile(): string {
  if (keyFile === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'poems-test-keys-'));
    keyFile = writeEd25519Key(join(dir, 'checkpoint-key.pem'));
  }
  return keyFile;
}

/** Writes a new Ed25519 private key in PEM to `file`; returns the path. */
export function writeEd25519Key(file: string): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    generateKeyPairSync('ed25519').privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    }),
    { mode: 0o600 },
  );
  return file;
}

/** The audit variables of a test app: the test keys and a checkpoint directory of its own. */
export function testAuditEnv(): Record<string, string> {
  return {
    AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
    AUDIT_CHECKPOINT_KEY_FILE: testCheckpointKeyFile(),
    AUDIT_CHECKPOINT_DIR: mkdtempSync(
      join(tmpdir(), 'poems-test-checkpoints-'),
    ),
  };
}

/** The sealer and verifier of a bare DataSource (no app), keyed and checkpointed as in a test app. */
export async function standaloneAudit(
  dataSource: DataSource,
  logger: PinoLogger,
  env: Readonly<Record<string, string>> = {},
): Promise<{
  readonly sealer: AuditSealer;
  readonly verifier: AuditChainVerifier;
  readonly checkpointDir: string;
}> {
  const config = loadConfig({
    ...testAuditEnv(),
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    JWT_SECRET: 'test-secret-of-at-least-32-characters!!',
    MFA_REQUIRED_ROLES: 'none',
    ...env,
  });
  const keys = await resolveAuditKeys(config);
  const store = new AuditCheckpointStore(config.audit.checkpointDir, keys);
  return {
    sealer: new AuditSealer(dataSource, keys, store, config, logger),
    verifier: new AuditChainVerifier(dataSource, keys, store),
    checkpointDir: config.audit.checkpointDir,
  };
}
