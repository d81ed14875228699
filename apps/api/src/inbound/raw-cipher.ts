import type { AppConfig } from '../config/app-config';
import { open, resolveAtRestKey, seal } from '../common/crypto/at-rest';

/**
 * INBOUND_ENCRYPTION_KEY when set; in demo mode without one, a random key kept in the data
 * directory; otherwise none, and inbound results are off.
 */
export function resolveInboundKey(
  config: AppConfig,
): Promise<Buffer | undefined> {
  return resolveAtRestKey(config.inboundEncryptionKey, config, 'inbound-key');
}

/** Raw inbound messages at rest (AES-256-GCM, see `seal`): any change to the stored bytes fails on read. */
export class RawCipher {
  constructor(private readonly key: Buffer | undefined) {}

  /** Whether inbound results can be stored at all (a key is configured). */
  get available(): boolean {
    return this.key !== undefined;
  }

  encrypt(plain: Buffer): Buffer {
    return seal(this.requireKey(), plain);
  }

  decrypt(stored: Buffer): Buffer {
    return open(this.requireKey(), stored);
  }

  private requireKey(): Buffer {
    if (this.key === undefined) {
      throw new Error('No INBOUND_ENCRYPTION_KEY: inbound results are off.');
    }
    return this.key;
  }
}
