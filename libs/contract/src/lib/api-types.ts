/**
 * The JSON shapes of the public HTTP contract (../shared/domain/api-contract.md), shared by the API
 * (which returns them) and the web app (which reads them) so the two cannot drift. Instants are ISO
 * 8601 strings with offset; dates are `YYYY-MM-DD`.
 */
import type {
  AttestedEvaluation,
  Completion,
  CriterionKey,
  CriterionStatus,
  Evaluation,
  FindingSource,
  FindingValue,
  Flag,
  InferenceRule,
  ItemAction,
  ItemKind,
  ItemStatus,
  Overall,
  ResultInput,
  ResultSource,
  Role,
  Sex,
  SignOffChanges,
  WorklistBucket,
} from '@poems/domain';

/** A page of a list endpoint. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** A signed-in user as the API shows it. */
/** `GET /api/clinic`: the clinic's clock, which every date and time is shown in. */
export interface ClinicView {
  /** IANA zone (`CLINIC_TIME_ZONE`). */
  readonly timeZone: string;
  /** Days ahead an open item counts as due soon. */
  readonly dueSoonDays: number;
}

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

/** A user as the admin user list shows it. */
export interface ManagedUserView extends UserView {
  readonly active: boolean;
  /** Two-step sign-in is set up (an administrator may reset it). */
  readonly mfaEnrolled: boolean;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** `GET /api/auth/providers`: how the sign-in page offers to sign in. */
export interface AuthProviders {
  /** Who may sign in with a local password. */
  readonly localLogin: 'on' | 'off' | 'admins-only';
  /** Single sign-on, when configured. */
  readonly sso: {
    /** Shown as "Sign in with <name>". */
    readonly name: string;
    /** False while the provider's discovery document cannot be fetched (retried on every ask). */
    readonly reachable: boolean;
    /** Where the browser goes to start signing in (a full-page navigation, not a fetch). */
    readonly loginPath: string;
  } | null;
}

/** `POST /api/auth/oidc/exchange` body: the one-time code the single sign-on return carried. */
export interface OidcExchangeRequest {
  readonly code: string;
}

/** Why a single sign-on was refused; the web app's return page explains each. */
export type SsoRefusal =
  | 'provider_error'
  | 'unknown_state'
  | 'token_rejected'
  | 'unmapped_role'
  | 'inactive'
  | 'username_taken'
  | 'not_a_person'
  | 'unavailable';

/**
 * `POST /api/auth/logout` response (200) after a single sign-on session whose provider has an
 * end-session endpoint; every other sign-out answers 204 without a body.
 */
export interface LogoutResponse {
  /**
   * Where the browser goes next to end the identity provider's session too (RP-initiated logout),
   * when the session came from single sign-on and the provider has an end-session endpoint; null:
   * the app's own sign-in page.
   */
  readonly providerLogoutUrl: string | null;
}

/** `POST /api/auth/login` and `POST /api/auth/refresh` response. */
export interface LoginResponse {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds the access token is valid; renew it with `POST /api/auth/refresh` before then. */
  readonly expiresIn: number;
  readonly user: UserView;
  readonly session: SessionInfo;
  /**
   * The user's role must use two-step sign-in and the user has not set it up yet: until they do,
   * the API refuses everything but enrolment (problem `mfa_enrolment_required`).
   */
  readonly mfaEnrolmentRequired: boolean;
}

/**
 * `POST /api/auth/login` answer when the password was right and the account uses two-step sign-in:
 * no session yet, only a short-lived challenge to send with a code to `POST /api/auth/mfa/verify`.
 */
export interface MfaChallengeResponse {
  readonly mfaRequired: true;
  /** Opaque, single-use; it opens nothing but the second step. */
  readonly challengeToken: string;
  /** Seconds the challenge stays valid. */
  readonly expiresIn: number;
}

/** What `POST /api/auth/login` answers: a session, or the second step. */
export type LoginAnswer = LoginResponse | MfaChallengeResponse;

/** `GET /api/auth/mfa`: the caller's two-step sign-in. */
export interface MfaStatus {
  /** Set up and confirmed with a first code. */
  readonly enrolled: boolean;
  readonly enrolledAt: string | null;
  /** The caller's role must use it (MFA_REQUIRED_ROLES). */
  readonly required: boolean;
  /** Unused recovery codes left. */
  readonly recoveryCodesLeft: number;
  /** Why the caller cannot set it up, when they cannot (demo accounts, single sign-on). */
  readonly unavailableReason: 'demo_account' | 'single_sign_on' | null;
}

/** `POST /api/auth/mfa/enrolment`: a new, not yet confirmed authenticator secret. */
export interface MfaEnrolment {
  /** The secret in base32, for typing into an authenticator app by hand. */
  readonly secret: string;
  /** The `otpauth://totp/…` URI the web app shows as a QR code. */
  readonly otpauthUri: string;
}

/**
 * `POST /api/auth/mfa/enrolment/confirm` and `POST /api/auth/mfa/recovery-codes` answer: the
 * recovery codes, shown this once.
 */
export interface MfaRecoveryCodes {
  readonly recoveryCodes: readonly string[];
}

/** The server-side session an access token names. */
export interface SessionInfo {
  readonly id: string;
  /**
   * The session ends after this many seconds without a request (requests sent with the
   * `X-Session-Activity: passive` header, such as background polls, do not count).
   */
  readonly idleTimeoutSeconds: number;
  /** The absolute end of the session, whatever the activity (ISO 8601). */
  readonly expiresAt: string;
}

/** Why a session ended. */
export type SessionEndReason =
  | 'logout'
  | 'idle'
  | 'max_lifetime'
  | 'password_change'
  | 'password_reset'
  | 'deactivated'
  | 'role_change'
  | 'ended_by_admin'
  /** The identity provider ended its session (back-channel logout). */
  | 'provider_logout'
  /** An administrator reset the user's two-step sign-in. */
  | 'mfa_reset';

/** One session of a user, as `GET /api/users/:id/sessions` lists it. */
export interface SessionView {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly endedAt: string | null;
  readonly endReason: SessionEndReason | null;
  /** The address the session was signed in from. */
  readonly clientIp: string | null;
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
  /** For inferred findings: the rule that inferred it. */
  readonly rule?: InferenceRule;
  /** For asserted findings: who asserted it and when. */
  readonly assertedBy?: string;
  readonly assertedAt?: string;
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
  /**
   * Where the current result came from: typed by a hematologist, a laboratory interface (with
   * the message id), or an inbox decision. Null while there is no result.
   */
  readonly resultSource: ResultSource | null;
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
  readonly evaluation: WorkupEvaluation;
  readonly completion: Completion;
  /**
   * When the criteria were first met on results that still stand; null while they are not met
   * (a correction that retracts the verdict clears it; the verdicts stay in the history).
   */
  readonly criteriaFirstMetAt: string | null;
  /** The latest sign-off of the evaluation by a hematologist; null while none was given. */
  readonly signOff: SignOffView | null;
  readonly version: number;
}

/**
 * A hematologist's sign-off of a workup's evaluation: who attested what, when, on which protocol
 * and rules versions — and whether the workup has changed since (then it is outdated, and
 * `changes` says what changed).
 */
export interface SignOffView {
  readonly id: string;
  readonly signedAt: string;
  readonly signedBy: {
    readonly id: string | null;
    readonly displayName: string | null;
  };
  readonly note: string | null;
  /** The evaluation attested: overall, criteria, findings, results and versions. */
  readonly attested: AttestedEvaluation;
  readonly outdated: boolean;
  /** When the first change after the sign-off was recorded; null while it is current. */
  readonly outdatedSince: string | null;
  /** What changed since the sign-off (all empty while it is current). */
  readonly changes: SignOffChanges;
  /** The changes in words, one line each ("Overall: criteria met → criteria not met"). */
  readonly changeSummary: readonly string[];
}

/** A workup's evaluation with the version of the rules that produced it (domain reference §5). */
export interface WorkupEvaluation extends Evaluation {
  readonly rulesVersion: number;
}

/**
 * What caused an evaluation snapshot: opening the workup, an action on an item (a result recorded
 * on a done item is a correction), a correction of the evaluation rules, or an upgrade to a newer
 * protocol version.
 */
export type EvaluationCause =
  | 'workup opened'
  | `item ${ItemAction}`
  | 'result corrected'
  | 'rules corrected'
  | 'protocol upgraded';

/** One row of `GET /api/workups/:id/evaluations`: a stored verdict, oldest first. */
export interface EvaluationSnapshotView {
  readonly id: string;
  readonly evaluatedAt: string;
  readonly overall: Overall;
  /** Null on snapshots stored before causes were kept. */
  readonly cause: EvaluationCause | null;
  /** The item whose action caused it, with the item's name. */
  readonly item: { readonly key: string; readonly name: string } | null;
  readonly protocol: ProtocolRef;
  /** The version of the evaluation rules that produced it. */
  readonly rulesVersion: number;
  readonly criteria: readonly {
    readonly key: CriterionKey;
    readonly status: CriterionStatus;
  }[];
  readonly flags: readonly Flag[];
  /** The verdict before it was `criteria_met` and this one is not: criteria met was retracted. */
  readonly retracted: boolean;
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
  /** When the test was done (awaiting result and review); null before. */
  readonly performedAt: string | null;
  /**
   * Whole clinic days the item has waited in its bucket: since it was performed (awaiting result)
   * or resulted (awaiting review); null in the other buckets.
   */
  readonly daysWaiting: number | null;
  /** The attending hematologist of the workup (user id and name), when one is named. */
  readonly attendingId: string | null;
  readonly attendingName: string | null;
  readonly version: number;
  /**
   * `followup`: an instance of the follow-up schedule (poems-followup.md §6) — `workupId` is then
   * the workup the diagnosis was signed off from, and actions go to the instance, not the item.
   * Absent on workup items.
   */
  readonly source?: 'workup' | 'followup';
  readonly instanceId?: string;
  readonly lineId?: string;
  readonly timePoint?: string;
}

/** `GET /api/worklist` — a page of one bucket plus every bucket's count, for tabs. */
export interface WorklistPage extends Page<WorklistRow> {
  readonly bucket: WorklistBucket;
  /** Items per bucket, each counted up to `countCap`; `total` is this bucket's count. */
  readonly counts: Readonly<Record<WorklistBucket, number>>;
  /** Where counting stops, so a page costs the same at any size: a count equal to it means "at least". */
  readonly countCap?: number;
}

/** What happened to one item of `POST /api/worklist/bulk`. */
export interface BulkItemOutcome {
  readonly workupId: string;
  readonly key: string;
  /**
   * The HTTP status the item's own action would have answered: 200 done, 409 changed by someone
   * else (`version` stale), 422 not allowed in its status, 404 no such item, 400 invalid.
   */
  readonly status: number;
  /** The problem code when it failed (`stale_version`, `illegal_transition`, …). */
  readonly code?: string;
  /** Why it failed, for the person. */
  readonly detail?: string;
  /** The item's new version when done. */
  readonly version?: number;
}

/** `POST /api/worklist/bulk`: each item acted on alone; the others go on when one fails. */
export interface BulkActionResult {
  readonly action: 'schedule' | 'perform';
  readonly succeeded: number;
  readonly failed: number;
  readonly items: readonly BulkItemOutcome[];
}

/** `POST /api/worklist/calendar-feed`: a personal subscription address for calendar apps. */
export interface CalendarFeedView {
  /** Path and query of the feed on this server (prefix it with the server's origin); shown once. */
  readonly url: string;
  /** The address's id, as audit events name it (never the token). */
  readonly id: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

/** `GET /api/worklist/calendar-feed`: the caller's active address, without its secret. */
export interface CalendarFeedStatusView {
  /** Null: no address works (never issued, revoked or expired). */
  readonly feed: {
    readonly id: string;
    readonly issuedAt: string;
    readonly expiresAt: string;
    /** Last fetch by a calendar app; null: never used. */
    readonly lastUsedAt: string | null;
  } | null;
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
  /**
   * Chain positions the newest signed checkpoint attests but the log no longer holds: its newest
   * events (or all of them) were removed. `valid` is false then.
   */
  readonly truncated?: { readonly from: number; readonly to: number };
  /** The newest signed checkpoint the chain was checked against (none written yet: absent). */
  readonly checkpoint?: {
    readonly seq: number;
    readonly at: string;
    readonly keyId: string;
  };
  /** Lines of the newest checkpoint file not signed by a trusted key; `valid` is false then. */
  readonly checkpointsRejected?: number;
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
  /** On 401 for a token whose session has ended: why (`ended`, `idle`, `max_lifetime`). */
  readonly sessionEnded?: string;
  /** On 401 from `POST /api/auth/mfa/verify`: the challenge is spent or expired; sign in again. */
  readonly mfaChallengeExpired?: boolean;
}
