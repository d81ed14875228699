import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { AppConfig } from '../../config/app-config';
import { clientRequestIdOf } from '../request-id/request-id';

/**
 * What may be logged of an error: never the driver's `detail`, a query or its parameters, which
 * quote patient data.
 */
export function safeError(error: unknown): Record<string, unknown> {
  // Request logging (pino-http) hands serializers what pino's standard error serializer made of
  // the error, a plain object with `type` instead of `name`: both are reduced the same way.
  const e = (error ?? {}) as {
    name?: unknown;
    type?: unknown;
    message?: unknown;
    code?: unknown;
    stack?: unknown;
  };
  if (!(error instanceof Error) && typeof e.message !== 'string') {
    return { type: typeof error };
  }
  const type = error instanceof Error ? error.name : e.type;
  return {
    type: typeof type === 'string' ? type : 'Error',
    message: String(e.message),
    ...(typeof e.code === 'string' && { code: e.code }),
    ...(typeof e.stack === 'string' && { stack: e.stack }),
  };
}

/**
 * Whether log lines are for a person: a terminal reads lines, a collector parses JSON. `auto`
 * keeps production, CI and every pipe on JSON.
 */
export function prettyLogs(
  format: AppConfig['logFormat'],
  stdoutIsTerminal: boolean,
): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTerminal);
}

/**
 * The readable form, written synchronously on the calling thread: a worker-thread transport would
 * lose the last lines of a crash and needs its module resolvable at run time.
 */
function prettyStream(): DestinationStream {
  return pretty({
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req.id',
    singleLine: true,
  });
}

/** The process's root logger: JSON lines on stdout, or readable lines (see `prettyLogs`). */
export function createLogger(
  config: Pick<AppConfig, 'logLevel'> & Partial<Pick<AppConfig, 'logFormat'>>,
  stdoutIsTerminal: boolean = process.stdout.isTTY === true,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: safeError },
    // A second line of defence: request and response serializers below already drop these.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.body',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  };
  return prettyLogs(config.logFormat ?? 'auto', stdoutIsTerminal)
    ? pino(options, prettyStream())
    : pino(options);
}

/**
 * Request logging: method, path (ids only, never the query string, which carries search terms),
 * status, duration and request id. No headers, no bodies.
 */
export function httpLoggerParams(logger: Logger): Params {
  return {
    // nestjs-pino's default '*' is the legacy path syntax Nest 11 warns about.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      logger,
      // Fastify has already chosen the id (see request-id.ts); middie copies it onto the raw request.
      genReqId: (request: IncomingMessage & { id?: unknown }) =>
        String(request.id),
      serializers: {
        req: (request: {
          id: unknown;
          method: string;
          url: string;
          headers?: IncomingMessage['headers'];
        }) => ({
          id: request.id,
          // The caller's correlation id, kept apart from the server's own.
          clientRequestId:
            request.headers === undefined
              ? undefined
              : clientRequestIdOf({ headers: request.headers }),
          method: request.method,
          path: request.url.split('?')[0],
        }),
        res: (response: ServerResponse) => ({
          statusCode: response.statusCode,
        }),
        err: safeError,
      },
      customLogLevel: (_request, response, error) =>
        error !== undefined || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
    },
  };
}
