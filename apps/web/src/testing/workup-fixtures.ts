import type { ResultSource } from '@poems/domain';
import {
  POEMS_DISPENZIERI_V1,
  RULES_VERSION,
  completionOf,
  evaluate,
  findingsOfResult,
  normaliseResult,
  type EvaluationItem,
  type ItemStatus,
  type ResultInput,
  type Sex,
} from '@poems/domain';
import {
  type ManagedUserView,
  type PatientDetailView,
  type SignOffView,
  type UserView,
  type WorkupItemView,
  type WorkupView,
} from '@poems/contract';

/** How a test wants the workup to look; everything else is a freshly opened workup. */
export interface WorkupFixture {
  readonly id?: string;
  readonly patientId?: string;
  readonly sex?: Sex;
  readonly status?: WorkupView['status'];
  /** Recorded results, by item key (the item becomes `resulted` unless `statuses` says otherwise). */
  readonly results?: Readonly<Record<string, ResultInput>>;
  readonly statuses?: Readonly<Record<string, ItemStatus>>;
  /** Conditional items activated. */
  readonly activated?: readonly string[];
  readonly overdue?: readonly string[];
  readonly dueDates?: Readonly<Record<string, string>>;
  /** Where results came from, by item key (default: typed). */
  readonly sources?: Readonly<Record<string, ResultSource>>;
  /** The latest sign-off of the evaluation (none by default). */
  readonly signOff?: SignOffView | null;
}

/**
 * A `GET /api/workups/:id` answer built the way the API builds it: findings inferred by the
 * domain's rules from the results, the evaluation by `evaluate()`, completion by `completionOf()`.
 * So fixtures are real evaluations, not hand-typed ones.
 */
export function aWorkupView(fixture: WorkupFixture = {}): WorkupView {
  const protocol = POEMS_DISPENZIERI_V1;
  const sex = fixture.sex ?? 'male';
  const items: WorkupItemView[] = protocol.items.map((entry, index) => {
    const recorded = fixture.results?.[entry.key];
    const result = recorded === undefined ? null : normaliseResult(recorded);
    const status =
      fixture.statuses?.[entry.key] ??
      (result === null ? 'planned' : 'resulted');
    return {
      key: entry.key,
      name: entry.name,
      kind: entry.kind,
      required: entry.required,
      active: entry.required || (fixture.activated ?? []).includes(entry.key),
      status,
      dueDate: fixture.dueDates?.[entry.key] ?? null,
      scheduledAt: null,
      location: null,
      performedAt: null,
      resultedAt: result === null ? null : '2026-03-09T10:00:00+00:00',
      reviewedAt: status === 'reviewed' ? '2026-03-10T10:00:00+00:00' : null,
      result,
      resultSource:
        fixture.sources?.[entry.key] ??
        (result === null ? null : { kind: 'typed' }),
      findings:
        result === null
          ? []
          : findingsOfResult({
              item: entry,
              result,
              sex,
              thresholds: protocol.thresholds,
            }),
      covers: { establishes: entry.establishes, supports: entry.supports },
      reason: null,
      overdue: (fixture.overdue ?? []).includes(entry.key),
      version: index + 1,
      updatedAt: '2026-03-10T10:00:00+00:00',
    };
  });
  const evaluationItems: EvaluationItem[] = items.map((item) => ({
    key: item.key,
    status: item.status,
    active: item.active,
    findings: item.findings,
    ...(item.result?.lightChain !== undefined && {
      lightChain: item.result.lightChain,
    }),
    ...(item.result?.heavyChain !== undefined && {
      heavyChain: item.result.heavyChain,
    }),
    ...(item.result?.specimen !== undefined && {
      specimen: item.result.specimen,
    }),
    ...(item.result?.signs !== undefined && { signs: item.result.signs }),
  }));
  const evaluation = evaluate({ protocol, items: evaluationItems });
  return {
    id: fixture.id ?? 'w-1',
    patientId: fixture.patientId ?? 'p-1',
    status: fixture.status ?? 'open',
    openedAt: '2026-03-01T09:00:00+00:00',
    closedAt: fixture.status === 'closed' ? '2026-03-20T09:00:00+00:00' : null,
    closeReason: fixture.status === 'closed' ? 'Signed off' : null,
    attendingId: null,
    protocol: { key: protocol.key, version: protocol.version },
    items,
    evaluation: { ...evaluation, rulesVersion: RULES_VERSION },
    completion: completionOf(items),
    criteriaFirstMetAt:
      evaluation.overall === 'criteria_met'
        ? '2026-03-09T10:00:00+00:00'
        : null,
    signOff: fixture.signOff ?? null,
    version: 1,
  };
}

/** The classic λ case of the domain reference: every criterion group met. */
export const CLASSIC_LAMBDA_RESULTS: Readonly<Record<string, ResultInput>> = {
  emg_ncs: { findings: [{ criterion: 'polyneuropathy', value: 'present' }] },
  serum_ife: { heavyChain: 'IgA', lightChain: 'lambda' },
  vegf: {
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value: 850, unit: 'pg/mL' }],
  },
  bone_imaging: { lesions: 'sclerotic', modality: 'low_dose_whole_body_ct' },
  physical_exam: { signs: ['hyperpigmentation', 'edema'] },
  endocrine_panel: {
    axes: {
      gonadal: 'abnormal',
      prolactin: 'normal',
      thyroid: 'normal',
      adrenal: 'normal',
      parathyroid: 'normal',
      glucose: 'normal',
    },
  },
};

/** A patient with the given workups. */
export function aPatientDetail(
  workups: readonly WorkupView[] = [],
): PatientDetailView {
  return {
    id: 'p-1',
    mrn: 'MRN-0001',
    givenName: 'Ada',
    familyName: 'Lovelace',
    birthDate: '1961-04-12',
    sex: 'female',
    createdAt: '2026-03-01T08:00:00+00:00',
    workups: workups.map((w) => ({
      id: w.id,
      status: w.status,
      openedAt: w.openedAt,
      closedAt: w.closedAt,
      protocol: w.protocol,
      overall: w.evaluation.overall,
      completion: w.completion,
    })),
  };
}

/** A signed-in user of a role. */
export function aUser(role: UserView['role'] = 'hematologist'): UserView {
  return { id: `u-${role}`, username: role, displayName: `Demo ${role}`, role };
}

/** A user as the admin list shows it. */
export function aManagedUser(
  overrides: Partial<ManagedUserView> = {},
): ManagedUserView {
  return {
    ...aUser('coordinator'),
    active: true,
    mfaEnrolled: false,
    lockedUntil: null,
    createdAt: '2026-01-01T00:00:00+00:00',
    updatedAt: '2026-01-01T00:00:00+00:00',
    version: 3,
    ...overrides,
  };
}

/** A problem document as the API sends it. */
export function aProblem(
  code: string,
  status: number,
  extra: {
    detail?: string;
    errors?: { field: string; message: string }[];
    title?: string;
  } = {},
): Record<string, unknown> {
  return {
    type: `https://poems-workup.dev/problems/${code}`,
    title: extra.title ?? code,
    status,
    detail: extra.detail ?? code,
    instance: '/api/test',
    ...(extra.errors && { errors: extra.errors }),
  };
}
