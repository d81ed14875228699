import { OPEN_STATUSES } from '@poems/domain';

// Statuses are compile-time constants of the domain, never input: inlined as literals so the
// planner can match partial indexes on them.
const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The SQL form of the domain's one overdue rule (`dueState(…) === 'overdue'`): an open status and
 * a due date before the clinic's today. `item` is the alias of a row with `status` and `due_date`;
 * `today` a SQL expression of type date (the clinic's date, from `dueWindow`). Every query that
 * counts or lists overdue items uses this, so the rule is written in SQL once.
 */
export function overdueSql(item: string, today: string): string {
  return `(${item}.status IN (${OPEN}) AND ${item}.due_date < ${today})`;
}

/** The SQL form of `dueState(…) === 'due_soon'`: open and due from today to `until`, both included. */
export function dueSoonSql(item: string, today: string, until: string): string {
  return `(${item}.status IN (${OPEN}) AND ${item}.due_date >= ${today} AND ${item}.due_date <= ${until})`;
}
