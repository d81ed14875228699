import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/**
 * A key for data at rest: the configured one when set; in demo mode without one, a random key kept
 * in the data directory under `demoFile` (like the demo JWT secret), so what was stored stays
 * readable after a restart; otherwise none, and the feature that needs it is off.
 */
export async function resolveAtRestKey(
  configured: Buffer | undefined,
  config: Pick<AppConfig, 'demoSeed' | 'dataDir'>,
  demoFile: string,
): Promise<Buffer | undefined> {
  if (configured !== undefined) {
    return configured;
  }
  if (!config.demoSeed) {
    return undefined;
  }
  const file = join(config.dataDir, demoFile);
  try {
    const stored = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (stored.length === KEY_BYTES) {
      return stored;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  return key;
}

/**
 * AES-256-GCM with a fresh IV per call, stored as IV ‖ tag ‖ ciphertext. The tag makes any change
 * to the stored bytes (or to `associated`, when given) fail on `open`.
 */
export function seal(key: Buffer, plain: Buffer, associated?: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (associated !== undefined) {
    cipher.setAAD(associated);
  }
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The plain bytes `seal` stored; throws when the bytes or the associated data were changed. */
export function open(key: Buffer, stored: Buffer, associated?: Buffer): Buffer {
  const iv = stored.subarray(0, IV_BYTES);
  const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  if (associated !== undefined) {
    decipher.setAAD(associated);
  }
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]);
}
