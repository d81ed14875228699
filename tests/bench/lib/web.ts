import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The web app's figures. */
export interface WebFigures {
  /** The JavaScript index.html loads before anything renders: entry script and module preloads. */
  readonly initialJs: {
    readonly files: readonly string[];
    readonly rawBytes: number;
    readonly gzipBytes: number;
  };
  readonly render?: RenderFigures | { readonly skipped: string };
}

/** The workup page in headless Chromium against a static page of the same table, same server. */
export interface RenderFigures {
  readonly appMs: number;
  readonly staticMs: number;
  /** app ÷ static. */
  readonly ratio: number;
  readonly runs: number;
}

/** Bundle size of the production build; the render comparison once the workup page exists. */
export async function measureWeb(
  root: string,
  _artifacts: string,
  say: (message: string) => void,
): Promise<WebFigures | { readonly skipped: string }> {
  const browser = join(root, 'dist/apps/web/browser');
  const index = join(browser, 'index.html');
  if (!existsSync(index)) {
    say('  no production build of the web app in dist/apps/web/browser, skipped');
    return { skipped: 'no production build of the web app' };
  }
  const html = readFileSync(index, 'utf8');
  const files = [
    ...new Set(
      [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map(
        (m) => m[1] ?? '',
      ),
    ),
  ];
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(browser, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  say(`  initial JS: ${files.length} files, ${(rawBytes / 1024).toFixed(1)} KiB raw, ${(gzipBytes / 1024).toFixed(1)} KiB gzip`);
  return {
    initialJs: { files, rawBytes, gzipBytes },
    render: { skipped: 'the workup page is not in this build yet' },
  };
}
