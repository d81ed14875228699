import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type DomainErrorCode } from '@poems/domain';
import type { ProblemFieldError } from './problem-document';

/** What an error means to a client: everything of the problem document except where it happened. */
export interface Problem {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly ProblemFieldError[];
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** True when the cause is a bug or an outage the client cannot fix; such errors are logged. */
  readonly unexpected: boolean;
}

/** The single place where domain error codes become HTTP statuses. */
const DOMAIN_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  validation_failed: HttpStatus.BAD_REQUEST,
  // The auth module answers locked accounts exactly like bad credentials.
  unauthenticated: HttpStatus.UNAUTHORIZED,
  account_locked: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  mfa_enrolment_required: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  stale_version: HttpStatus.CONFLICT,
  duplicate_mrn: HttpStatus.CONFLICT,
  duplicate_username: HttpStatus.CONFLICT,
  open_workup_exists: HttpStatus.CONFLICT,
  last_admin: HttpStatus.CONFLICT,
  conflict: HttpStatus.CONFLICT,
  illegal_transition: HttpStatus.UNPROCESSABLE_ENTITY,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

const DOMAIN_TITLE: Readonly<Record<DomainErrorCode, string>> = {
  validation_failed: 'Invalid request',
  unauthenticated: 'Authentication required',
  account_locked: 'Authentication required',
  forbidden: 'Forbidden',
  mfa_enrolment_required: 'Two-step sign-in required',
  not_found: 'Not found',
  stale_version: 'Stale version',
  duplicate_mrn: 'Duplicate MRN',
  duplicate_username: 'Duplicate username',
  open_workup_exists: 'Open workup exists',
  last_admin: 'Last administrator',
  conflict: 'Conflict',
  illegal_transition: 'Transition not allowed',
  unprocessable: 'Business rule not met',
  precondition_failed: 'Precondition failed',
  unavailable: 'Service unavailable',
  rate_limited: 'Too many requests',
};

/** Problems raised by the HTTP layer itself (routing, body parsing), by status. */
const HTTP_PROBLEMS: Readonly<
  Record<number, Omit<Problem, 'status' | 'unexpected'>>
> = {
  400: {
    code: 'malformed_request',
    title: 'Malformed request',
    detail: 'The request could not be read; send a valid JSON body.',
  },
  401: {
    code: 'unauthenticated',
    title: 'Authentication required',
    detail: 'Sign in to use this endpoint.',
  },
  403: {
    code: 'forbidden',
    title: 'Forbidden',
    detail: 'Your role may not do this.',
  },
  404: {
    code: 'not_found',
    title: 'Not found',
    detail: 'There is nothing at this address.',
  },
  405: {
    code: 'method_not_allowed',
    title: 'Method not allowed',
    detail: 'This address does not accept this method.',
  },
  406: {
    code: 'not_acceptable',
    title: 'Not acceptable',
    detail: 'This resource is only available as JSON.',
  },
  413: {
    code: 'payload_too_large',
    title: 'Payload too large',
    detail: 'The request body is larger than the server accepts.',
  },
  415: {
    code: 'unsupported_media_type',
    title: 'Unsupported media type',
    detail: 'Send the request body as application/json.',
  },
  429: {
    code: 'too_many_requests',
    title: 'Too many requests',
    detail: 'Slow down and try again shortly.',
  },
};

/** Fastify's own refusals whose status alone would tell the client the wrong thing, by error code. */
const FASTIFY_PROBLEMS: Readonly<
  Record<string, Omit<Problem, 'status' | 'unexpected'>>
> = {
  FST_ERR_BAD_URL: {
    code: 'malformed_url',
    title: 'Malformed address',
    detail: 'The address is not validly percent-encoded.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'uri_too_long',
    title: 'Address too long',
    detail: 'A part of the address is longer than the server accepts.',
  },
};

const INTERNAL_ERROR: Problem = {
  code: 'internal_error',
  status: HttpStatus.INTERNAL_SERVER_ERROR,
  title: 'Internal server error',
  detail:
    'Something went wrong on our side. The error has been logged; quote the request id when reporting it.',
  unexpected: true,
};

