import { ITEM_STATUSES, POEMS_DISPENZIERI_V1 } from '@poems/domain';
import { type CompletionReport } from '@poems/contract';
import { callAs, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { pageCount } from './completion-report.pdf';

/** Synthetic workups: enough that buffering an export would show, few enough to seed in seconds. */
const WORKUPS = 20_000;
/** Items per synthetic workup. */
const ITEMS_PER_WORKUP = 8;
/** Every synthetic workup is opened in 2029 (UTC, the test app's clinic zone). */
const YEAR = 'from=2029-01-01&to=2029-12-31';
/** About 3 200 of them: a PDF of some 90 pages. */
const TWO_MONTHS = 'from=2029-01-01&to=2029-02-28';
const MB = 1024 * 1024;

/**
 * Seeds patients, workups and their items with set-based SQL in the test's own database: one
 * patient per workup, opening dates spread over 2029, item statuses and due dates scattered.
 */
async function seed(app: TestApp, workups: number): Promise<void> {
  // Half the catalog: row count, not item count, is what an export's memory depends on, and
  // every index on workup_items makes each inserted item cost.
  const keys = POEMS_DISPENZIERI_V1.items
    .filter((item) => item.required)
    .slice(0, ITEMS_PER_WORKUP)
    .map((item) => item.key);
  await app.dataSource.query(
    `WITH p AS (
       INSERT INTO patients (mrn, given_name, family_name, birth_date, sex,
                             mrn_search, given_search, family_search)
       SELECT 'BULK-' || g, 'Given' || g, 'Family, "' || g || '"', date '1950-01-01' + g % 9000,
              'female', 'bulk-' || g, 'given' || g, 'family ' || g
         FROM generate_series(1, $1::int) g
       RETURNING id, mrn
     ), w AS (
       INSERT INTO workups (patient_id, status, protocol_key, protocol_version, opened_at,
                            closed_at, overall, completion_total)
       SELECT p.id, CASE WHEN p.n % 3 = 0 THEN 'closed' ELSE 'open' END, 'poems-dispenzieri', 1,
              timestamptz '2029-01-01 08:00+00' + (p.n % 365) * interval '1 day',
              CASE WHEN p.n % 3 = 0
                   THEN timestamptz '2029-01-01 08:00+00' + (p.n % 365 + p.n % 20) * interval '1 day'
              END,
              ($3::text[])[1 + p.n % 3], cardinality($2::text[])
         FROM (SELECT id, substring(mrn FROM 6)::int AS n FROM p) p
       RETURNING id
     )
     INSERT INTO workup_items (workup_id, key, required, active, status, due_date)
     SELECT w.id, k.key, true, true,
            ($4::text[])[1 + abs(hashtext(w.id::text || k.key)) % cardinality($4::text[])],
            date '2029-06-01' + abs(hashtext(k.key || w.id::text)) % 400
       FROM w CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS k(key, n)
      -- A workup's items side by side, as the API inserts them in one transaction.
      ORDER BY w.id, k.n`,
    [
      workups,
      keys,
      ['criteria_met', 'criteria_not_met', 'incomplete'],
      [...ITEM_STATUSES],
    ],
  );
}

/** The app's other database sessions, and what each is doing. */
async function sessions(
  app: TestApp,
): Promise<{ pid: number; state: string; query: string }[]> {
  return (await app.dataSource.query(
    `SELECT pid, state, query FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  )) as { pid: number; state: string; query: string }[];
}

async function eventually(
  condition: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads a download to its end, keeping only counts, while sampling this process's RSS. */
async function measuredDownload(response: Response): Promise<{
  bytes: number;
  lines: number;
  pages: number;
  rssGrowth: number;
  tail: string;
}> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  let bytes = 0;
  let lines = 0;
  let pages = 0;
  let tail = '';
  try {
    if (response.body === null) {
      throw new Error('no body');
    }
    for await (const chunk of response.body) {
      const buffer = Buffer.from(chunk);
      bytes += buffer.length;
      for (const byte of buffer) {
        if (byte === 0x0a) {
          lines += 1;
        }
      }
      // A page object can straddle two chunks: search the end of the previous one too.
      const text = tail + buffer.toString('latin1');
      pages += (text.match(/\/Type \/Page\n/g) ?? []).length;
      tail = text.slice(-12);
    }
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { bytes, lines, pages, rssGrowth: peak - baseline, tail };
}

describe('completion report exports at scale', () => {
  let app: TestApp;
  let url: (query: string) => string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    await seed(app, WORKUPS);
    await app.dataSource.query('ANALYZE');
    url = (query) => `${app.baseUrl}/api/reports/completion?${query}`;
    headers = { authorization: `Bearer ${await tokenFor(app, 'auditor')}` };
  }, 60_000);

  afterAll(async () => {
    await app.close();
  });

  it('counts every synthetic workup in the JSON summary', async () => {
    const response = await callAs(
      app,
      'auditor',
      'GET',
      `/api/reports/completion?${YEAR}&pageSize=1`,
    );

    expect(response.status).toBe(200);
    const body = response.body as CompletionReport;
    expect(body.total).toBe(WORKUPS);
    expect(body.summary.items.total).toBe(ITEMS_PER_WORKUP * WORKUPS);
  });

  it(`streams ${WORKUPS} rows of CSV with the API's memory flat`, async () => {
    const response = await fetch(url(`${YEAR}&format=csv`), { headers });
    expect(response.status).toBe(200);

    const download = await measuredDownload(response);

    // Every patient name holds a quoted comma, but no line break: one line per row plus the header.
    expect(download.lines).toBe(WORKUPS + 1);
    expect(download.rssGrowth).toBeLessThan(100 * MB);
  }, 60_000);

  it('streams a PDF page by page, with the page count it announced', async () => {
    const { total } = (
      await callAs(
        app,
        'auditor',
        'GET',
        `/api/reports/completion?${TWO_MONTHS}&pageSize=1`,
      )
    ).body as CompletionReport;
    expect(total).toBeGreaterThan(3_000);
    const response = await fetch(url(`${TWO_MONTHS}&format=pdf`), { headers });
    expect(response.status).toBe(200);

    const download = await measuredDownload(response);

    expect(download.pages).toBe(pageCount(total));
    expect(download.tail).toContain('%%EOF');
    expect(download.rssGrowth).toBeLessThan(100 * MB);
  }, 60_000);

  it('refuses a PDF too long to read, pointing at the CSV export', async () => {
    const response = await callAs(
      app,
      'auditor',
      'GET',
      `/api/reports/completion?${YEAR}&format=pdf`,
    );

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      errors: [
        {
          field: 'format',
          message: expect.stringContaining('export CSV'),
        },
      ],
    });
  });

  it('stops reading and destroys its connection when the client aborts mid-download', async () => {
    const abort = new AbortController();
    const response = await fetch(url(`${TWO_MONTHS}&format=pdf`), {
      headers,
      signal: abort.signal,
    });
    await response.body?.getReader().read();
    let exporter: number | undefined;
    await eventually(async () => {
      exporter = (await sessions(app)).find(
        (s) => s.query.includes('LATERAL') && s.state !== 'idle',
      )?.pid;
      return exporter !== undefined;
    });

    abort.abort();

    // Destroyed, not handed back to the pool: a finished export would leave the session idle.
    await eventually(
      async () => !(await sessions(app)).some((s) => s.pid === exporter),
    );
    const after = await callAs(
      app,
      'auditor',
      'GET',
      `/api/reports/completion?${YEAR}&pageSize=1`,
    );
    expect(after.status).toBe(200);
  }, 30_000);
});
