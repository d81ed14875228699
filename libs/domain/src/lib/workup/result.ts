import type { CriterionKey } from '../protocol/criteria';
import type { SignKey } from '../protocol/signs';
import type { FindingValue } from './findings';
import type { ResultMeasures } from './result-measures';

/** VEGF specimens; values are never compared across them (domain reference §3). */
export const SPECIMENS = ['plasma', 'serum'] as const;
/** Specimen of a VEGF measurement. */
export type Specimen = (typeof SPECIMENS)[number];

/** Immunofixation heavy chains; `none` = light chain only or no M-protein. */
export const HEAVY_CHAINS = ['IgG', 'IgA', 'IgM', 'none'] as const;
/** Heavy chain of a monoclonal protein. */
export type HeavyChain = (typeof HEAVY_CHAINS)[number];

/** Immunoglobulin light chains. */
export const LIGHT_CHAINS = ['lambda', 'kappa'] as const;
/** Light chain of a clone. */
export type LightChain = (typeof LIGHT_CHAINS)[number];

/** One clone on immunofixation: a heavy/light chain pair (`none`: light chain only). */
export interface Clone {
  readonly heavyChain: HeavyChain;
  readonly lightChain: LightChain;
}

/** Endocrine axes of the panel (domain reference §4); `glucose` is the pancreatic axis. */
export const ENDOCRINE_AXES = [
  'gonadal',
  'prolactin',
  'thyroid',
  'adrenal',
  'parathyroid',
  'glucose',
] as const;
/** One endocrine axis. */
export type EndocrineAxis = (typeof ENDOCRINE_AXES)[number];

/** State of one endocrine axis. */
export const AXIS_STATES = ['abnormal', 'normal', 'not_tested'] as const;
/** Result of one endocrine axis. */
export type AxisState = (typeof AXIS_STATES)[number];

/** HL7 v2 / FHIR observation interpretation codes used here: low, normal, high. */
export const INTERPRETATIONS = ['L', 'N', 'H'] as const;
/** Interpretation of a quantitative value against its reference range. */
export type Interpretation = (typeof INTERPRETATIONS)[number];

/** Bone lesion types on skeletal imaging. */
export const LESION_TYPES = ['sclerotic', 'mixed', 'lytic', 'none'] as const;
/** What skeletal imaging showed. */
export type LesionType = (typeof LESION_TYPES)[number];

/** Imaging modalities (recorded for skeletal and body imaging). */
export const IMAGING_MODALITIES = [
  'low_dose_whole_body_ct',
  'pet_ct',
  'skeletal_survey',
  'ct_chest_abdomen_pelvis',
  'abdominal_ultrasound',
  'mri',
  'other',
] as const;
/** An imaging modality. */
export type ImagingModality = (typeof IMAGING_MODALITIES)[number];

/** Conditions that raise serum VEGF, shown beside the value (domain reference §3). */
export const VEGF_CONFOUNDERS = [
  'recent_acute_illness',
  'iron_deficiency',
  'copd',
  'sleep_apnoea',
  'malignancy',
] as const;
/** A confounder of a VEGF value. */
export type VegfConfounder = (typeof VEGF_CONFOUNDERS)[number];

/** A quantitative value with its UCUM unit and reference range. */
export interface QuantityValue {
  readonly code?: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly low?: number;
  readonly high?: number;
  readonly interpretation?: Interpretation;
}

/** A finding asserted by a hematologist when recording a result. */
export interface AssertedFinding {
  readonly criterion: CriterionKey;
  readonly value: FindingValue;
}

/** A result as recorded (the `result` action's body without `version` and `performedAt`). */
export interface ResultInput extends ResultMeasures {
  readonly values?: readonly QuantityValue[];
  readonly specimen?: Specimen;
  readonly heavyChain?: HeavyChain;
  readonly lightChain?: LightChain;
  /** More than one clone (biclonal immunofixation, protocol version 2): each pair counts as a clone. */
  readonly clones?: readonly Clone[];
  readonly axes?: Readonly<Partial<Record<EndocrineAxis, AxisState>>>;
  readonly lesions?: LesionType;
  readonly modality?: ImagingModality;
  readonly signs?: readonly SignKey[];
  readonly confounders?: readonly VegfConfounder[];
  readonly report?: string;
  readonly findings?: readonly AssertedFinding[];
}

/**
 * The interpretation of a value: the laboratory's own flag, else derived from its range. N needs an
 * upper limit; a range with only a lower limit leaves a value that is not low uninterpreted.
 */
export function interpret(value: QuantityValue): Interpretation | undefined {
  if (value.interpretation) {
    return value.interpretation;
  }
  if (value.high !== undefined && value.value > value.high) {
    return 'H';
  }
  if (value.low !== undefined && value.value < value.low) {
    return 'L';
  }
  // Without an upper limit a value cannot be called normal: the rules read N as the laboratory's
  // "not high" and would skip the protocol default (platelets 900 with only `low` is not normal).
  return value.high !== undefined ? 'N' : undefined;
}

/** A result with each value's interpretation filled in from its reference range. */
export function normaliseResult(result: ResultInput): ResultInput {
  if (!result.values) {
    return result;
  }
  return {
    ...result,
    values: result.values.map((v) => {
      const interpretation = interpret(v);
      return interpretation ? { ...v, interpretation } : v;
    }),
  };
}
