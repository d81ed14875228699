import type { EgfrMethod } from '../../workup/result-measures';
import type { RuleBasis } from '../protocol/rule-basis';

/** The four Beijing factors (Wang 2016 [F11]); `low_albumin` (Mayo [F10]) is shown, not counted. */
export const RISK_FACTOR_KEYS = [
  'age_gt_50',
  'pulmonary_hypertension',
  'pleural_effusion',
  'egfr_lt_30',
] as const;
/** One counted risk factor. */
export type RiskFactorKey = (typeof RISK_FACTOR_KEYS)[number];

/** Risk groups of `beijing-factor-count`; `indeterminate` when unknown inputs could change the group. */
export const RISK_GROUPS = [
  'low',
  'intermediate',
  'high',
  'indeterminate',
] as const;
/** A risk group. */
export type RiskGroup = (typeof RISK_GROUPS)[number];

/** A risk group that a count can give. */
export type CountedRiskGroup = Exclude<RiskGroup, 'indeterminate'>;

/** Whether a factor is present; `unknown` is never read as absent. */
export const FACTOR_STATES = ['present', 'absent', 'unknown'] as const;
/** The state of one factor. */
export type FactorState = (typeof FACTOR_STATES)[number];

/** Flags shown beside the risk group. */
export const RISK_FLAGS = ['low_albumin', 'egfr_method_unknown'] as const;
/** One risk flag. */
export type RiskFlag = (typeof RISK_FLAGS)[number];

/** A dated value a risk factor is read from: recorded directly, or taken from a result. */
export type RiskObservation =
  | {
      readonly kind: 'pasp';
      readonly date: string;
      readonly mmHg: number;
      readonly resultId?: string;
    }
  | {
      readonly kind: 'pleural_effusion';
      readonly date: string;
      readonly present: boolean;
      readonly resultId?: string;
    }
  | {
      readonly kind: 'egfr';
      readonly date: string;
      /** mL/min/1.73 m². */
      readonly value: number;
      readonly method?: EgfrMethod | null;
      readonly resultId?: string;
    }
  | {
      readonly kind: 'albumin';
      readonly date: string;
      readonly gPerDl: number;
      readonly resultId?: string;
    };

/** The kind of a risk observation. */
export type RiskObservationKind = RiskObservation['kind'];

/** What risk stratification reads. */
export interface RiskInputs {
  /** For `age_gt_50`; unknown without it. */
  readonly birthDate?: string | null;
  /** The date the hematologist signed off `criteria_met`. */
  readonly diagnosisDate: string;
  /** The first treatment line's start date, when a line exists: it widens the input window. */
  readonly firstLineStartDate?: string | null;
  readonly observations: readonly RiskObservation[];
}

/** One factor as evaluated, with the rules that define it. */
export interface RiskFactorResult extends RuleBasis {
  readonly key: RiskFactorKey;
  readonly state: FactorState;
  /** The value that decided, in words ("PASP 35 mmHg on 2025-04-02"), or why it is unknown. */
  readonly basis: string;
  /** The observation read, when there was one. */
  readonly observation?: RiskObservation;
}

/** The input window: the latest value dated from `from` to `to`, both inclusive. */
export interface RiskWindow {
  readonly from: string;
  readonly to: string;
}

/** The result of the risk score. */
export interface RiskResult extends RuleBasis {
  readonly score: {
    readonly key: string;
    readonly version: number;
    readonly label: string;
  };
  readonly group: RiskGroup;
  /** Factors present with every unknown counted absent. */
  readonly min: number;
  /** Factors present with every unknown counted present. */
  readonly max: number;
  readonly minGroup: CountedRiskGroup;
  readonly maxGroup: CountedRiskGroup;
  readonly factors: readonly RiskFactorResult[];
  /** Factors whose inputs are unknown; listed whenever any is, and the reason for `indeterminate`. */
  readonly missingInputs: readonly RiskFactorKey[];
  /** Mayo's low albumin: shown beside the group, never counted. */
  readonly lowAlbumin: RuleBasis & {
    readonly state: FactorState;
    readonly basis: string;
    readonly observation?: RiskObservation;
  };
  readonly flags: readonly RiskFlag[];
  readonly window: RiskWindow;
  readonly explanation: string;
}
