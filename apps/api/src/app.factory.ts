import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  FastifyAdapter,
  type NestFastifyApplication,
} from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AccessDenials } from './audit/access-denials';
import { jsonBodyRefusal } from './common/body/json-body';
import { controlCharacterRefusal } from './common/http/control-character-refusal';
import {
  clientErrorHandler,
  drainRefusedBodies,
} from './common/http/early-answers';
import { problemFor } from './common/problem/problem-mapping';
import { sendProblem } from './common/problem/problem-reply';
import {
  REQUEST_ID_HEADER,
  requestIdFor,
} from './common/request-id/request-id';
import type { AppConfig } from './config/app-config';
import { serveWebApp } from './web/web-app';
import { SESSION_ACTIVITY_HEADER } from './auth/jwt.strategy';
import { BACKCHANNEL_LOGOUT_PATH } from './auth/oidc.service';

/** sha256 of `this.media='all'`, base64. */
const ANGULAR_STYLESHEET_ONLOAD_SHA256 =
  'MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc=';

/** Global route prefix of the API. */
export const API_PREFIX = 'api';

/**
 * The four overall results of a workup's evaluation (domain reference §5), as every surface that
 * shows one (workup, patient lists, completion report, audit, FHIR) uses them.
 */
const OVERALL_DESCRIPTION = [
  'Overall result of a workup (`evaluation.overall`, `overall` on lists and reports), from the',
  'diagnostic rule evaluated on the met criteria (M), M plus pending ones (P) and P plus',
  'indeterminate ones (A):',
  '`criteria_met` — the rule holds on M;',
  '`incomplete` — it fails on M but open items could still satisfy it (holds on P);',
  '`indeterminate` — only a repeat or clarification of a result that could not be judged could',
  "satisfy it (fails on P, holds on A), e.g. a serum VEGF without the laboratory's upper limit;",
  '`criteria_not_met` — counted only when it fails even with every pending and indeterminate',
  'criterion counted as met. Next tests carry `action` (complete, repeat, activate, reopen) and',
  "a `why` sentence, in the protocol's priority order.",
].join(' ');

/** Whether a request address (path and query) is under the API prefix. */
export function isApiPath(url: string): boolean {
  return (
    url === `/${API_PREFIX}` ||
    url.startsWith(`/${API_PREFIX}/`) ||
    url.startsWith(`/${API_PREFIX}?`)
  );
}

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
  type Done = NonNullable<Parameters<typeof parse>[2]>;
  const guarded = (
    request: Parameters<typeof parse>[0],
    body: string | Buffer,
    done: Done,
  ): void => {
    const refusal = jsonBodyRefusal(body as string);
    if (refusal !== undefined) {
      done(Object.assign(new Error(refusal), { statusCode: 400 }), undefined);
      return;
    }
    void parse(request, body as string, done);
  };
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    guarded,
  );
  // Identity providers post logout tokens form-encoded (OpenID Connect Back-Channel Logout 1.0
  // §2.5); every other route keeps refusing a form body with 415.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (request, body, done) => {
      if (request.url.split('?')[0] !== BACKCHANNEL_LOGOUT_PATH) {
        done(Object.assign(new Error('Unsupported media type'), { statusCode: 415 }), undefined);
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  // Laboratory systems post FHIR Bundles, up to 5 MiB (lab-interface reference §3).
  fastify.addContentTypeParser(
    'application/fhir+json',
    { parseAs: 'string', bodyLimit: FHIR_BODY_LIMIT_BYTES },
    guarded,
  );
}

/** Largest FHIR body accepted (413 beyond). */
export const FHIR_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** Headers of the transport, not of helmet: left out of the probe's response. */
const TRANSPORT_HEADERS = new Set([
  'connection',
  'content-length',
  'content-type',
  'date',
  'keep-alive',
]);

/**
 * Helmet's security headers, sent on every response by the first hook. They are worked out once, by a
 * throwaway Fastify instance running @fastify/helmet with the same options: the plugin itself
 * builds every helmet middleware again on each request, which costs a noticeable share of a read.
 * Nothing in them depends on the request (no CSP nonces are used).
 */
