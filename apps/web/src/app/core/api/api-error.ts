import type { ProblemDocument } from '@poems/contract';

/** One invalid field of a 400 problem document. */
export type FieldProblem = NonNullable<ProblemDocument['errors']>[number];

/**
 * The only error shape the rest of the app sees for a failed API call.
 * `status` is 0 when no HTTP response arrived (network down, server stopped).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDocument | null,
  ) {
    super(problem?.title ?? fallbackMessage(status));
    this.name = 'ApiError';
  }

  get isUnreachable(): boolean {
    return this.status === 0;
  }

  /** The problem's code: the last segment of its `type` URI (`stale_version`, `duplicate_mrn`…). */
  get code(): string | null {
    return this.problem?.type.split('/').pop() ?? null;
  }

  /** Field errors of a 400, empty otherwise. */
  get fieldErrors(): readonly FieldProblem[] {
    return this.problem?.errors ?? [];
  }
}

function fallbackMessage(status: number): string {
  return status === 0
    ? 'The server could not be reached.'
    : `The server answered with HTTP ${status}.`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    isRecord(value) &&
    typeof value['field'] === 'string' &&
    typeof value['message'] === 'string'
  );
}

/** Reads a problem document from an error body; `null` for anything else. */
export function parseProblem(body: unknown): ProblemDocument | null {
  if (
    !isRecord(body) ||
    typeof body['type'] !== 'string' ||
    typeof body['title'] !== 'string' ||
    typeof body['status'] !== 'number'
  ) {
    return null;
  }
  const { detail, instance, errors, current, sessionEnded, mfaChallengeExpired } =
    body;
  return {
    type: body['type'],
    title: body['title'],
    status: body['status'],
    ...(typeof detail === 'string' ? { detail } : {}),
    ...(typeof instance === 'string' ? { instance } : {}),
    ...(Array.isArray(errors) ? { errors: errors.filter(isFieldProblem) } : {}),
    ...(current !== undefined ? { current } : {}),
    ...(typeof sessionEnded === 'string' ? { sessionEnded } : {}),
    ...(mfaChallengeExpired === true ? { mfaChallengeExpired } : {}),
  };
}
