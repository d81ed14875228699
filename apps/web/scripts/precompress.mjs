// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file of the web build, so
// the API serves them with `content-encoding` and no CPU per request (@fastify/static preCompressed).
// Run by `nx build web` after the Angular build; the copies are only kept when they are smaller.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|txt|map|webmanifest|ico)$/;
/** Below this, the headers of a compressed answer cost more than they save. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* files(path);
    } else if (COMPRESSIBLE.test(entry.name)) {
      yield path;
    }
  }
}

async function compress(path) {
  const body = await readFile(path);
  if (body.length < MIN_BYTES) {
    return 0;
  }
  const [br, gzipped] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gz(body, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  let written = 0;
  for (const [suffix, copy] of [
    ['.br', br],
    ['.gz', gzipped],
  ]) {
    if (copy.length < body.length) {
      await writeFile(`${path}${suffix}`, copy);
      written += 1;
    }
  }
  return written;
}

const root = process.argv[2];
if (
  root === undefined ||
  !(await stat(root).catch(() => undefined))?.isDirectory()
) {
  console.error(
    `usage: node precompress.mjs <web build directory> (got ${root})`,
  );
  process.exit(1);
}
let count = 0;
for await (const path of files(root)) {
  count += await compress(path);
}
console.log(
  `precompress: ${count} brotli and gzip copies written under ${root}`,
);