async function learnSecurityHeaders(
  into: Record<string, string>,
  options: FastifyHelmetOptions,
): Promise<void> {
  const probe = new FastifyAdapter().getInstance();
  try {
    await probe.register(helmet, options);
    probe.get('/', (_request, reply) => reply.send(''));
    const response = await probe.inject({ method: 'GET', url: '/' });
    Object.assign(
      into,
      Object.fromEntries(
        Object.entries(response.headers)
          .filter(([name]) => !TRANSPORT_HEADERS.has(name))
          .map(([name, value]) => [name, String(value)]),
      ),
    );
  } finally {
    await probe.close();
  }
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
  // Filled once the app exists; read by the answers to requests that never reach the hooks.
  const securityHeaders: Record<string, string> = {};
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // Only the listed proxies' X-Forwarded-For is believed (request.ip, request.protocol); with
    // none, anyone could choose the address the sign-in throttle and the audit see.
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    // Always go through genReqId so that a client's id is vetted before it is trusted.
    requestIdHeader: false,
    genReqId: requestIdFor,
    // Refusals by the router itself (a badly percent-encoded path, an over-long path parameter)
    // skip every hook and Nest's error handling: they get the same problem document and headers.
    clientErrorHandler: clientErrorHandler(securityHeaders),
    frameworkErrors: (
      error: FastifyError,
      request: FastifyRequest,
      reply: FastifyReply,
    ) => {
      void reply.headers(securityHeaders).header(REQUEST_ID_HEADER, request.id);
      sendProblem(request, reply, problemFor(error));
    },
  });
  // JSON only: without this, text/plain bodies would reach handlers as strings.
  adapter.getInstance().removeContentTypeParser('text/plain');
  guardJsonBodies(adapter);
  drainRefusedBodies(adapter.getInstance());
  // Set apart from the other security headers: sent only over HTTPS (RFC 6797 §7.2).
  const transportSecurity = { header: '' };
  // The first hook, so that every later refusal carries the headers too.
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    void reply.headers(securityHeaders).header(REQUEST_ID_HEADER, request.id);
    // Fastify reports https for a TLS socket, or from X-Forwarded-Proto when the proxy is trusted.
    if (request.protocol === 'https' && transportSecurity.header !== '') {
      void reply.header('strict-transport-security', transportSecurity.header);
    }
    // Every API answer may carry patient data or tokens: no cache (browser, proxy, CDN) keeps it.
    // The web app's static files keep their own caching (web-app.ts).
    if (isApiPath(request.url)) {
      void reply.header('cache-control', 'no-store');
    }
    done();
  });
  // A control character in a path or query value is refused before any code sees it: PostgreSQL
  // refuses NUL in text (a server error otherwise), and no field means any other control.
  adapter.getInstance().addHook('onRequest', (request, _reply, done) => {
    done(controlCharacterRefusal(request.url));
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl, logger, extraModules),
    adapter,
    {
      bufferLogs: true,
      // A start-up failure (PostgreSQL not answering in time) is thrown to the caller, not ended
      // with process.exit(1): main.ts then stops the embedded PostgreSQL before exiting, and a
      // test file's failed start fails that file instead of killing the Jest worker and every
      // file after it (seen under load in the integration suite).
      abortOnError: false,
      // Fastify's own JSON parser, with the body limit above; no urlencoded parser.
      bodyParser: false,
    },
  );
  app.useLogger(app.get(NestPinoLogger));
  // Every 401 and 403 of the API is counted for the audit log, after the answer has gone out.
  const denials = app.get(AccessDenials);
  adapter.getInstance().addHook('onResponse', (request, reply, done) => {
    if (reply.statusCode === 401 || reply.statusCode === 403) {
      denials.observe(request, reply.statusCode);
    }
    done();
  });
  app.setGlobalPrefix(API_PREFIX);

  await learnSecurityHeaders(securityHeaders, {
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
  transportSecurity.header = securityHeaders['strict-transport-security'] ?? '';
  delete securityHeaders['strict-transport-security'];
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      allowedHeaders: [
        'authorization',
        'content-type',
        REQUEST_ID_HEADER,
        SESSION_ACTIVITY_HEADER,
      ],
      exposedHeaders: [REQUEST_ID_HEADER],
      maxAge: 600,
    });
  }

  const openApi = new DocumentBuilder()
    .setTitle('POEMS workup tracker API')
    .setDescription(
      'Errors are RFC 9457 problem documents (application/problem+json).\n\n' +
        OVERALL_DESCRIPTION,
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
