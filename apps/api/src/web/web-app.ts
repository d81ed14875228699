import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';

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
  await app.register(fastifyStatic, { root, wildcard: false, index: false });
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
