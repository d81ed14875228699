/**
 * The completion report's statements, from the API's own query module: the baseline and the
 * raw-SQL timings must run exactly the SQL the API runs, and that module is pure (it imports
 * nothing but the domain library), so reusing it is safer than keeping a copy in step.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- a benchmark fixture of the API itself, see above
export * from '../../../apps/api/src/reports/completion-report.query';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the CSV statement the API hands to COPY
export * from '../../../apps/api/src/reports/completion-report.copy-sql';

/** What the API's report transaction sets first (report-snapshot.ts). */
export const NO_JIT = 'SET LOCAL jit = off';
