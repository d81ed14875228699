import {
  addDays,
  dueState,
  dueWindow,
  ITEM_STATUSES,
  type ItemStatus,
} from '@poems/domain';
import { withAdminClient } from '../../testing/test-database';
import { dueSoonSql, overdueSql } from './due-date.sql';

const DUE_SOON_DAYS = 7;

/**
 * Instants where the clinic's date and UTC's differ, or where the clinic's clock jumps: PostgreSQL
 * derives the clinic's today from the instant and zone, the domain from `dueWindow`.
 */
const EDGES: readonly { readonly at: string; readonly zone: string }[] = [
  { at: '2026-03-10T00:00:00.000Z', zone: 'UTC' },
  { at: '2026-03-10T23:59:59.999Z', zone: 'UTC' },
  // Already tomorrow in the clinic, still today in UTC.
  { at: '2026-03-10T11:30:00.000Z', zone: 'Pacific/Auckland' },
  { at: '2026-03-10T10:14:00.000Z', zone: 'Pacific/Kiritimati' },
  { at: '2026-03-10T18:40:00.000Z', zone: 'Asia/Kolkata' },
  // Still yesterday in the clinic, already tomorrow in UTC.
  { at: '2026-03-11T06:30:00.000Z', zone: 'America/Los_Angeles' },
  { at: '2026-03-11T10:59:59.000Z', zone: 'Pacific/Pago_Pago' },
  // Spring forward in New York (8 March 2026): the last minute before local midnight and after.
  { at: '2026-03-08T04:59:00.000Z', zone: 'America/New_York' },
  { at: '2026-03-08T05:00:00.000Z', zone: 'America/New_York' },
  { at: '2026-03-09T03:59:00.000Z', zone: 'America/New_York' },
  { at: '2026-03-09T04:00:00.000Z', zone: 'America/New_York' },
  // Fall back in New York (1 November 2026): 01:30 happens twice.
  { at: '2026-11-01T05:30:00.000Z', zone: 'America/New_York' },
  { at: '2026-11-01T06:30:00.000Z', zone: 'America/New_York' },
  { at: '2026-11-02T04:59:00.000Z', zone: 'America/New_York' },
  { at: '2026-11-02T05:00:00.000Z', zone: 'America/New_York' },
  // Central Europe's changes (29 March, 25 October 2026) and a southern-hemisphere one.
  { at: '2026-03-28T22:59:00.000Z', zone: 'Europe/Berlin' },
  { at: '2026-03-28T23:00:00.000Z', zone: 'Europe/Berlin' },
  { at: '2026-10-24T21:59:00.000Z', zone: 'Europe/Berlin' },
  { at: '2026-10-24T22:00:00.000Z', zone: 'Europe/Berlin' },
  { at: '2026-04-04T13:00:00.000Z', zone: 'Australia/Sydney' },
  { at: '2026-04-04T14:00:00.000Z', zone: 'Australia/Sydney' },
];

/** Due dates around both the UTC date and the clinic's, past the due-soon window, and none. */
function dueDatesAround(at: string): (string | null)[] {
  const utc = at.slice(0, 10);
  const days = Array.from({ length: DUE_SOON_DAYS + 6 }, (_, i) => i - 3);
  return [null, ...days.map((d) => addDays(utc, d))];
}

interface Case {
  readonly at: string;
  readonly zone: string;
  readonly status: ItemStatus;
  readonly dueDate: string | null;
}

const CASES: readonly Case[] = EDGES.flatMap(({ at, zone }) =>
  ITEM_STATUSES.flatMap((status) =>
    dueDatesAround(at).map((dueDate) => ({ at, zone, status, dueDate })),
  ),
);

describe('the SQL form of the overdue rule', () => {
  it('agrees with dueState on every status, due date and clinic-day edge', async () => {
    const today = `(c.at AT TIME ZONE c.zone)::date`;
    const rows = await withAdminClient(async (client) => {
      const { rows } = await client.query<{
        n: number;
        overdue: boolean;
        due_soon: boolean;
      }>(
        `SELECT c.n, coalesce(${overdueSql('c', today)}, false) AS overdue,
                coalesce(${dueSoonSql('c', today, `${today} + ${DUE_SOON_DAYS}`)}, false) AS due_soon
           FROM jsonb_to_recordset($1::jsonb)
             AS c(n int, at timestamptz, zone text, status text, due_date date)
          ORDER BY c.n`,
        [
          JSON.stringify(
            CASES.map((c, n) => ({
              n,
              at: c.at,
              zone: c.zone,
              status: c.status,
              due_date: c.dueDate,
            })),
          ),
        ],
      );
      return rows;
    });

    expect(rows).toHaveLength(CASES.length);
    const disagreements = CASES.flatMap((c, n) => {
      const state = dueState(
        { status: c.status, dueDate: c.dueDate },
        dueWindow(new Date(c.at), c.zone, DUE_SOON_DAYS),
      );
      const sql = rows[n];
      return sql?.overdue === (state === 'overdue') &&
        sql.due_soon === (state === 'due_soon')
        ? []
        : [{ ...c, domain: state, sql }];
    });
    expect(disagreements).toEqual([]);
  });

  it('sees the clinic date, not the UTC one, at the edges', async () => {
    // A check that the table above exercises the zones at all: these instants are on another
    // date in the clinic than in UTC.
    const shifted = EDGES.filter(
      ({ at, zone }) =>
        dueWindow(new Date(at), zone, 0).today !== at.slice(0, 10),
    );
    expect(shifted.length).toBeGreaterThanOrEqual(8);
  });
});
