import type { AppConfig } from '../config/app-config';
import { open, resolveAtRestKey, seal } from '../common/crypto/at-rest';

/**
 * MFA_ENCRYPTION_KEY when set; in demo mode without one, a random key kept in the data directory,
 * so enrolments survive a restart; otherwise none, and two-step sign-in is unavailable (the config
 * refuses that when a role requires it).
 */
export function resolveMfaKey(config: AppConfig): Promise<Buffer | undefined> {
  return resolveAtRestKey(config.mfaEncryptionKey, config, 'mfa-key');
}

/**
 * Authenticator secrets at rest (AES-256-GCM, see `seal`), with the user's id as associated data,
 * so a secret copied onto another user's row (by someone with write access to the database) fails
 * to decrypt instead of letting them in.
 */
export class MfaSecretCipher {
  constructor(private readonly key: Buffer | undefined) {}

  /** Whether two-step sign-in can be set up at all (a key is configured). */
  get available(): boolean {
    return this.key !== undefined;
  }

  encrypt(userId: string, secret: string): Buffer {
    return seal(
      this.requireKey(),
      Buffer.from(secret, 'utf8'),
      Buffer.from(userId, 'utf8'),
    );
  }

  decrypt(userId: string, stored: Buffer): string {
    return open(
      this.requireKey(),
      stored,
      Buffer.from(userId, 'utf8'),
    ).toString('utf8');
  }

  private requireKey(): Buffer {
    if (this.key === undefined) {
      throw new Error('No MFA_ENCRYPTION_KEY: two-step sign-in is off.');
    }
    return this.key;
  }
}
