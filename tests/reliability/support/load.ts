import {
  allowedActions,
  type ItemAction,
  type Role,
  WORKLIST_BUCKETS,
} from '@poems/domain';
import { type WorkupItemView, type WorkupView } from '@poems/contract';
import type { Account } from './clinic';
import { type Outcome, send } from './http';

/** An item action the API accepted (200). */
export interface AcceptedAction {
  readonly requestId: string;
  readonly workupId: string;
  readonly itemKey: string;
  readonly action: ItemAction;
  /** The version the request carried… */
  readonly sentVersion: number;
  /** …and the item's version in the answer. */
  readonly newVersion: number;
}

/** What a load run saw. */
export interface LoadStats {
  requests: number;
  reads: number;
  actions: number;
  accepted: number;
  /** 409: someone else changed the item first (the realistic conflict). */
  conflicts: number;
  /** 422: the lifecycle refused (the user's view was behind). */
  refused: number;
  otherClientErrors: number;
  /** 503: the database is unavailable. */
  unavailable: number;
  /** Any other 5xx. */
  serverErrors: number;
  /** No answer within the bound. */
  hung: number;
  /** Connection refused or reset: the API process was down. */
  network: number;
  /** The slowest answer, in ms. */
  slowestMs: number;
  /** A few `METHOD path → status` of the 5xx seen, for the failure message. */
  readonly serverErrorSamples: string[];
  readonly acceptedActions: AcceptedAction[];
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Base URLs of the API processes; each request goes to the next (read anew every time). */
  readonly apis: () => readonly string[];
  readonly accounts: readonly Account[];
  readonly workupIds: readonly string[];
  readonly users: number;
  /** Checked before every request: the run ends once it answers true. */
  readonly stop: () => boolean;
  readonly maxRequests: number;
  /** How long one request may take before it counts as hanging. */
  readonly timeoutMs: number;
}

const ROLE_ACTIONS: Readonly<Record<Role, readonly ItemAction[]>> = {
  hematologist: [
    'order',
    'schedule',
    'perform',
    'result',
    'review',
    'cancel',
    'not-indicated',
    'reopen',
    'activate',
  ],
  coordinator: ['order', 'schedule', 'perform', 'cancel'],
  auditor: [],
  admin: [],
  interface: [],
};

/** Valid result bodies of the items the simulated clinicians record results for. */
const RESULTS: Readonly<Record<string, readonly Record<string, unknown>[]>> = {
  cbc: [
    {
      values: [
        {
          code: '777-3',
          name: 'Platelets',
          value: 520,
          unit: '10*9/L',
          high: 450,
        },
      ],
    },
  ],
  serum_ife: [{ heavyChain: 'IgA', lightChain: 'lambda' }],
  vegf: [
    {
      specimen: 'plasma',
      values: [{ code: '75628-8', name: 'VEGF', value: 450, unit: 'pg/mL' }],
    },
  ],
  emg_ncs: [
    {
      report: 'Demyelinating sensorimotor polyradiculoneuropathy.',
      findings: [{ criterion: 'polyneuropathy', value: 'present' }],
    },
  ],
  // Lymphadenopathy activates the lymph node biopsy in the same transaction.
  physical_exam: [
    { signs: ['edema', 'hyperpigmentation'] },
    { signs: ['lymphadenopathy'] },
  ],
};

/** Clinicians act on a third of their turns; auditors (a tenth of the users) only read: 70/30. */
const ACTION_SHARE = 1 / 3;
const AUDITOR_SHARE = 0.1;

/**
 * `users` simulated users at once, each in a loop until `stop()`: clinicians (hematologists and
 * coordinators) read workups, the worklist, patients and histories, and act on items from their
 * own — possibly stale — view of a workup, as people do; auditors read the audit log and reports.
 * Everyone shares a few workups, so actions conflict (409) as in a busy clinic.
 */
