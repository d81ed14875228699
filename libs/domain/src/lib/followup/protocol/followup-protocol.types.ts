import type { Code } from '../../protocol/protocol.types';
import type { RegimenClass } from '../treatment/treatment-line.types';
import type {
  ResponseDomain,
  TimePointKey,
} from '../response/response-vocabulary';
import type {
  StagingClass,
  DecisionSupportSentence,
} from '../staging/staging.types';
import type { CountedRiskGroup } from '../risk/risk.types';
import type {
  EvidenceLabel,
  FollowupSourceId,
  FollowupSource,
} from './evidence';

/** Ids of the follow-up rules; each figure lists the ids it was computed with. */
export const FOLLOWUP_RULE_IDS = [
  // §1 scope and vocabulary
  'anchor',
  'baseline_window',
  'time_points',
  'time_point_result',
  'interim_results',
  'nadir',
  'category_order',
  'confirmation',
  'relapse',
  'line_superseding',
  // §2 staging
  'staging_rule',
  'limited_max_lesions',
  'extramedullary_in_total',
  'consider_systemic_therapy',
  'severe_organ_dysfunction_flag',
  'reduced_dlco_information',
  'raised_urine_protein_information',
  // §3 risk
  'beijing_factor_count',
  'risk_input_window',
  'age_gt_50',
  'age_completed_years',
  'pulmonary_hypertension_rvsp',
  'pleural_effusion_any_imaging',
  'egfr_lt_30',
  'low_albumin',
  // §5.1 VEGF
  'vegf_same_specimen',
  'vegf_uln',
  'vegf_serum_normalisation_cutoff',
  'vegf_baseline_elevated',
  'vegf_normalisation',
  'vegf_partial_response',
  'vegf_progression',
  // §5.2 hematologic
  'hematologic_baseline_class',
  'hematologic_progression',
  'hematologic_complete_response',
  'hematologic_partial_response',
  // §5.3 radiographic
  'radiographic_pet_only',
  'radiographic_categories',
  // §5.4 neurological
  'neurological_onls',
  'neurological_one_point_step',
  // §5.5 summary and event
  'summary',
  'relapse_event',
  // §6 schedule
  'followup_schedule',
] as const;

/** The id of a follow-up rule. */
export type FollowupRuleId = (typeof FOLLOWUP_RULE_IDS)[number];

/** A rule of the follow-up protocol, with its evidence label and sources. */
export interface FollowupRuleDefinition {
  readonly id: FollowupRuleId;
  /** A short name shown in tooltips ("Confirmation of progression"). */
  readonly name: string;
  readonly label: EvidenceLabel;
  /** The rule in words, as the tracker applies it. */
  readonly statement: string;
  readonly sources: readonly FollowupSourceId[];
  /** The section of poems-followup.md it comes from. */
  readonly section: string;
  /** What the sources do not settle (unverified numbers, conflicts). */
  readonly note?: string;
}

/** The values of the configurable parameters. */
export interface FollowupParameterValues {
  /** Staging: the most lesions (bone plus extramedullary) that still count as limited. */
  readonly limited_max_lesions: number;
  /** VEGF: the serum upper limit used for normalisation, or the laboratory's own (`lab_uln`). */
  readonly vegf_serum_normalisation_cutoff: 'lab_uln' | number;
}

/** The key of a configurable parameter. */
export type FollowupParameterKey = keyof FollowupParameterValues;

/** A configurable parameter: its default and the values a clinic may choose. */
export interface FollowupParameterDefinition {
  readonly key: FollowupParameterKey;
  readonly name: string;
  /** The rule the parameter belongs to (its label and sources). */
  readonly rule: FollowupRuleId;
  readonly default: FollowupParameterValues[FollowupParameterKey];
  readonly allowed: readonly FollowupParameterValues[FollowupParameterKey][];
  readonly description: string;
}

/** A time point: months after the anchor and the half-width of its window in days. */
export interface TimePointDefinition {
  readonly key: TimePointKey;
  readonly months: number;
  readonly halfWidthDays: number;
}

