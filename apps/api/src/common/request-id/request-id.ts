import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Header carrying the request id, in both directions. */
export const REQUEST_ID_HEADER = 'x-request-id';

// Ids from a proxy or a client are kept only when they cannot corrupt logs or headers.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is sane, otherwise a fresh UUID. Used as Fastify's genReqId. */
export function requestIdFor(request: IncomingMessage): string {
  const offered = request.headers[REQUEST_ID_HEADER];
  return typeof offered === 'string' && SANE_REQUEST_ID.test(offered)
    ? offered
    : randomUUID();
}
