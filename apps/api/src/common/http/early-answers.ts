import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problem/problem-document';
import { REQUEST_ID_HEADER } from '../request-id/request-id';

/**
 * Most of a refused body the server still reads (and discards) so that the connection stays
 * usable. Beyond it the connection is closed, as Fastify does for every refused body.
 */
export const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Fastify answers a body it refuses (413 once `content-length` says it is too large, 400 for bad
 * JSON) with `connection: close` while the client may still be sending. Closing a socket with
 * unread data makes the kernel send a reset, and a client that has not yet read the answer then
 * loses it: a correct 413 looks like a network failure. The rest of a body of a declared, bounded
 * length is therefore read and discarded (Node does this for an unread body on a kept-alive
 * connection), and the connection stays open.
 */
export function drainRefusedBodies(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete && reply.getHeader('connection') === 'close') {
      const declared = Number(request.headers['content-length']);
      if (Number.isSafeInteger(declared) && declared <= DRAIN_LIMIT_BYTES) {
        reply.removeHeader('connection');
      }
    }
    done(null, payload);
  });
}

/** How long a connection refused by the HTTP parser is read before it is closed. */
const LINGER_MS = 2_000;

const answered = new WeakSet<Socket>();

/**
 * Answers what Node's HTTP parser refuses before there is a request (headers over 16 kB, a
 * malformed request line, a timeout) with a problem document and the security headers, like
 * every other refusal. The connection is half-closed and read for a short while before it is
 * destroyed (a lingering close): destroying it at once, as Node and Fastify do, resets it while
 * the client may still be sending, and the client may lose the answer.
 */
export function clientErrorHandler(
  securityHeaders: Readonly<Record<string, string>>,
): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    if (
      error.code === 'ECONNRESET' ||
      socket.destroyed ||
      answered.has(socket)
    ) {
      return;
    }
    answered.add(socket);
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    // No request exists yet, hence no `instance`.
    const document = {
      type: problemType(
        status === 431
          ? 'headers_too_large'
          : status === 408
            ? 'request_timeout'
            : 'malformed_request',
      ),
      title: STATUS_CODES[status] ?? 'Bad Request',
      status,
      detail:
        status === 431
          ? 'The request headers (with the address) are larger than the server accepts.'
          : status === 408
            ? 'The request was not received in time.'
            : 'The request is not valid HTTP.',
    };
    const body = JSON.stringify(document);
    const headers = Object.entries(securityHeaders)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
          `content-type: ${PROBLEM_CONTENT_TYPE}\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\n` +
          `${REQUEST_ID_HEADER}: ${randomUUID()}\r\n` +
          `${headers}connection: close\r\n\r\n${body}`,
      );
    }
    socket.end();
    socket.on('data', () => undefined);
    socket.once('end', () => socket.destroy());
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}
