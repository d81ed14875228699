import { Injectable } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import {
  adjacencyGraphs,
  dictionary as commonDictionary,
} from '@zxcvbn-ts/language-common';
import { translations } from '@zxcvbn-ts/language-en';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@poems/contract';

/**
 * Least zxcvbn score (0–4) accepted: 3 is "safely unguessable: moderate protection from an offline
 * slow-hash scenario" (about 10^10 guesses), which argon2id storage is.
 */
export const PASSWORD_MIN_SCORE = 3;

// Built once: ranking the dictionaries takes a noticeable moment.
let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary },
    graphs: adjacencyGraphs,
    translations,
  });
  return factory;
}

/**
 * The password policy applied to every password set anywhere (admin create and reset, self-service
 * change, the user:create CLI): at least {@link PASSWORD_MIN_LENGTH} characters, and hard to guess
 * by zxcvbn's estimate against common passwords, keyboard patterns, sequences, dates and the
 * user's own name. Demo accounts in demo mode are the one exception (their password is public).
 */
@Injectable()
export class PasswordPolicy {
  /** Why the password is refused, in a sentence for the user, or null when it is acceptable. */
  refusal(
    password: string,
    userInputs: readonly string[] = [],
  ): string | null {
    if (password.length < PASSWORD_MIN_LENGTH) {
      return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
    }
    if (password.length > PASSWORD_MAX_LENGTH) {
      return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
    }
    const result = zxcvbn().check(
      password,
      userInputs.filter((input) => input !== ''),
    );
    if (result.score >= PASSWORD_MIN_SCORE) {
      return null;
    }
    const why = [result.feedback.warning, ...result.feedback.suggestions]
      .filter((text): text is string => text !== null && text !== '')
      .join(' ');
    return `is too easy to guess${why === '' ? '.' : `: ${why}`}`;
  }
}
