/** One invalid field of a 400 problem document. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** RFC 9457 problem document, as every API error body is shaped. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldProblem[];
}

/**
 * The only error shape the rest of the app sees for a failed API call.
 * `status` is 0 when no HTTP response arrived (network down, server stopped).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails | null,
  ) {
    super(problem?.title ?? fallbackMessage(status));
    this.name = 'ApiError';
  }

  get isUnreachable(): boolean {
    return this.status === 0;
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
export function parseProblem(body: unknown): ProblemDetails | null {
  if (
    !isRecord(body) ||
    typeof body['type'] !== 'string' ||
    typeof body['title'] !== 'string' ||
    typeof body['status'] !== 'number'
  ) {
    return null;
  }
  const { detail, instance, errors } = body;
  return {
    type: body['type'],
    title: body['title'],
    status: body['status'],
    ...(typeof detail === 'string' ? { detail } : {}),
    ...(typeof instance === 'string' ? { instance } : {}),
    ...(Array.isArray(errors) ? { errors: errors.filter(isFieldProblem) } : {}),
  };
}
