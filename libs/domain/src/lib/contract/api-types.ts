/**
 * The JSON shapes of the public HTTP contract (../shared/domain/api-contract.md), shared by the API
 * (which returns them) and the web app (which reads them) so the two cannot drift. Instants are ISO
 * 8601 strings with offset; dates are `YYYY-MM-DD`.
 */
import type { Role } from '../access/permissions';
import type { Sex } from '../patient/patient';
import type { CriterionKey } from '../protocol/criteria';
import type { ItemKind } from '../protocol/protocol.types';
import type { Completion, Evaluation } from '../evaluation/evaluation.types';
import type { FindingSource, FindingValue } from '../workup/findings';
import type { ItemStatus } from '../workup/item-status';
import type { ResultInput } from '../workup/result';
import type { WorklistBucket } from '../schedule/worklist';

/** A page of a list endpoint. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** A signed-in user as the API shows it. */
export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

/** A user as the admin user list shows it. */
export interface ManagedUserView extends UserView {
  readonly active: boolean;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** `POST /api/auth/login` response. */
export interface LoginResponse {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds. */
  readonly expiresIn: number;
  readonly user: UserView;
}

/** `POST /api/patients` body. */
export interface RegisterPatientRequest {
  readonly mrn: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: Sex;
}

export interface PatientView {
  readonly id: string;
  readonly mrn: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly createdAt: string;
}

/** The open workup summarised on a patient list row (null when none is open). */
export interface WorkupSummaryView {
  readonly id: string;
  readonly status: WorkupStatus;
  readonly completion: Completion;
  readonly overall: Evaluation['overall'];
  /** Active open items whose due date has passed in the clinic's time zone. */
  readonly overdue: number;
}

/** One row of `GET /api/patients`. */
export interface PatientListItem extends PatientView {
  readonly workup: WorkupSummaryView | null;
}

/** A workup as listed on `GET /api/patients/:id`. */
export interface PatientWorkupView {
  readonly id: string;
  readonly status: WorkupStatus;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly protocol: ProtocolRef;
  readonly overall: Evaluation['overall'];
  readonly completion: Completion;
}

/** `GET /api/patients/:id`. */
export interface PatientDetailView extends PatientView {
  readonly workups: readonly PatientWorkupView[];
}

export type WorkupStatus = 'open' | 'closed';

export interface ProtocolRef {
  readonly key: string;
  readonly version: number;
}

export interface FindingView {
  readonly criterion: CriterionKey;
  readonly value: FindingValue;
  readonly source: FindingSource;
  /** For inferred findings: why the rule decided so (e.g. "plasma VEGF 310 pg/mL ≥ 200 pg/mL"). */
  readonly basis?: string;
}

/** One checklist item of `GET /api/workups/:id`. */
export interface WorkupItemView {
  readonly key: string;
  readonly name: string;
  readonly kind: ItemKind;
  readonly required: boolean;
  readonly active: boolean;
  readonly status: ItemStatus;
  readonly dueDate: string | null;
  readonly scheduledAt: string | null;
  readonly location: string | null;
  readonly performedAt: string | null;
  readonly resultedAt: string | null;
  readonly reviewedAt: string | null;
  /** The recorded result as entered (normalised), or null. */
  readonly result: ResultInput | null;
  readonly findings: readonly FindingView[];
  readonly covers: {
    readonly establishes: readonly CriterionKey[];
    readonly supports: readonly CriterionKey[];
  };
  /** Reason of the last cancel / not-indicated / reopen / activate. */
  readonly reason: string | null;
  /** Overdue in the clinic's time zone (open, active, due date before today). */
  readonly overdue: boolean;
  readonly version: number;
  readonly updatedAt: string;
}

/** `GET /api/workups/:id` and the body of every item action's 200. */
export interface WorkupView {
  readonly id: string;
  readonly patientId: string;
  readonly status: WorkupStatus;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly closeReason: string | null;
  /** The attending hematologist's user id, when one is assigned. */
  readonly attendingId: string | null;
  readonly protocol: ProtocolRef;
  readonly items: readonly WorkupItemView[];
  readonly evaluation: Evaluation;
  readonly completion: Completion;
  /** When the criteria were first met, from the evaluation snapshots; null if never. */
  readonly criteriaFirstMetAt: string | null;
  readonly version: number;
}

/** Item actions of `POST /api/workups/:id/items/:key/<action>`. */
export const ITEM_ACTION_PATHS = [
  'order',
  'schedule',
  'perform',
  'result',
  'review',
  'cancel',
  'not-indicated',
  'reopen',
  'activate',
] as const;

export type ItemActionPath = (typeof ITEM_ACTION_PATHS)[number];

/** One row of `GET /api/workups/:id/items/:key/history`. */
export interface ItemHistoryView {
  readonly id: string;
  readonly action: string;
  readonly from: ItemStatus | null;
  readonly to: ItemStatus;
  readonly actor: {
    readonly id: string | null;
    readonly displayName: string | null;
    readonly role: Role | null;
  };
  readonly effectiveAt: string;
  readonly recordedAt: string;
  readonly reason: string | null;
  readonly details: Record<string, unknown> | null;
}

/** One row of `GET /api/worklist`. */
export interface WorklistRow {
  readonly bucket: WorklistBucket;
  readonly workupId: string;
  readonly patientId: string;
  readonly mrn: string;
  readonly patientName: string;
  readonly itemKey: string;
  readonly itemName: string;
  readonly kind: ItemKind;
  readonly status: ItemStatus;
  readonly dueDate: string | null;
  readonly scheduledAt: string | null;
  readonly location: string | null;
  readonly overdue: boolean;
  readonly version: number;
}

/** `GET /api/worklist` — a page of one bucket plus every bucket's count, for tabs. */
export interface WorklistPage extends Page<WorklistRow> {
  readonly bucket: WorklistBucket;
  /** Items per bucket, each counted up to `countCap`; `total` is this bucket's count. */
  readonly counts: Readonly<Record<WorklistBucket, number>>;
  /** Where counting stops, so a page costs the same at any size: a count equal to it means "at least". */
  readonly countCap?: number;
}

/** `POST /api/worklist/calendar-feed`: a personal subscription address for calendar apps. */
export interface CalendarFeedView {
  /** Path and query of the feed on this server (prefix it with the server's origin). */
  readonly url: string;
  readonly expiresAt: string;
}

/** One row of `GET /api/audit-events`. */
export interface AuditEventView {
  readonly id: string;
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly actorUsername: string | null;
  readonly actorRole: Role | null;
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly patientId: string | null;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly diff: Record<string, unknown> | null;
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly details: Record<string, unknown> | null;
}

/** `GET /api/audit-events/verify`. */
export interface AuditVerifyView {
  /** Whether every sealed event verified. */
  readonly valid: boolean;
  /** Sealed events that verified, from the start of the chain up to the first broken one. */
  readonly checked: number;
  /** The id of the first event (in chain order) whose sequence, link or hash does not verify. */
  readonly firstBrokenId?: string;
  /** Events committed but not yet sealed into the chain, hence not covered by `valid`. */
  readonly unsealed: number;
  /**
   * Present once old months were retired: the chain position of the first remaining event. The
   * walk starts there, accepted because a sealed `audit.retention` event names that start.
   */
  readonly retiredBefore?: number;
}

/** An RFC 9457 problem document, as every error body. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly {
    readonly field: string;
    readonly message: string;
  }[];
  /** On 409 stale version: the current item. */
  readonly current?: unknown;
}
