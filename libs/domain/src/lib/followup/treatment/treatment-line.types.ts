/*
 * The treatment record (poems-followup.md §4): minimal on purpose — no doses, cycles or Gy.
 */

/** Why a line was given: first line, or salvage after relapse, progression or refractory disease. */
export const LINE_INTENTS = ['first_line', 'salvage'] as const;
/** The intent of a treatment line. */
export type LineIntent = (typeof LINE_INTENTS)[number];

/**
 * Regimen classes. `other` needs `regimenText` (bortezomib-, thalidomide- or daratumumab-based
 * regimens; corticosteroids alone, which are "temporizing" [F1][F4]). Sources: radiation [F9],
 * ASCT [F7][F30], melphalan–dexamethasone [F19], lenalidomide–dexamethasone [F20][F24][F29].
 */
export const REGIMEN_CLASSES = [
  'radiation',
  'lenalidomide_dexamethasone',
  'asct_melphalan',
  'melphalan_dexamethasone',
  'other',
] as const;
/** The class of a regimen. */
export type RegimenClass = (typeof REGIMEN_CLASSES)[number];

/** Induction before high-dose melphalan with ASCT: every regimen class but ASCT itself. */
export const INDUCTION_CLASSES = [
  'radiation',
  'lenalidomide_dexamethasone',
  'melphalan_dexamethasone',
  'other',
] as const satisfies readonly RegimenClass[];
/** The class of an induction regimen. */
export type InductionClass = (typeof INDUCTION_CLASSES)[number];

/** Why a line ended. */
export const STOP_REASONS = [
  'completed',
  'progression',
  'toxicity',
  'patient_choice',
  'other',
] as const;
/** The reason a line ended. */
export type StopReason = (typeof STOP_REASONS)[number];

/** One planned programme of treatment. Each line has its own baseline, time points and response. */
export interface TreatmentLine {
  /** Stable identifier (the API's id); instances and evaluations refer to it. */
  readonly id: string;
  /** 1…n, contiguous per patient. */
  readonly lineNumber: number;
  readonly intent: LineIntent;
  readonly regimenClass: RegimenClass;
  /** Required for `other`; free text naming the regimen. */
  readonly regimenText?: string | null;
  /** Only for `asct_melphalan`. */
  readonly inductionClass?: InductionClass | null;
  /** The first treatment day, induction included (`YYYY-MM-DD`). */
  readonly startDate: string;
  /** Null while ongoing; on or after `startDate`. */
  readonly endDate?: string | null;
  /** `asct_melphalan` only: the stem-cell infusion, within [startDate, endDate or today]. */
  readonly transplantDate?: string | null;
  /** Radiation lines only: references to the staged lesions. */
  readonly radiationSites?: readonly string[] | null;
  /** Why the line ended; recorded with `endDate`. */
  readonly stopReason?: StopReason | null;
}
