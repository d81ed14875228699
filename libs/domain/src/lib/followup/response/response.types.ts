import type { LightChain, Specimen, VegfConfounder } from '../../workup/result';
import type { PetImpression } from '../../workup/result-measures';
import type { RuleBasis } from '../protocol/rule-basis';
import type {
  ConfirmationStatus,
  DomainCategory,
  EventType,
  NotEvaluableReason,
  ResponseDomain,
  SummaryValue,
  TimePointKey,
} from './response-vocabulary';

/** The hematologic baseline class (§5.2). */
export type HematologicBaselineClass = 'measurable' | 'ife_only';

/** A domain's baseline for one line. */
export interface DomainBaseline extends RuleBasis {
  readonly domain: ResponseDomain;
  /** `not_evaluable`: the domain is not evaluable at any time point of the line, for `reason`. */
  readonly status: 'available' | 'not_evaluable';
  readonly reason?: NotEvaluableReason;
  /** The baseline results (one per item; several for the hematologic domain). */
  readonly resultIds: readonly string[];
  /** The latest baseline result's date. */
  readonly date?: string;
  /** VEGF: the specimen every later result must match. */
  readonly specimen?: Specimen;
  /** VEGF pg/mL, ONLS points or baseline FDG-avid lesions. */
  readonly value?: number;
  readonly hematologicClass?: HematologicBaselineClass;
  readonly explanation: string;
}

/** VEGF measures at an assessment. */
export interface VegfMeasures {
  readonly domain: 'vegf';
  readonly value: number;
  readonly specimen: Specimen;
  /** The upper limit the value was compared with (the laboratory's, or the serum cut-off parameter). */
  readonly uln?: number;
  readonly baseline: number;
  readonly nadir: number;
}

/** Hematologic measures at an assessment. */
export interface HematologicMeasures {
  readonly domain: 'hematologic';
  readonly baselineClass: HematologicBaselineClass;
  readonly serumIfe?: 'positive' | 'negative';
  readonly urineIfe?: 'positive' | 'negative';
  /** g/dL. */
  readonly mSpike?: number;
  readonly mSpikeBaseline?: number;
  readonly mSpikeNadir?: number;
  /** Involved − uninvolved free light chain, mg/L. */
  readonly dflc?: number;
  readonly dflcBaseline?: number;
  readonly dflcNadir?: number;
  readonly involvedLightChain?: LightChain;
  readonly flcRatio?: number;
  readonly flcRatioNormal?: boolean;
  /** An iliac-crest marrow in the range showed a clone. */
  readonly marrowClone?: boolean;
}

/** Radiographic (FDG-PET) measures at an assessment. */
export interface RadiographicMeasures {
  readonly domain: 'radiographic';
  readonly avidLesionCount?: number;
  readonly newLesion?: boolean;
  readonly impression?: PetImpression;
  readonly baselineAvidLesionCount: number;
}

/** Neurological measures at an assessment; the mRS is shown, never categorized. */
export interface NeurologicalMeasures {
  readonly domain: 'neurological';
  readonly onls: number;
  readonly onlsArm?: number;
  readonly onlsLeg?: number;
  readonly mrs?: number;
  readonly baseline: number;
  readonly nadir: number;
}

/** The measures a domain's category was read from. */
export type DomainMeasures =
  | VegfMeasures
  | HematologicMeasures
  | RadiographicMeasures
  | NeurologicalMeasures;

/** Flags shown beside a category. */
export type DomainFlag = 'vegf_confounder';

/** The result that settled a progression's confirmation. */
export interface ConfirmationStep {
  readonly resultIds: readonly string[];
  readonly date: string;
}

/** A domain at a time point before any result could categorize it. */
export interface PendingDomainAssessment {
  readonly status: 'pending';
  readonly domain: ResponseDomain;
  readonly timePoint: TimePointKey;
  /** The results of the domain in the range that could not be used (none usually). */
  readonly additionalResultIds: readonly string[];
  readonly explanation: string;
}

/** A domain categorized at a time point. */
export interface AssessedDomain extends RuleBasis {
  readonly status: 'assessed';
  readonly domain: ResponseDomain;
  readonly timePoint: TimePointKey;
  readonly category: DomainCategory;
  readonly reason?: NotEvaluableReason;
  /** For `progression`. */
  readonly confirmation?: ConfirmationStatus;
  /** The next result that confirmed (or did not confirm) the progression. */
  readonly confirmationStep?: ConfirmationStep;
  /** For `progression`: the best earlier category in the line was CR. */
  readonly relapse?: boolean;
  /** The Mk results the category was read from. */
  readonly resultIds: readonly string[];
  /** Other results of the domain in the range: used for nadir and confirmation only. */
  readonly additionalResultIds: readonly string[];
  /** The date of the Mk result (the earliest, when several items were read). */
  readonly date?: string;
  readonly measures?: DomainMeasures;
  readonly flags: readonly DomainFlag[];
  readonly confounders?: readonly VegfConfounder[];
  /** For a hematologist: the values and limits that decided. */
  readonly explanation: string;
}

/** A domain at a time point. */
export type DomainAssessment = PendingDomainAssessment | AssessedDomain;

/** The summary of a time point (§5.5, [D]). */
export interface TimePointSummary extends RuleBasis {
  readonly value: SummaryValue;
  /** The domains that decided the summary. */
  readonly domains: readonly ResponseDomain[];
  readonly explanation: string;
}

/** One domain's part in a relapse/progression event. */
export interface EventDomain {
  readonly domain: ResponseDomain;
  readonly type: EventType;
  readonly timePoint: TimePointKey;
  /** The first result of the confirming sequence. */
  readonly date: string;
  readonly resultIds: readonly string[];
  readonly relapse: boolean;
  /** The confirming result (none for radiographic progression, confirmed at once). */
  readonly confirmationStep?: ConfirmationStep;
}

/** The relapse/progression event of a line (§5.5): one per line, from confirmed progressions. */
export interface RelapseProgressionEvent extends RuleBasis {
  /** `relapse` when the first confirmed progression followed a CR in its domain. */
  readonly kind: 'relapse' | 'progression';
  /** The first result of the earliest confirming sequence. */
  readonly date: string;
  readonly types: readonly EventType[];
  /** `clinical` (neurological) is among the types (Kourelis [F10]). */
  readonly symptomatic: boolean;
  readonly domains: readonly EventDomain[];
}
