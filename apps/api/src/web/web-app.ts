import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';

/** Angular's output hashing: `main-ABCD1234.js`, `chunk-ABCD1234.js`, `styles-ABCD1234.css`. */
const HASHED_FILE = /-[A-Z0-9]{8,}\.(?:js|css|mjs)$/;

/**
 * Hashed files never change under their name: cached for a year without revalidation. Everything
 * else (index.html, favicon, assets) is revalidated so a new deployment reaches users at once.
 */
export function cacheControlOf(path: string): string {
  return HASHED_FILE.test(basename(path))
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/**
 * Serves the built Angular app from the same origin as the API. Paths that are not files get
 * index.html so the app's router can handle deep links; `/api/…` and missing files (paths with an
 * extension) stay 404 problem documents.
 */
export async function serveWebApp(
  app: NestFastifyApplication,
  webDist: string,
  logger: Logger,
): Promise<void> {
  const root = resolve(webDist);
  if (!existsSync(join(root, 'index.html'))) {
    logger.warn(`No web app build in ${root}; serving the API only.`);
    return;
  }
  // wildcard: false registers one route per file, leaving the catch-all route below to the SPA.
  // preCompressed: the .br / .gz copies the web build wrote beside each file are sent as they are.
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      void response.header('cache-control', cacheControlOf(path));
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .get('/*', (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api' || path.startsWith('/api/') || extname(path) !== '') {
        return reply.callNotFound();
      }
      // Revalidated on every load so that a new deployment reaches users at once.
      return reply
        .header('cache-control', 'no-cache')
        .sendFile('index.html', { cacheControl: false });
    });
}