const DATABASE_UNAVAILABLE: Problem = {
  code: 'database_unavailable',
  status: HttpStatus.SERVICE_UNAVAILABLE,
  title: 'Database unavailable',
  detail: 'The database cannot be reached right now; try again shortly.',
  unexpected: true,
};

const UNIQUE_CONFLICT: Problem = {
  code: 'conflict',
  status: HttpStatus.CONFLICT,
  title: 'Conflict',
  // Never the driver's detail: it quotes the conflicting values.
  detail: 'The request conflicts with data that already exists.',
  unexpected: false,
};

// Network failures, and the SQLSTATEs of classes 08 (connection exception) and 57P (operator intervention).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  // node-postgres, for a client whose connection broke or closed under it.
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];
// TypeORM releases a transaction's query runner when its connection reports an error (the server
// went away between two statements); the transaction's next statement then throws one of these,
// depending on whether it goes through the runner or through its EntityManager.
const UNAVAILABLE_NAMES = [
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
];
const UNIQUE_VIOLATION = '23505';

/** Translates anything thrown while handling a request into what the client is told. */
export function problemFor(exception: unknown): Problem {
  if (exception instanceof DomainError) {
    return {
      code: exception.code,
      status: DOMAIN_STATUS[exception.code],
      title: DOMAIN_TITLE[exception.code],
      detail: exception.message,
      errors: exception.fieldErrors,
      extensions: exception.details,
      unexpected: false,
    };
  }
  const status = clientErrorStatus(exception);
  if (status !== undefined) {
    const code = (exception as { code?: unknown }).code;
    return {
      ...((typeof code === 'string' ? FASTIFY_PROBLEMS[code] : undefined) ??
        HTTP_PROBLEMS[status] ??
        genericClientProblem(status)),
      status,
      unexpected: false,
    };
  }
  const causes = causesOf(exception);
  if (causes.some(isUnavailable)) {
    return DATABASE_UNAVAILABLE;
  }
  if (causes.some((cause) => cause.code === UNIQUE_VIOLATION)) {
    return UNIQUE_CONFLICT;
  }
  return INTERNAL_ERROR;
}

/** The 4xx status of an error raised by Nest or Fastify; server errors are never trusted to be safe. */
function clientErrorStatus(exception: unknown): number | undefined {
  const status =
    exception instanceof HttpException
      ? exception.getStatus()
      : exception instanceof Error &&
          'statusCode' in exception &&
          typeof exception.statusCode === 'number'
        ? exception.statusCode
        : undefined;
  return status !== undefined && status >= 400 && status < 500
    ? status
    : undefined;
}

function genericClientProblem(
  status: number,
): Omit<Problem, 'status' | 'unexpected'> {
  return {
    code: 'bad_request',
    title: 'Bad request',
    detail: `The request was rejected (HTTP ${status}).`,
  };
}

interface ErrorLike {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly message?: unknown;
}

/** The error, what TypeORM wrapped (`driverError`), its `cause` chain and aggregated errors. */
function causesOf(exception: unknown, depth = 0): ErrorLike[] {
  if (typeof exception !== 'object' || exception === null || depth > 5) {
    return [];
  }
  const nested = ['driverError', 'cause']
    .map((key) => (exception as Record<string, unknown>)[key])
    .concat(exception instanceof AggregateError ? exception.errors : []);
  return [
    exception as ErrorLike,
    ...nested.flatMap((inner) => causesOf(inner, depth + 1)),
  ];
}

function isUnavailable(error: ErrorLike): boolean {
  return (
    (typeof error.code === 'string' && UNAVAILABLE_CODES.has(error.code)) ||
    (typeof error.name === 'string' &&
      UNAVAILABLE_NAMES.includes(error.name)) ||
    (typeof error.message === 'string' &&
      UNAVAILABLE_MESSAGES.some((text) =>
        (error.message as string).includes(text),
      ))
  );
}
