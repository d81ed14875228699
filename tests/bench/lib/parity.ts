import type { RunningServer } from './servers';
import { withClient } from './databases';
import {
  completionReportPath,
  schedulableItems,
  searchTerms,
  workupIds,
} from './workloads';

/**
 * Before anything is measured: the baseline must answer what the API answers, or the ratios
 * compare different work. Reads must be equal; writes (on different items) must have the same
 * shape.
 */
export async function checkParity(
  api: RunningServer,
  baseline: RunningServer,
  token: string,
  databaseUrl: string,
  reports: boolean,
): Promise<void> {
  const { ids, terms, items } = await withClient(
    databaseUrl,
    async (client) => ({
      ids: await workupIds(client, 3),
      terms: await searchTerms(client),
      items: await schedulableItems(client, 2),
    }),
  );
  const paths = [
    ...ids.map((id) => `/api/workups/${id}`),
    `/api/patients?q=${encodeURIComponent(terms[0] ?? 'a')}`,
    '/api/patients?q=',
    '/api/worklist?bucket=overdue',
    '/api/worklist?bucket=unscheduled&page=2',
    ...(reports ? [completionReportPath(new Date())] : []),
  ];
  for (const path of paths) {
    const [a, b] = await Promise.all([
      getJson(api, token, path),
      getJson(baseline, token, path),
    ]);
    const difference = firstDifference(a, b, '');
    if (difference !== undefined) {
      throw new Error(
        `The baseline answers ${path} differently from the API at ${difference}`,
      );
    }
  }
  const [first, second] = items;
  if (first !== undefined && second !== undefined) {
    const body = (version: number) => ({
      version,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      location: 'Bench room',
    });
    const [a, b] = await Promise.all([
      postJson(
        api,
        token,
        `/api/workups/${first.workupId}/items/${first.key}/schedule`,
        body(first.version),
      ),
      postJson(
        baseline,
        token,
        `/api/workups/${second.workupId}/items/${second.key}/schedule`,
        body(second.version),
      ),
    ]);
    const difference = shapeDifference(a, b, '');
    if (difference !== undefined) {
      throw new Error(
        `The baseline's schedule response differs in shape from the API's at ${difference}`,
      );
    }
  }
}

async function getJson(
  server: RunningServer,
  token: string,
  path: string,
): Promise<unknown> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw new Error(
      `${server.name} answered ${response.status} to GET ${path}`,
    );
  }
  return response.json();
}

async function postJson(
  server: RunningServer,
  token: string,
  path: string,
  body: unknown,
): Promise<unknown> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `${server.name} answered ${response.status} to POST ${path}`,
    );
  }
  return response.json();
}

/**
 * Where two JSON values first differ in structure (keys and value types), or undefined. A null
 * matches anything, and arrays compare by their first elements: two workups differ in content.
 */
function shapeDifference(
  a: unknown,
  b: unknown,
  path: string,
): string | undefined {
  if (a === null || b === null) {
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length > 0 && b.length > 0
      ? shapeDifference(a[0], b[0], `${path}/0`)
      : undefined;
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (!(key in a) || !(key in b)) {
        return `${path}/${key} (present on one side only)`;
      }
      const d = shapeDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}/${key}`,
      );
      if (d !== undefined) {
        return d;
      }
    }
    return undefined;
  }
  return typeof a === typeof b
    ? undefined
    : `${path || '/'} (${typeof a} vs ${typeof b})`;
}

/** The path of the first place two JSON values differ, or undefined when they are equal. */
function firstDifference(
  a: unknown,
  b: unknown,
  path: string,
): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) {
      return `${path || '/'} (length ${a.length} vs ${b.length})`;
    }
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}/${i}`);
      if (d !== undefined) {
        return d;
      }
    }
    return undefined;
  }
  if (
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object'
  ) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}/${key}`,
      );
      if (d !== undefined) {
        return d;
      }
    }
    return undefined;
  }
  // When each side generated its answer differs by nature.
  if (path.endsWith('/generatedAt')) {
    return undefined;
  }
  return a === b
    ? undefined
    : `${path || '/'} (${JSON.stringify(a)} vs ${JSON.stringify(b)})`;
}
