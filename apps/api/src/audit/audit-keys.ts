import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AppConfig, UNKEYED_SEAL } from '../config/app-config';

/** An Ed25519 public key that checkpoints may be signed with, and its id. */
export interface TrustedCheckpointKey {
  /** First 16 hex digits of the SHA-256 of the key's DER (SPKI) encoding. */
  readonly keyId: string;
  readonly publicKey: KeyObject;
}

/**
 * The audit trail's secrets, resolved once at start-up and never written to the database: the
 * HMAC key the sealer chains with (and older ones, to verify what they sealed), and the Ed25519
 * key checkpoints are signed with (and retired public keys still trusted for older checkpoints).
 */
export class AuditKeys {
  constructor(
    /** The key the sealer seals with. */
    readonly hmacKey: Buffer,
    /**
     * Keys that sealed older parts of the chain, oldest first, then {@link hmacKey}; `unkeyed`:
     * the SHA-256 seal of chains sealed before keys existed.
     */
    readonly hmacKeys: readonly (Buffer | 'unkeyed')[],
    readonly signingKey: KeyObject,
    readonly signingKeyId: string,
    /** The signing key's public half first, then the retired ones. */
    readonly trustedKeys: readonly TrustedCheckpointKey[],
  ) {}
}

/**
 * AUDIT_HMAC_KEY and AUDIT_CHECKPOINT_KEY_FILE when set (the config requires both outside demo
 * mode); in demo mode without them, random keys kept in the data directory beside the JWT secret,
 * so the chain still verifies after a restart of the same install.
 */
export async function resolveAuditKeys(config: AppConfig): Promise<AuditKeys> {
  const { audit } = config;
  const hmacKey = Buffer.from(
    audit.hmacKey ??
      (await storedSecret(join(config.dataDir, 'audit-hmac-key'), () =>
        randomBytes(48).toString('base64url'),
      )),
  );
  const pem =
    audit.checkpointKeyFile !== undefined
      ? await readFile(audit.checkpointKeyFile, 'utf8')
      : await storedSecret(
          join(config.dataDir, 'audit-checkpoint-key.pem'),
          () =>
            generateKeyPairSync('ed25519')
              .privateKey.export({ format: 'pem', type: 'pkcs8' })
              .toString(),
        );
  const signingKey = createPrivateKey(pem);
  if (signingKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      'AUDIT_CHECKPOINT_KEY_FILE must hold an Ed25519 private key (openssl genpkey -algorithm ed25519)',
    );
  }
  const current = trusted(createPublicKey(signingKey));
  const retired = await Promise.all(
    audit.checkpointTrustedKeyFiles.map(async (file) =>
      trusted(createPublicKey(await readFile(file, 'utf8'))),
    ),
  );
  return new AuditKeys(
    hmacKey,
    [
      ...audit.previousHmacKeys.map((key) =>
        key === UNKEYED_SEAL ? ('unkeyed' as const) : Buffer.from(key),
      ),
      hmacKey,
    ],
    signingKey,
    current.keyId,
    [current, ...retired],
  );
}

/** The id checkpoints name their signing key by. */
export function checkpointKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

function trusted(publicKey: KeyObject): TrustedCheckpointKey {
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('Audit checkpoint keys must be Ed25519 keys');
  }
  return { keyId: checkpointKeyId(publicKey), publicKey };
}

async function storedSecret(
  file: string,
  create: () => string,
): Promise<string> {
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored !== '') {
      return stored;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const secret = create().trim();
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
