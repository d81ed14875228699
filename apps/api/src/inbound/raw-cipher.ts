import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * INBOUND_ENCRYPTION_KEY when set; in demo mode without one, a random key kept in the data
 * directory (like the demo JWT secret), so stored messages stay readable after a restart; otherwise
 * none, and inbound results are off.
 */
export async function resolveInboundKey(
  config: AppConfig,
): Promise<Buffer | undefined> {
  if (config.inboundEncryptionKey !== undefined) {
    return config.inboundEncryptionKey;
  }
  if (!config.demoSeed) {
    return undefined;
  }
  const file = join(config.dataDir, 'inbound-key');
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
 * Raw inbound messages at rest: AES-256-GCM, a fresh IV per message, stored as IV ‖ tag ‖
 * ciphertext. The tag makes any change to the stored bytes fail on read.
 */
export class RawCipher {
  constructor(private readonly key: Buffer | undefined) {}

  /** Whether inbound results can be stored at all (a key is configured). */
  get available(): boolean {
    return this.key !== undefined;
  }

  encrypt(plain: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.requireKey(), iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(stored: Buffer): Buffer {
    const iv = stored.subarray(0, IV_BYTES);
    const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.requireKey(), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  }

  private requireKey(): Buffer {
    if (this.key === undefined) {
      throw new Error('No INBOUND_ENCRYPTION_KEY: inbound results are off.');
    }
    return this.key;
  }
}
