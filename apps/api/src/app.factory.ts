import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  FastifyAdapter,
  type NestFastifyApplication,
} from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { jsonBodyRefusal } from './common/body/json-body';
import {
  REQUEST_ID_HEADER,
  requestIdFor,
} from './common/request-id/request-id';
import type { AppConfig } from './config/app-config';
import { serveWebApp } from './web/web-app';

/** sha256 of `this.media='all'`, base64. */
const ANGULAR_STYLESHEET_ONLOAD_SHA256 =
  'MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc=';

/** Global route prefix of the API. */
export const API_PREFIX = 'api';

/** What {@link createApp} needs. */
export interface AppOptions {
  readonly config: AppConfig;
  readonly databaseUrl: string;
  readonly logger: Logger;
  /** Modules added next to the application's own; tests use it to mount probe routes. */
  readonly extraModules?: readonly Type[];
}

/**
 * Fastify's own JSON parser (prototype poisoning refused), behind checks of the text: a body nested
 * thousands of levels deep or holding NUL is a 400, never a stack overflow or a database error
 * further on.
 */
function guardJsonBodies(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request, body, done) => {
      const refusal = jsonBodyRefusal(body as string);
      if (refusal !== undefined) {
        done(Object.assign(new Error(refusal), { statusCode: 400 }), undefined);
        return;
      }
      void parse(request, body as string, done);
    },
  );
}

/** Headers of the transport, not of helmet: left out of the probe's response. */
const TRANSPORT_HEADERS = new Set([
  'connection',
  'content-length',
  'content-type',
  'date',
  'keep-alive',
]);

/**
 * Helmet's security headers on every response. They are worked out once, by a throwaway Fastify
 * instance running @fastify/helmet with the same options, and then set by one hook: the plugin
 * itself builds every helmet middleware again on each request, which costs a noticeable share of
 * a read. Nothing in them depends on the request (no CSP nonces are used).
 */
async function applySecurityHeaders(
  app: NestFastifyApplication,
  options: FastifyHelmetOptions,
): Promise<void> {
  const probe = new FastifyAdapter().getInstance();
  let headers: Record<string, string>;
  try {
    await probe.register(helmet, options);
    probe.get('/', (_request, reply) => reply.send(''));
    const response = await probe.inject({ method: 'GET', url: '/' });
    headers = Object.fromEntries(
      Object.entries(response.headers)
        .filter(([name]) => !TRANSPORT_HEADERS.has(name))
        .map(([name, value]) => [name, String(value)]),
    );
  } finally {
    await probe.close();
  }
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
}

/**
 * Builds the whole application, not yet listening: the entry point and the integration tests
 * share it so tests exercise exactly what runs in production.
 */
export async function createApp({
  config,
  databaseUrl,
  logger,
  extraModules = [],
}: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Always go through genReqId so that a client's id is vetted before it is trusted.
    requestIdHeader: false,
    genReqId: requestIdFor,
  });
  // JSON only: without this, text/plain bodies would reach handlers as strings.
  adapter.getInstance().removeContentTypeParser('text/plain');
  guardJsonBodies(adapter);
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl, logger, extraModules),
    adapter,
    {
      bufferLogs: true,
      // Fastify's own JSON parser, with the body limit above; no urlencoded parser.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(NestPinoLogger));
  app.setGlobalPrefix(API_PREFIX);

  await applySecurityHeaders(app, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        // The one inline handler Angular's build emits: <link media="print" onload="this.media='all'">
        // loads the global stylesheet without blocking rendering once critical CSS is inlined.
        scriptSrcAttr: [
          "'unsafe-hashes'",
          `'sha256-${ANGULAR_STYLESHEET_ONLOAD_SHA256}'`,
        ],
        // Angular and Angular Material add component styles at runtime as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      allowedHeaders: ['authorization', 'content-type', REQUEST_ID_HEADER],
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    });
  }

  const openApi = new DocumentBuilder()
    .setTitle('POEMS workup tracker API')
    .setDescription(
      'Errors are RFC 9457 problem documents (application/problem+json).',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup(
    `${API_PREFIX}/docs`,
    app,
    () => SwaggerModule.createDocument(app, openApi),
    {
      jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    },
  );

  await serveWebApp(app, config.webDist, logger);
  return app;
}
