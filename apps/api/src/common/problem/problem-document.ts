/** Media type of RFC 9457 problem documents. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

const PROBLEM_TYPE_BASE = 'https://poems-workup.dev/problems/';

/** One invalid input field. */
export interface ProblemFieldError {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem document, the body of every error response. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  /** Present on 400 responses: every invalid field. */
  readonly errors?: readonly ProblemFieldError[];
  /** Extension members, e.g. the current version of a stale item. */
  readonly [extension: string]: unknown;
}

/** The `type` URI of a problem code. */
export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}
