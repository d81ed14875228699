import type { BenchResults } from '../run';
import type { SideBySide } from './compare';
import type { PageFigures } from './lists';
import type { PlanSummary } from './plans';

/** Goals of the issue, as ratios to the bare baseline. */
export const GOALS = {
  /** API throughput ÷ baseline throughput, reads and writes. */
  throughput: 0.5,
  /** Time per list page at 10× the data ÷ at 1×: "flat". */
  pageGrowth: 1.5,
  /** Peak memory growth of the CSV export, MB. */
  csvMemoryMb: 100,
} as const;

const n = (value: number, digits = 0): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '–';
const mark = (ok: boolean): string => (ok ? 'yes' : 'NO');

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) =>
        i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0),
      )
      .join('  ');
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

function throughputRows(
  label: string,
  figures: readonly SideBySide[],
): string[][] {
  return figures.map((f) => [
    label,
    String(f.connections),
    n(f.subject.rps),
    n(f.subject.p50, 1),
    n(f.subject.p99, 1),
    n(f.reference.rps),
    n(f.reference.p50, 1),
    n(f.reference.p99, 1),
    n(f.throughputRatio, 2),
    mark(f.throughputRatio >= GOALS.throughput),
    `${n(f.subject.cpuMsPerRequest, 2)} / ${n(f.reference.cpuMsPerRequest, 2)}`,
  ]);
}

