import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Header carrying the request id, in both directions. */
export const REQUEST_ID_HEADER = 'x-request-id';

// Ids from a proxy or a client are kept only when they cannot corrupt logs or headers.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The server's own id of a request (Fastify's genReqId): always a fresh UUID. A caller's id is
 * never adopted, so audit events cannot be made to share an id with another request; the caller's
 * id is kept apart ({@link clientRequestIdOf}).
 */
export function requestIdFor(): string {
  return randomUUID();
}

/** The caller's `x-request-id` when it is sane (a proxy's or client's correlation id), else undefined. */
export function clientRequestIdOf(
  request: Pick<IncomingMessage, 'headers'>,
): string | undefined {
  const offered = request.headers[REQUEST_ID_HEADER];
  return typeof offered === 'string' && SANE_REQUEST_ID.test(offered)
    ? offered
    : undefined;
}
