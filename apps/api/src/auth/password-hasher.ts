import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

// The limits are part of the contract: the web app's forms check the same numbers.
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@poems/contract';

// OWASP's argon2id minimum (19 MiB, 2 passes): memory-hard, yet a login stays well under 100 ms.
const OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** argon2id password hashing. */
@Injectable()
export class PasswordHasher {
  // Verified against when the username is unknown, so both failures take the same time.
  private readonly dummyHash = argon2.hash('not-a-real-password', OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.dummyHash), password);
    } catch {
      // A malformed stored hash is a failed sign-in, not a crash.
      return false;
    }
  }
}