/** When a follow-up item is scheduled (§6); conditions read the latest result before the line starts. */
export const SCHEDULE_CONDITIONS = [
  'always',
  'baseline_m_spike_present',
  'baseline_pet_avid',
  'baseline_marrow_clone',
  'baseline_abnormal_axis',
  'baseline_pasp_ge_50',
  'baseline_dlco_abnormal',
  'baseline_papilledema',
] as const;
/** A schedule condition. */
export type ScheduleCondition = (typeof SCHEDULE_CONDITIONS)[number];

/** One row of the follow-up schedule table. */
export interface ScheduleEntry {
  readonly itemKey: string;
  readonly timePoints: readonly TimePointKey[];
  readonly condition: ScheduleCondition;
  /** Shown with the instance ("same specimen as baseline"; "iliac crest"). */
  readonly note?: string;
}

/** An item of the follow-up catalog: the workup's keys plus `chemistry_panel`. */
export interface FollowupItemDefinition {
  readonly key: string;
  readonly name: string;
  /** The name in running text. */
  readonly shortName: string;
  /** The response domain the item's results are read by, if any. */
  readonly domain?: ResponseDomain;
  /** True for keys the workup catalog does not have. */
  readonly newInFollowup?: true;
  readonly codes: readonly Code[];
}

/** The numbers of the response, risk and information rules. */
export interface FollowupThresholds {
  readonly vegf: {
    readonly progressionFactor: number;
    readonly partialResponseFactor: number;
  };
  readonly hematologic: {
    readonly measurableMSpikeGPerDl: number;
    readonly measurableDflcMgPerL: number;
    readonly progressionFactor: number;
    readonly partialResponseFactor: number;
    /** Used only when the laboratory sends no range for the κ/λ ratio. */
    readonly flcRatioDefault: { readonly low: number; readonly high: number };
  };
  readonly neurological: {
    readonly progressionStep: number;
    readonly improvementStep: number;
  };
  readonly risk: {
    readonly ageYears: number;
    readonly paspMmHg: number;
    readonly egfr: number;
    readonly albuminGPerDl: number;
  };
  readonly information: {
    readonly dlcoPercentPredicted: number;
    readonly urineProteinGPer24h: number;
  };
}

/** A risk score: which factors count and how counts map to groups. */
export interface RiskScoreDefinition {
  readonly key: string;
  readonly version: number;
  /** Shown with every result of the score. */
  readonly label: string;
  /** Count thresholds, ascending: the group is the last whose `from` ≤ the count. */
  readonly groups: readonly {
    readonly from: number;
    readonly group: CountedRiskGroup;
  }[];
}

/** The versioned follow-up protocol. Stored evaluations name the version they used. */
export interface FollowupProtocolDefinition {
  readonly key: string;
  readonly version: number;
  readonly name: string;
  readonly effectiveFrom: string;
  readonly rules: readonly FollowupRuleDefinition[];
  readonly parameters: readonly FollowupParameterDefinition[];
  /** The date each regimen class's time points count from. */
  readonly anchors: Readonly<
    Record<RegimenClass, 'start_date' | 'end_date' | 'transplant_date'>
  >;
  /** The baseline is the latest result dated in [start − this many days, start]. */
  readonly baselineWindowDays: number;
  readonly timePoints: readonly TimePointDefinition[];
  /** Which domains wait for the next result to confirm a progression, and which confirm at once. */
  readonly confirmation: {
    readonly byNextResult: readonly ResponseDomain[];
    readonly immediate: readonly ResponseDomain[];
  };
  readonly thresholds: FollowupThresholds;
  readonly riskScore: RiskScoreDefinition;
  /** Risk inputs: latest value from diagnosis − `daysBefore` to the later of diagnosis and the first line's start, or diagnosis + `daysAfterWithoutLine`. */
  readonly riskInputWindow: {
    readonly daysBefore: number;
    readonly daysAfterWithoutLine: number;
  };
  /** What each staging class implies, as decision support. */
  readonly stagingImplications: Readonly<
    Record<StagingClass, readonly DecisionSupportSentence[]>
  >;
  readonly items: readonly FollowupItemDefinition[];
  readonly schedule: readonly ScheduleEntry[];
  readonly sources: Readonly<Record<FollowupSourceId, FollowupSource>>;
}
