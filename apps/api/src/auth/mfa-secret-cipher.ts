import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * MFA_ENCRYPTION_KEY when set; in demo mode without one, a random key kept in the data directory
 * (like the demo JWT secret and inbound key), so enrolments survive a restart; otherwise none, and
 * two-step sign-in is unavailable (the config refuses that when a role requires it).
 */
export async function resolveMfaKey(
  config: AppConfig,
): Promise<Buffer | undefined> {
  if (config.mfaEncryptionKey !== undefined) {
    return config.mfaEncryptionKey;
  }
  if (!config.demoSeed) {
    return undefined;
  }
  const file = join(config.dataDir, 'mfa-key');
  try {
    const stored = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (stored.length === 32) {
      return stored;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const key = randomBytes(32);
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
}

/**
 * Authenticator secrets at rest: AES-256-GCM, a fresh IV per secret, stored as IV ‖ tag ‖
 * ciphertext, with the user's id as associated data, so a secret copied onto another user's row
 * (by someone with write access to the database) fails to decrypt instead of letting them in.
 */
export class MfaSecretCipher {
  constructor(private readonly key: Buffer | undefined) {}

  /** Whether two-step sign-in can be set up at all (a key is configured). */
  get available(): boolean {
    return this.key !== undefined;
  }

  encrypt(userId: string, secret: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.requireKey(), iv);
    cipher.setAAD(Buffer.from(userId, 'utf8'));
    const body = Buffer.concat([
      cipher.update(Buffer.from(secret, 'utf8')),
      cipher.final(),
    ]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(userId: string, stored: Buffer): string {
    const iv = stored.subarray(0, IV_BYTES);
    const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.requireKey(), iv);
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  private requireKey(): Buffer {
    if (this.key === undefined) {
      throw new Error('No MFA_ENCRYPTION_KEY: two-step sign-in is off.');
    }
    return this.key;
  }
}