export async function runLoad(options: LoadOptions): Promise<LoadStats> {
  const stats: LoadStats = {
    requests: 0,
    reads: 0,
    actions: 0,
    accepted: 0,
    conflicts: 0,
    refused: 0,
    otherClientErrors: 0,
    unavailable: 0,
    serverErrors: 0,
    hung: 0,
    network: 0,
    slowestMs: 0,
    serverErrorSamples: [],
    acceptedActions: [],
  };
  let next = 0;
  const call = async (
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<Outcome> => {
    const apis = options.apis();
    const baseUrl = apis[next++ % apis.length] ?? '';
    stats.requests += 1;
    const outcome = await send(baseUrl, method, path, {
      token,
      body,
      timeoutMs: options.timeoutMs,
    });
    stats.slowestMs = Math.max(stats.slowestMs, outcome.ms);
    if (outcome.failure === 'hung') {
      stats.hung += 1;
    } else if (outcome.failure === 'network') {
      stats.network += 1;
    } else if (outcome.status === 503) {
      stats.unavailable += 1;
    } else if (outcome.status >= 500) {
      stats.serverErrors += 1;
      if (stats.serverErrorSamples.length < 10) {
        stats.serverErrorSamples.push(
          `${method} ${path} → ${outcome.status} ${JSON.stringify(outcome.body).slice(0, 200)}`,
        );
      }
    }
    return outcome;
  };
  const done = (): boolean =>
    options.stop() || stats.requests >= options.maxRequests;

  const clinicians = options.accounts.filter(
    (a) => a.role === 'hematologist' || a.role === 'coordinator',
  );
  const auditors = options.accounts.filter((a) => a.role === 'auditor');
  const auditorCount = Math.round(options.users * AUDITOR_SHARE);
  const users = Array.from({ length: options.users }, (_, i) =>
    i < auditorCount
      ? auditors[i % auditors.length]
      : clinicians[i % clinicians.length],
  );

  await Promise.all(
    users.map(async (account) => {
      if (account === undefined) {
        throw new Error('The load needs clinician and auditor accounts');
      }
      const views = new Map<string, WorkupView>();
      while (!done()) {
        // Users act on workups they have open (read before), as in the web app.
        const acted =
          account.role !== 'auditor' &&
          Math.random() < ACTION_SHARE &&
          views.size > 0 &&
          (await act(call, stats, account, views, pick([...views.keys()])));
        if (!acted) {
          stats.reads += 1;
          await read(call, account, views, pick(options.workupIds));
        }
      }
    }),
  );
  return stats;
}

type Call = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
) => Promise<Outcome>;

async function read(
  call: Call,
  account: Account,
  views: Map<string, WorkupView>,
  workupId: string,
): Promise<void> {
  const roll = Math.random();
  if (account.role === 'auditor') {
    if (roll < 0.45) {
      await call(
        'GET',
        `/api/audit-events?pageSize=20&sort=${pick(['-occurredAt', 'action', '-id'])}`,
        account.token,
      );
    } else if (roll < 0.7) {
      await call('GET', `/api/workups/${workupId}`, account.token);
    } else if (roll < 0.95) {
      await call(
        'GET',
        '/api/reports/completion?from=2020-01-01&to=2035-12-31&pageSize=20',
        account.token,
      );
    } else {
      await call(
        'GET',
        `/api/audit-events?format=csv&action=item.${pick(['order', 'schedule', 'review'])}`,
        account.token,
      );
    }
    return;
  }
  if (roll < 0.55 || !views.has(workupId)) {
    const outcome = await call(
      'GET',
      `/api/workups/${workupId}`,
      account.token,
    );
    if (outcome.status === 200) {
      views.set(workupId, outcome.body as WorkupView);
    }
  } else if (roll < 0.75) {
    await call(
      'GET',
      `/api/worklist?bucket=${pick(WORKLIST_BUCKETS)}&pageSize=25`,
      account.token,
    );
  } else if (roll < 0.85) {
    await call(
      'GET',
      `/api/patients?q=${pick(['patient', 'test', 'r-', ''])}&pageSize=20`,
      account.token,
    );
  } else if (roll < 0.95 || account.role !== 'hematologist') {
    const view = views.get(workupId);
    const item = view === undefined ? undefined : pick(view.items);
    await call(
      'GET',
      `/api/workups/${workupId}/items/${item?.key ?? 'cbc'}/history`,
      account.token,
    );
  } else {
    await call(
      'GET',
      '/api/reports/completion?from=2020-01-01&to=2035-12-31&pageSize=10',
      account.token,
    );
  }
}