/** The run as plain-text tables, every figure with its ratio to the baseline. */
export function printReport(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [
    `POEMS workup tracker benchmark, ${results.date.slice(0, 16).replace('T', ' ')} UTC`,
    `${m['cpus']} × ${m['cpuModel']}, ${m['memoryGiB']} GiB, Node ${m['node']}, PostgreSQL ${m['postgres']}, commit ${m['commit']}`,
    'Every ratio is API ÷ bare baseline (node:http + pg, same SQL and response), measured side by side.',
    '',
  ];
  const head = [
    '',
    'conns',
    'API req/s',
    'p50 ms',
    'p99 ms',
    'bare req/s',
    'p50 ms',
    'p99 ms',
    'ratio',
    `≥ ${GOALS.throughput}`,
    'CPU ms/req API / bare',
  ];
  if (results.reads !== undefined || results.writes !== undefined) {
    const rows = [
      ...throughputRows('GET /api/workups/:id', results.reads?.workup ?? []),
      ...throughputRows('GET /api/patients?q=', results.reads?.search ?? []),
      ...throughputRows(
        'POST …/items/:key/schedule',
        results.writes?.schedule ?? [],
      ),
    ];
    const patients = results.reads?.patients ?? results.writes?.patients;
    out.push(`Reads and writes (${patients} patients)`, table(head, rows), '');
  }
  if (results.writes !== undefined) {
    out.push(
      'Audit hash chain, schedule on the bare server: extended inside each transaction (before) vs sealed after commit (after)',
      table(
        [
          '',
          'conns',
          'in-tx req/s',
          'p50 ms',
          'p99 ms',
          'after req/s',
          'p50 ms',
          'p99 ms',
          'before÷after',
          'API÷bare after',
        ],
        results.writes.inTransactionChain.map((f, i) => [
          'schedule',
          String(f.connections),
          n(f.subject.rps),
          n(f.subject.p50, 1),
          n(f.subject.p99, 1),
          n(f.reference.rps),
          n(f.reference.p50, 1),
          n(f.reference.p99, 1),
          n(f.throughputRatio, 2),
          n(results.writes?.schedule[i]?.throughputRatio ?? NaN, 2),
        ]),
      ),
      '',
    );
  }
  const lists = results.lists ?? {};
  const sizes = Object.keys(lists).sort((a, b) => Number(a) - Number(b));
  if (sizes.length > 0) {
    const rows: string[][] = [];
    for (const name of ['worklist', 'completionReport'] as const) {
      for (const size of sizes) {
        const figures = lists[size]?.[name];
        if (figures === undefined || 'skipped' in figures) {
          rows.push([`${name} (${size})`, 'skipped', '', '', '', '', '', '']);
          continue;
        }
        const growth = growthOf(lists, name, size, sizes[0]);
        rows.push([
          figures.inScope === undefined
            ? `${name} (${size})`
            : `${name} (${size}; ${figures.inScope} in scope)`,
          n(figures.http.subject.mean, 2),
          n(figures.http.reference.mean, 2),
          n(figures.rawSqlMs, 2),
          n(figures.http.latencyRatio, 2),
          n(figures.ratioToRawSql, 2),
          growth === undefined ? '' : n(growth, 2),
          growth === undefined ? '' : mark(growth <= GOALS.pageGrowth),
        ]);
      }
    }
    out.push(
      'Lists: time per page (first page, one connection). The completion report summarises every workup of its 30 days, so its growth is per workup in scope.',
      table(
        [
          '',
          'API ms',
          'bare ms',
          'raw SQL ms',
          'API÷bare',
          'API÷raw',
          `× vs ${sizes[0]}`,
          `flat (≤ ${GOALS.pageGrowth})`,
        ],
        rows,
      ),
      '',
      'Index use of the worklist statements (largest database):',
    );
    const largest = lists[sizes[sizes.length - 1] ?? ''];
    const describe = (plan: PlanSummary): string =>
      `${plan.indexes.join(', ') || 'no index'}${plan.seqScans.length > 0 ? `; seq scan of ${plan.seqScans.join(', ')}` : ''} (${n(plan.executionMs, 2)} ms)`;
    for (const [bucket, plan] of Object.entries(
      largest?.worklist.plans ?? {},
    )) {
      out.push(
        `  ${bucket.padEnd(16)} page:   ${describe(plan.page)}`,
        ...(plan.counts
          ? [`  ${''.padEnd(16)} counts: ${describe(plan.counts)}`]
          : []),
      );
    }
    const report = largest?.completionReport;
    if (report !== undefined && !('skipped' in report)) {
      out.push(
        'Index use of the completion report statements (largest database, last 30 days):',
      );
      for (const [statement, plan] of Object.entries(report.plans)) {
        out.push(`  ${statement.padEnd(16)} ${describe(plan.page)}`);
      }
    }
    out.push('');
  }
  if (results.csv !== undefined) {
    out.push(
      'skipped' in results.csv
        ? `CSV export: skipped (${results.csv.skipped})`
        : `CSV export of ${results.csv.rows} workups: API ${n(results.csv.apiRowsPerSecond)} rows/s, COPY ${n(results.csv.copyRowsPerSecond)} rows/s, ratio ${n(results.csv.ratio, 2)}; peak memory growth ${n(results.csv.peakMemoryGrowthMb, 1)} MB (goal < ${GOALS.csvMemoryMb}: ${mark(results.csv.peakMemoryGrowthMb < GOALS.csvMemoryMb)})`,
      '',
    );
  }
  if (results.web !== undefined) {
    if ('skipped' in results.web) {
      out.push(`Web: skipped (${results.web.skipped})`);
    } else {
      const js = results.web.initialJs;
      out.push(
        `Web: initial JS ${js.files.length} files, ${n(js.rawBytes / 1024, 1)} KiB raw, ${n(js.gzipBytes / 1024, 1)} KiB gzip`,
      );
      const render = results.web.render;
      out.push(
        render === undefined || 'skipped' in render
          ? `     workup page render: skipped (${render?.skipped ?? 'not measured'})`
          : `     workup page render ${n(render.appMs)} ms vs static table ${n(render.staticMs)} ms: ratio ${n(render.ratio, 2)} (median of ${render.runs})`,
      );
    }
  }
  if (results.inbound !== undefined) {
    out.push(
      `Inbound laboratory results (${results.inbound.patients} patients): MLLP messages ACKed after commit ÷ the same results posted through the result action`,
      table(
        ['', 'conns', 'MLLP /s', 'p50 ms', 'p99 ms', 'action /s', 'p50 ms', 'p99 ms', 'ratio'],
        results.inbound.runs.map((r) => [
          'VEGF result',
          String(r.connections),
          n(r.mllp.perSecond, 1),
          n(r.mllp.p50, 1),
          n(r.mllp.p99, 1),
          n(r.resultAction.perSecond, 1),
          n(r.resultAction.p50, 1),
          n(r.resultAction.p99, 1),
          n(r.throughputRatio, 2),
        ]),
      ),
      '',
    );
  }
  return out.join('\n');
}

function growthOf(
  lists: NonNullable<BenchResults['lists']>,
  name: 'worklist' | 'completionReport',
  size: string,
  smallest: string | undefined,
): number | undefined {
  if (smallest === undefined || size === smallest) {
    return undefined;
  }
  const at = (s: string): PageFigures | undefined => {
    const f = lists[s]?.[name];
    return f === undefined || 'skipped' in f ? undefined : f;
  };
  const big = at(size);
  const small = at(smallest);
  if (big === undefined || small === undefined) {
    return undefined;
  }
  // Absolute times: the baseline runs the same SQL, so its time grows with the data just as much.
  // A list that summarises its whole scope is judged per row in scope.
  const perRow = (f: PageFigures): number =>
    f.inScope === undefined || f.inScope === 0 ? 1 : f.inScope;
  return (
    big.http.subject.mean /
    perRow(big) /
    (small.http.subject.mean / perRow(small))
  );
}
