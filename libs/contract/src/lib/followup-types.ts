import type {
  DueState,
  FollowupEvaluation,
  FollowupRuleDefinition,
  ItemStatus,
  ResultInput,
  RiskObservation,
  StagingInputs,
  TreatmentLine,
} from '@poems/domain';

/*
 * The follow-up as the API answers it (`GET /api/patients/:id/follow-up`): what is stored (the
 * diagnosis sign-off, the staging and risk records, the lines, the instances, the result series)
 * and the evaluation of `poems-followup` as of the clinic's today.
 */

/** The diagnosis sign-off. */
export interface DiagnosisView {
  readonly id: string;
  readonly workupId: string;
  readonly diagnosisDate: string;
  readonly signedOffBy: string | null;
  readonly signedOffAt: string;
  readonly protocol: { readonly key: string; readonly version: number };
}

/** One record of staging inputs or risk inputs; the newest is current, earlier ones are kept. */
export interface FollowupRecordView<T> {
  readonly id: string;
  readonly inputs: T;
  readonly recordedBy: string | null;
  readonly recordedAt: string;
  readonly protocolVersion: number;
}

/** A treatment line with its optimistic version. */
export interface TreatmentLineView extends TreatmentLine {
  readonly version: number;
  readonly updatedAt: string;
}

/** A stored follow-up instance, with what the evaluation says of it today. */
export interface FollowupInstanceView {
  readonly id: string;
  readonly lineId: string;
  readonly itemKey: string;
  readonly timePoint: string;
  readonly targetDate: string;
  readonly dueDate: string;
  readonly windowStart: string;
  readonly rangeEnd: string;
  readonly conditional: boolean;
  readonly active: boolean;
  readonly status: ItemStatus;
  readonly reason: string | null;
  readonly dueState: DueState;
  readonly scheduledAt: string | null;
  readonly location: string | null;
  readonly performedAt: string | null;
  readonly closedByResultId: string | null;
  readonly version: number;
}

/** One result of a series: a follow-up result (with its corrections) or a workup result. */
export interface FollowupResultView {
  readonly id: string;
  readonly itemKey: string;
  readonly date: string;
  readonly source: 'followup' | 'workup';
  readonly instanceId: string | null;
  readonly result: ResultInput;
  /** The result this one corrects. */
  readonly corrects: string | null;
  /** The result that corrects this one: it no longer counts. */
  readonly correctedBy: string | null;
  readonly recordedAt: string | null;
}

/** A patient's follow-up. */
export interface FollowupView {
  readonly patientId: string;
  readonly asOf: string;
  readonly diagnosis: DiagnosisView | null;
  readonly staging: FollowupRecordView<StagingInputs> | null;
  readonly stagingHistory: number;
  readonly risk: FollowupRecordView<{
    readonly observations: readonly RiskObservation[];
  }> | null;
  readonly riskHistory: number;
  readonly lines: readonly TreatmentLineView[];
  readonly instances: readonly FollowupInstanceView[];
  readonly results: readonly FollowupResultView[];
  /** Null until the diagnosis is signed off. */
  readonly evaluation: FollowupEvaluation | null;
  /** Every rule of the protocol version: figures name theirs in `rules` and `trackerDefaults`. */
  readonly rules: readonly FollowupRuleDefinition[];
  /** Shown beside every figure that depends on a `D` rule. */
  readonly trackerDefaultNotice: string;
}

/** What changed in a patient's follow-up, who changed it and when (`GET …/follow-up/history`). */
export interface FollowupHistoryEntry {
  readonly id: string;
  readonly entityType:
    | 'diagnosis'
    | 'staging'
    | 'risk'
    | 'treatment_line'
    | 'followup_instance'
    | 'followup_result';
  readonly entityId: string;
  /** `sign_off`, `record`, `correct`, `create`, `update`, `end`, an instance action, or `plan` (automatic). */
  readonly action: string;
  readonly from: string | null;
  readonly to: string | null;
  /** Null for steps the schedule took by itself (`plan`) outside any user's request. */
  readonly actor: {
    readonly id: string;
    readonly username: string | null;
    readonly role: string | null;
  } | null;
  readonly recordedAt: string;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

/** The history of a patient's follow-up, oldest first. */
export interface FollowupHistory {
  readonly patientId: string;
  readonly entries: readonly FollowupHistoryEntry[];
}

/** Per response domain: how many time points were categorized (not_evaluable included). */
export type AssessedByDomain = Readonly<
  Record<'vegf' | 'hematologic' | 'radiographic' | 'neurological', number>
>;

/** One patient in follow-up, as the follow-up report lists them. */
export interface FollowupReportRow {
  readonly patientId: string;
  readonly mrn: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly diagnosisDate: string;
  readonly lines: number;
  /** The regimen class of the latest line; null before the first. */
  readonly currentRegimen: string | null;
  /** Instances closed by a result on or before their due date. */
  readonly doneOnTime: number;
  /** Instances closed by a result after their due date. */
  readonly doneLate: number;
  /** Open instances due before today (the one overdue rule). */
  readonly overdue: number;
  /** Open instances not yet due. */
  readonly open: number;
  readonly cancelled: number;
  readonly assessed: AssessedByDomain;
  /** The latest line's relapse/progression event, if any. */
  readonly event: 'relapse' | 'progression' | null;
}

/** Totals over every patient of the report. */
export interface FollowupReportSummary {
  readonly patients: number;
  readonly doneOnTime: number;
  readonly doneLate: number;
  readonly overdue: number;
  readonly open: number;
  readonly cancelled: number;
  readonly assessed: AssessedByDomain;
  readonly relapses: number;
  readonly progressions: number;
}

/** `GET /api/reports/follow-up` as JSON: one page of patients and the summary of all. */
export interface FollowupReport {
  readonly asOf: string;
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly rows: readonly FollowupReportRow[];
  readonly summary: FollowupReportSummary;
}
