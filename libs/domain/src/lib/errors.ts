/**
 * Codes of the failures the domain can report. The API maps each code to one HTTP status in a
 * single exception filter; nothing else in the system decides statuses.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'account_locked'
  | 'forbidden'
  /** The caller's role must use two-step sign-in, and they have not set it up yet. */
  | 'mfa_enrolment_required'
  | 'not_found'
  | 'stale_version'
  | 'duplicate_mrn'
  | 'duplicate_username'
  | 'open_workup_exists'
  | 'last_admin'
  | 'conflict'
  | 'illegal_transition'
  | 'unprocessable'
  | 'precondition_failed'
  | 'unavailable'
  | 'rate_limited';

/** One invalid input field, named by its path in the request body (`values[0].unit`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * A failure of a domain rule. Messages must never contain patient data: they are returned to
 * clients and may be logged.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
    readonly fieldErrors?: readonly FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** A `validation_failed` error listing each invalid field. */
  static invalid(fieldErrors: readonly FieldError[], message = 'The request is invalid.'): DomainError {
    return new DomainError('validation_failed', message, undefined, fieldErrors);
  }
}
