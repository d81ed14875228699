import type { Client } from 'pg';
import { withClient } from './databases';
import type { Workload } from './load';

/** Workups to read, in an order that spreads the reads over the table. */
export async function workupIds(
  client: Client,
  limit: number,
): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM workups ORDER BY md5(id::text) LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

/** `GET /api/workups/:id`, round robin over `ids`. */
export function readWorkups(ids: readonly string[]): Workload {
  let i = 0;
  return {
    method: 'GET',
    next: () => ({ path: `/api/workups/${ids[i++ % ids.length]}` }),
  };
}

/**
 * What clinicians type into the patient search: the first three letters of family names in use,
 * a few given names, a few MRN prefixes — each a realistic mix of small and large result sets.
 */
export async function searchTerms(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ q: string }>(
    `(SELECT q FROM (SELECT DISTINCT left(family_name, 3) AS q FROM patients) f ORDER BY md5(q) LIMIT 40)
     UNION ALL (SELECT q FROM (SELECT DISTINCT given_name AS q FROM patients) g ORDER BY md5(q) LIMIT 10)
     UNION ALL (SELECT left(mrn, 6) FROM patients ORDER BY md5(mrn) LIMIT 5)`,
  );
  return rows.map((r) => r.q);
}

/** `GET /api/patients?q=`, round robin over `terms`. */
export function searchPatients(terms: readonly string[]): Workload {
  let i = 0;
  return {
    method: 'GET',
    next: () => ({
      path: `/api/patients?q=${encodeURIComponent(terms[i++ % terms.length] ?? '')}`,
    }),
  };
}

/** An item the schedule action accepts, with the version it is at. */
interface SchedulableItem {
  readonly id: string;
  readonly workupId: string;
  readonly key: string;
  version: number;
}

/** Items of open workups the schedule action accepts now, spread over many workups. */
export async function schedulableItems(
  client: Client,
  limit: number,
): Promise<SchedulableItem[]> {
  const { rows } = await client.query<{
    id: string;
    workup_id: string;
    key: string;
    version: number;
  }>(
    `SELECT i.id, i.workup_id, i.key, i.version
       FROM workup_items i JOIN workups w ON w.id = i.workup_id
      WHERE w.status = 'open' AND i.active AND i.status IN ('planned', 'ordered', 'scheduled')
      ORDER BY md5(i.id::text) LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    workupId: r.workup_id,
    key: r.key,
    version: r.version,
  }));
}

/**
 * `POST /api/workups/:id/items/:key/schedule` with the item's current version, round robin over
 * `items`: the pool is far larger than the connections, so no item is ever in flight twice. Before
 * each run the versions are read again: responses still in flight when a run ends are never seen.
 */
export function scheduleItems(
  items: SchedulableItem[],
  firstDay: string,
  databaseUrl: string,
): Workload & {
  readonly conflicts: () => number;
} {
  let i = 0;
  let conflicts = 0;
  const base = Date.parse(`${firstDay}T08:00:00Z`);
  return {
    method: 'POST',
    next: () => {
      const n = i++;
      const item = items[n % items.length] as SchedulableItem;
      return {
        path: `/api/workups/${item.workupId}/items/${item.key}/schedule`,
        body: {
          version: item.version,
          scheduledAt: new Date(base + (n % 5_000) * 15 * 60_000).toISOString(),
          location: 'Bench room',
        },
        key: item,
      };
    },
    onResponse: (status, key) => {
      if (status === 200) {
        (key as SchedulableItem).version += 1;
      } else {
        conflicts += 1;
      }
    },
    prepare: () =>
      withClient(databaseUrl, async (client) => {
        const { rows } = await client.query<{ id: string; version: number }>(
          'SELECT id, version FROM workup_items WHERE id = ANY($1::uuid[])',
          [items.map((item) => item.id)],
        );
        const versions = new Map(rows.map((r) => [r.id, r.version]));
        for (const item of items) {
          item.version = versions.get(item.id) ?? item.version;
        }
      }),
    conflicts: () => conflicts,
  };
}

/** A GET of fixed paths, round robin. */
export function getPaths(paths: readonly string[]): Workload {
  let i = 0;
  return {
    method: 'GET',
    next: () => ({ path: paths[i++ % paths.length] ?? '/' }),
  };
}

/** The completion report's first JSON page over the 30 days up to today (UTC). */
export function completionReportPath(now: Date, page = 1): string {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 30 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return `/api/reports/completion?from=${from}&to=${to}&format=json&page=${page}&pageSize=50`;
}
