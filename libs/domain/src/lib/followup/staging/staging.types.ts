import type { ImagingModality } from '../../workup/result';
import type { LesionCount } from '../../workup/result-measures';
import type { FollowupSourceId } from '../protocol/evidence';
import type { RuleBasis } from '../protocol/rule-basis';

/** Staging classes at diagnosis (poems-followup.md §2). */
export const STAGING_CLASSES = [
  'limited',
  'disseminated',
  'no_focal_lesion',
  'indeterminate',
] as const;
/** The class staging sorts the disease into. */
export type StagingClass = (typeof STAGING_CLASSES)[number];

/** What a random iliac-crest marrow biopsy showed; a biopsy of the lesion itself does not count. */
export const MARROW_CLONE_STATES = ['present', 'absent', 'not_done'] as const;
/** The marrow clone input. */
export type MarrowCloneState = (typeof MARROW_CLONE_STATES)[number];

/** Inputs the five-step rule needs, named as in the reference; listed when missing. */
export const STAGING_INPUT_KEYS = [
  'bone_lesion_count',
  'extramedullary_plasmacytoma_count',
  'marrow_clone',
] as const;
/** One staging input of the rule. */
export type StagingInputKey = (typeof STAGING_INPUT_KEYS)[number];

/** The staging inputs as recorded by a hematologist (or proposed from results). */
export interface StagingInputs {
  /** Sclerotic, mixed or lytic lesions attributed to POEMS on a skeletal imaging read. */
  readonly boneLesionCount?: LesionCount | null;
  /** The modality of that read (recorded with the count). */
  readonly boneImagingModality?: ImagingModality | null;
  /**
   * Biopsy-proven clonal plasma-cell tumours outside bone; they add to the lesion total [D].
   * Not recorded = none proven = 0: the count is of proven tumours (a lymph node showing Castleman
   * disease is not one).
   */
  readonly extramedullaryPlasmacytomaCount?: number | null;
  /** Random iliac-crest marrow biopsy. Not recorded counts as `not_done`. */
  readonly marrowClone?: MarrowCloneState | null;
  /** Asserted by a hematologist; shown as a flag only. */
  readonly severeOrganDysfunction?: boolean | null;
  /** DLCO, % of predicted: an information flag below the secondary-source cut-off. */
  readonly dlcoPercentPredicted?: number | null;
  /** 24-hour urine total protein, g/24 h: an information flag at or above the secondary-source cut-off. */
  readonly urineTotalProteinGPer24h?: number | null;
}

/** A decision-support sentence with its sources: never an order. */
export interface DecisionSupportSentence {
  readonly text: string;
  readonly sources: readonly FollowupSourceId[];
}

/** Flags staging shows beside the class. */
export const STAGING_FLAGS = [
  'severe_organ_dysfunction',
  'reduced_dlco',
  'raised_urine_protein',
] as const;
/** One staging flag. */
export type StagingFlagKey = (typeof STAGING_FLAGS)[number];

/** A flag shown with staging; `information` flags rest on a secondary source and decide nothing. */
export interface StagingFlag extends RuleBasis {
  readonly key: StagingFlagKey;
  readonly text: string;
  readonly information: boolean;
  readonly sources: readonly FollowupSourceId[];
}

/** The result of the staging rule. */
export interface StagingResult extends RuleBasis {
  readonly class: StagingClass;
  /** The step of the five-step rule that gave the class (1–5). */
  readonly step: 1 | 2 | 3 | 4 | 5;
  /** Bone lesions plus extramedullary plasmacytomas; null when the bone lesion count is unknown. */
  readonly total: LesionCount | null;
  /** The `limited_max_lesions` parameter the rule used. */
  readonly limitedMaxLesions: number;
  /** For `indeterminate`: what must be recorded before the class can be given. */
  readonly missingInputs: readonly StagingInputKey[];
  /** What the class implies, as decision support with sources. */
  readonly implications: readonly DecisionSupportSentence[];
  readonly flags: readonly StagingFlag[];
  /** One sentence naming the deciding inputs. */
  readonly explanation: string;
  /** The inputs the rule read, after defaults (extramedullary count not recorded = 0). */
  readonly inputs: StagingInputs;
}
