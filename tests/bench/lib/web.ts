import {
  cpSync,
  existsSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { withClient } from './databases';
import { startServer, type RunningServer } from './servers';

/** The web app's figures. */
export interface WebFigures {
  /** The JavaScript index.html loads before anything renders: entry script and module preloads. */
  readonly initialJs: {
    readonly files: readonly string[];
    readonly rawBytes: number;
    readonly gzipBytes: number;
  };
  readonly render: RenderFigures | { readonly skipped: string };
}

/** The workup page in headless Chromium against a static page of the same checklist, same server. */
export interface RenderFigures {
  /** Median ms from navigation to the whole checklist on screen, the app. */
  readonly appMs: number;
  /** The same for a static HTML page of the same checklist and styles, no script. */
  readonly staticMs: number;
  /** app ÷ static. */
  readonly ratio: number;
  readonly runs: number;
  readonly items: number;
}

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const STATIC_PAGE = 'bench-static-workup.html';
/** The element the checklist renders per item; the page counts as rendered when all are there. */
const ITEM_SELECTOR = 'pw-checklist-item';

/** What starting the API for the web figures needs. */
export interface WebContext {
  readonly root: string;
  readonly artifacts: string;
  readonly databaseUrl: string;
  readonly apiEnv: Readonly<Record<string, string>>;
  readonly signIn: (
    api: RunningServer,
  ) => Promise<{ accessToken: string; expiresIn: number; user: unknown }>;
  readonly runs: number;
}

/** Bundle size of the production build, and the render comparison when the workup page is in it. */
export async function measureWeb(
  context: WebContext,
  say: (message: string) => void,
): Promise<WebFigures | { readonly skipped: string }> {
  const browserDir = join(context.root, 'dist/apps/web/browser');
  const index = join(browserDir, 'index.html');
  if (!existsSync(index)) {
    say(
      '  no production build of the web app in dist/apps/web/browser, skipped',
    );
    return { skipped: 'no production build of the web app' };
  }
  const html = readFileSync(index, 'utf8');
  const files = [
    ...new Set(
      [
        ...html.matchAll(
          /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
        ),
      ].map((m) => m[1] ?? ''),
    ),
  ];
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(browserDir, file));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  say(
    `  initial JS: ${files.length} files, ${(rawBytes / 1024).toFixed(1)} KiB raw, ${(gzipBytes / 1024).toFixed(1)} KiB gzip`,
  );
  let render: WebFigures['render'];
  if (!existsSync(CHROMIUM)) {
    render = {
      skipped: `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`,
    };
  } else {
    try {
      render = await measureRender(context, browserDir, say);
    } catch (error) {
      render = {
        skipped: `the workup page could not be measured: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
  if ('skipped' in render) {
    say(`  render: skipped (${render.skipped})`);
  }
  return { initialJs: { files, rawBytes, gzipBytes }, render };
}

/**
 * The patient workup page (`/patients/:id`), signed in, from navigation until every checklist
 * item is on screen, against a static HTML snapshot of the same rendered checklist with the same
 * styles and no script, served by the same API process from the same directory. Each load uses a
 * fresh browser context (empty cache), the two pages alternating.
 */
async function measureRender(
  context: WebContext,
  browserDir: string,
  say: (message: string) => void,
): Promise<RenderFigures | { readonly skipped: string }> {
  const webDir = join(context.artifacts, 'web');
  rmSync(webDir, { recursive: true, force: true });
  cpSync(browserDir, webDir, { recursive: true });
  const target = await withClient(context.databaseUrl, async (client) => {
    const { rows } = await client.query<{ patient_id: string; items: number }>(
      `SELECT w.patient_id, (SELECT count(*)::int FROM workup_items i WHERE i.workup_id = w.id AND i.active) AS items
         FROM workups w WHERE w.status = 'open'
        ORDER BY w.completion_done DESC, w.id LIMIT 1`,
    );
    return rows[0];
  });
  if (target === undefined) {
    return { skipped: 'no open workup in the database' };
  }
  const start = (): Promise<RunningServer> =>
    startServer(
      'API (web)',
      [join(context.artifacts, 'api/main.js')],
      { ...context.apiEnv, WEB_DIST: webDir },
      join(context.artifacts, 'api-web.log'),
    );
  let browser: Browser | undefined;
  let api = await start();
  try {
    const login = await context.signIn(api);
    const session = JSON.stringify({
      token: login.accessToken,
      expiresAt: Date.now() + login.expiresIn * 1_000,
      user: login.user,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const appUrl = `${api.baseUrl}/patients/${target.patient_id}`;
    const open = async (url: string): Promise<number> => {
      const browserContext = await (browser as Browser).newContext();
      await browserContext.addInitScript(
        (value: string) => sessionStorage.setItem('pw.session', value),
        session,
      );
      const page = await browserContext.newPage();
      try {
        await page.goto(url, { waitUntil: 'commit' });
        // Measured by the page's own clock, from the start of the navigation to the first frame
        // with every item present; the browser's start-up and this process's round trips stay out.
        const rendered = await page.waitForFunction(
          ([selector, count]) =>
            document.querySelectorAll(selector as string).length >=
              (count as number) && performance.now(),
          [ITEM_SELECTOR, target.items] as const,
          { timeout: 30_000, polling: 'raf' },
        );
        return Math.round(Number(await rendered.jsonValue()));
      } finally {
        await browserContext.close();
      }
    };
    // The snapshot: the app's rendered page with its styles, scripts removed.
    const first = await (async () => {
      const browserContext = await (browser as Browser).newContext();
      await browserContext.addInitScript(
        (value: string) => sessionStorage.setItem('pw.session', value),
        session,
      );
      const page = await browserContext.newPage();
      await page.goto(appUrl);
      await page.waitForFunction(
        ([selector, count]) =>
          document.querySelectorAll(selector as string).length >=
          (count as number),
        [ITEM_SELECTOR, target.items] as const,
        { timeout: 30_000 },
      );
      const html = await page.evaluate(() => {
        const head = [
          ...document.head.querySelectorAll('style, link[rel="stylesheet"]'),
        ]
          .map((e) => e.outerHTML.replace(/ media="print" onload="[^"]*"/, ''))
          .join('\n');
        const body = document.body.cloneNode(true) as HTMLElement;
        body.querySelectorAll('script, noscript').forEach((e) => e.remove());
        return `<!doctype html><html lang="en"><head><meta charset="utf-8"><base href="/">${head}</head>${body.outerHTML}</html>`;
      });
      await browserContext.close();
      return html;
    })();
    writeFileSync(join(webDir, STATIC_PAGE), first);
    // @fastify/static registers the directory's files at start-up.
    await api.stop();
    api = await start();
    const staticUrl = `${api.baseUrl}/${STATIC_PAGE}`;
    const appRuns: number[] = [];
    const staticRuns: number[] = [];
    const restartedAppUrl = `${api.baseUrl}/patients/${target.patient_id}`;
    // One untimed load of each first: the server's and the OS's caches warm up.
    await open(staticUrl);
    await open(restartedAppUrl);
    for (let run = 0; run < context.runs; run++) {
      const order = run % 2 === 0 ? ['static', 'app'] : ['app', 'static'];
      for (const side of order) {
        if (side === 'app') {
          appRuns.push(await open(restartedAppUrl));
        } else {
          staticRuns.push(await open(staticUrl));
        }
      }
    }
    const appMs = median(appRuns);
    const staticMs = median(staticRuns);
    say(
      `  workup page ${appMs} ms, static checklist ${staticMs} ms (medians of ${context.runs})`,
    );
    return {
      appMs,
      staticMs,
      ratio: appMs / staticMs,
      runs: context.runs,
      items: target.items,
    };
  } finally {
    await browser?.close();
    await api.stop();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}