async function act(
  call: Call,
  stats: LoadStats,
  account: Account,
  views: Map<string, WorkupView>,
  workupId: string,
): Promise<boolean> {
  const view = views.get(workupId);
  const choices = (view?.items ?? []).flatMap((item) =>
    actionsFor(account.role, item).map((action) => ({ item, action })),
  );
  if (view === undefined || choices.length === 0) {
    return false;
  }
  const { item, action } = pick(choices);
  stats.actions += 1;
  const outcome = await call(
    'POST',
    `/api/workups/${workupId}/items/${item.key}/${action}`,
    account.token,
    { version: item.version, ...bodyOf(action, item.key) },
  );
  if (outcome.status === 200) {
    const updated = outcome.body as WorkupView;
    views.set(workupId, updated);
    stats.accepted += 1;
    stats.acceptedActions.push({
      requestId: outcome.requestId ?? '',
      workupId,
      itemKey: item.key,
      action,
      sentVersion: item.version,
      newVersion:
        updated.items.find((i) => i.key === item.key)?.version ?? Number.NaN,
    });
  } else if (outcome.status === 409) {
    stats.conflicts += 1;
    // The conflict answer carries the item as it is now, as the web app shows it.
    const current = (outcome.body as { current?: WorkupItemView }).current;
    if (current !== undefined) {
      views.set(workupId, {
        ...view,
        items: view.items.map((i) => (i.key === current.key ? current : i)),
      });
    }
  } else if (outcome.status === 422) {
    stats.refused += 1;
    views.delete(workupId);
  } else if (outcome.status >= 400 && outcome.status < 500) {
    stats.otherClientErrors += 1;
  }
  return true;
}

/** The actions the lifecycle allows on the item as the user last saw it, which the user may take. */
function actionsFor(role: Role, item: WorkupItemView): ItemAction[] {
  return allowedActions({
    status: item.status,
    active: item.active,
    conditional: !item.required,
  }).filter(
    (action) =>
      ROLE_ACTIONS[role].includes(action) &&
      (action !== 'result' || RESULTS[item.key] !== undefined),
  );
}

function bodyOf(action: ItemAction, key: string): Record<string, unknown> {
  const now = Date.now();
  switch (action) {
    case 'order':
      return Math.random() < 0.5
        ? {}
        : {
            dueDate: new Date(now + 14 * 86_400_000).toISOString().slice(0, 10),
          };
    case 'schedule':
      return {
        scheduledAt: new Date(
          now + Math.ceil(Math.random() * 30) * 86_400_000,
        ).toISOString(),
        location: `Clinic room ${Math.ceil(Math.random() * 9)}`,
      };
    case 'perform':
      return { performedAt: new Date(now - 3_600_000).toISOString() };
    case 'result':
      return { ...pick(RESULTS[key] ?? [{}]) };
    case 'review':
      return Math.random() < 0.5 ? {} : { note: 'Reviewed under load.' };
    case 'cancel':
    case 'not-indicated':
    case 'reopen':
      return { reason: 'Reliability load.' };
    case 'activate':
      return { reason: 'Clinical suspicion.' };
  }
}

function pick<T>(values: readonly T[]): T {
  const value = values[Math.floor(Math.random() * values.length)];
  if (value === undefined) {
    throw new Error('Nothing to pick from');
  }
  return value;
}
