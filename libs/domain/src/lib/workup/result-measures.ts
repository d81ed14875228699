import type { FieldError } from '../errors';
import type { ImagingModality, ResultInput } from './result';

/*
 * Structured measures the follow-up reads (poems-followup.md §2, §3, §5, §6), recorded on the same
 * result shapes as the workup: a workup result can serve as a follow-up baseline, and staging and
 * risk read the workup's imaging, marrow, echocardiogram and pulmonary function results. Every
 * field is optional; none changes how the workup criteria are inferred.
 */

/** A diffuse skeletal involvement that cannot be counted lesion by lesion (staging step 2). */
export const DIFFUSE_LESIONS = 'diffuse';

/** Bone lesions attributed to POEMS on a skeletal imaging read: a count, or `diffuse`. */
export type LesionCount = number | typeof DIFFUSE_LESIONS;

/** The overall impression of an FDG-PET read against the previous study (§5.3). */
export const PET_IMPRESSIONS = [
  'resolved',
  'improved',
  'unchanged',
  'worse',
] as const;
/** One PET impression. */
export type PetImpression = (typeof PET_IMPRESSIONS)[number];

/**
 * The workup's modality value for an FDG-PET/CT (the follow-up reference calls it `fdg_pet_ct`).
 * In POEMS work-ups PET/CT means FDG-PET/CT; only PET reads carry the reader fields.
 */
export const FDG_PET_MODALITY: ImagingModality = 'pet_ct';

/**
 * Where a marrow sample was taken. Staging counts only a random iliac-crest biopsy; a biopsy of
 * the lesion itself does not show marrow involvement (§2, [F1]).
 */
export const MARROW_SITES = ['iliac_crest', 'lesion'] as const;
/** One marrow biopsy site. */
export type MarrowSite = (typeof MARROW_SITES)[number];

/** How an eGFR was estimated (§3); recorded beside the value. */
export const EGFR_METHODS = [
  'ckd_epi_2021',
  'ckd_epi_2009',
  'mdrd',
  'other',
] as const;
/** One eGFR estimating equation. */
export type EgfrMethod = (typeof EGFR_METHODS)[number];

/** Overall Neuropathy Limitations Scale ranges (Graham and Hughes, JNNP 2006 [F22]). */
export const ONLS_RANGE = { arm: 5, leg: 7, total: 12 } as const;

/** The modified Rankin Scale runs from 0 (no symptoms) to 6 (dead). */
export const MRS_MAX = 6;

/** The follow-up's structured measures on a result. */
export interface ResultMeasures {
  /** `bone_imaging`: lesions attributed to POEMS (sclerotic, mixed or lytic), or `diffuse`. */
  readonly lesionCount?: LesionCount;
  /** `bone_imaging` with modality `pet_ct`: FDG-avid lesions. */
  readonly avidLesionCount?: number;
  /** `bone_imaging` with modality `pet_ct`: a new lesion since the previous study. */
  readonly newLesion?: boolean;
  /** `bone_imaging` with modality `pet_ct`: the reader's impression against the previous study. */
  readonly impression?: PetImpression;
  /** `bone_marrow_biopsy`: where the sample was taken. */
  readonly marrowSite?: MarrowSite;
  /** `neuro_exam`: ONLS arm grade, 0–5. */
  readonly onlsArm?: number;
  /** `neuro_exam`: ONLS leg grade, 0–7. */
  readonly onlsLeg?: number;
  /** `neuro_exam`: ONLS total, 0–12; the sum of arm and leg when both are recorded. */
  readonly onls?: number;
  /** `neuro_exam`: modified Rankin Scale, 0–6 (shown as a trend, never categorized). */
  readonly mrs?: number;
  /** `chemistry_panel`: the equation of the eGFR among its values. */
  readonly egfrMethod?: EgfrMethod;
  /** `echocardiogram`: echo-estimated pulmonary artery systolic pressure (RVSP), mmHg. */
  readonly paspMmHg?: number;
  /** `pft`: diffusing capacity (DLCO), % of predicted. */
  readonly dlcoPercentPredicted?: number;
}

/** Every measure field, for validation and forms. */
export const MEASURE_FIELDS = [
  'lesionCount',
  'avidLesionCount',
  'newLesion',
  'impression',
  'marrowSite',
  'onlsArm',
  'onlsLeg',
  'onls',
  'mrs',
  'egfrMethod',
  'paspMmHg',
  'dlcoPercentPredicted',
] as const satisfies readonly (keyof ResultMeasures)[];

/** One measure field. */
export type MeasureField = (typeof MEASURE_FIELDS)[number];

/** PET reader fields: recorded only on an FDG-PET read. */
export const PET_READER_FIELDS = [
  'avidLesionCount',
  'newLesion',
  'impression',
] as const satisfies readonly MeasureField[];

/**
 * The measures each item takes, by catalog key (the same in the workup and the follow-up
 * catalogs). Keyed by item rather than by protocol version so released workup versions stay as
 * they were published.
 */
export const MEASURES_BY_ITEM: Readonly<
  Record<string, readonly MeasureField[]>
> = {
  bone_imaging: ['lesionCount', ...PET_READER_FIELDS],
  bone_marrow_biopsy: ['marrowSite'],
  neuro_exam: ['onlsArm', 'onlsLeg', 'onls', 'mrs'],
  chemistry_panel: ['egfrMethod'],
  echocardiogram: ['paspMmHg'],
  pft: ['dlcoPercentPredicted'],
};

const isGrade = (value: unknown, max: number): boolean =>
  typeof value === 'number' &&
  Number.isInteger(value) &&
  value >= 0 &&
  value <= max;

const isNonNegative = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

const oneOf = <T extends string>(
  values: readonly T[],
  value: unknown,
): boolean =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/**
 * The ONLS total of a result: the recorded total, else the sum of arm and leg; undefined when
 * the result has no complete ONLS.
 */
export function onlsTotal(result: ResultMeasures): number | undefined {
  if (result.onls !== undefined) {
    return result.onls;
  }
  return result.onlsArm !== undefined && result.onlsLeg !== undefined
    ? result.onlsArm + result.onlsLeg
    : undefined;
}

/**
 * Checks the follow-up measures of a result: which items take them, their ranges, and that they
 * agree with each other (ONLS total = arm + leg; PET fields only on a PET read; a lesion count
 * that contradicts the read's lesion type).
 * @returns one entry per invalid field, empty when acceptable.
 */
export function validateResultMeasures(
  itemKey: string,
  result: ResultInput,
): FieldError[] {
  const errors: FieldError[] = [];
  const accepted = new Set<MeasureField>(MEASURES_BY_ITEM[itemKey] ?? []);
  for (const field of MEASURE_FIELDS) {
    if (result[field] !== undefined && !accepted.has(field)) {
      errors.push({
        field,
        message: `${field} is not recorded for this item.`,
      });
    }
  }
  const present = (field: MeasureField): boolean =>
    accepted.has(field) && result[field] !== undefined;
  const fail = (field: MeasureField, message: string): void => {
    errors.push({ field, message });
  };

  if (present('lesionCount')) {
    const count = result.lesionCount;
    if (count !== DIFFUSE_LESIONS && !isGrade(count, Number.MAX_SAFE_INTEGER)) {
      fail(
        'lesionCount',
        'lesionCount must be a whole number ≥ 0 or "diffuse".',
      );
    } else if (result.lesions === 'none' && count !== 0) {
      fail(
        'lesionCount',
        'a read with no bone lesions has a lesion count of 0.',
      );
    } else if (
      count === 0 &&
      result.lesions !== undefined &&
      result.lesions !== 'none'
    ) {
      fail('lesionCount', 'a read that shows lesions cannot count 0 of them.');
    }
  }
  const petFields = PET_READER_FIELDS.filter(present);
  if (petFields.length > 0 && result.modality !== FDG_PET_MODALITY) {
    for (const field of petFields) {
      fail(
        field,
        `${field} is recorded only on an FDG-PET/CT read (modality ${FDG_PET_MODALITY}).`,
      );
    }
  }
  if (
    present('avidLesionCount') &&
    !isGrade(result.avidLesionCount, Number.MAX_SAFE_INTEGER)
  ) {
    fail('avidLesionCount', 'avidLesionCount must be a whole number ≥ 0.');
  }
  if (present('newLesion') && typeof result.newLesion !== 'boolean') {
    fail('newLesion', 'newLesion must be true or false.');
  }
  if (present('impression') && !oneOf(PET_IMPRESSIONS, result.impression)) {
    fail(
      'impression',
      `impression must be one of ${PET_IMPRESSIONS.join(', ')}.`,
    );
  } else if (
    result.impression === 'resolved' &&
    (result.avidLesionCount ?? 0) > 0
  ) {
    fail('impression', 'a resolved read has no FDG-avid lesion left.');
  }
  if (present('marrowSite') && !oneOf(MARROW_SITES, result.marrowSite)) {
    fail('marrowSite', `marrowSite must be one of ${MARROW_SITES.join(', ')}.`);
  }

  validateOnls(result, present, fail);

  if (present('egfrMethod') && !oneOf(EGFR_METHODS, result.egfrMethod)) {
    fail('egfrMethod', `egfrMethod must be one of ${EGFR_METHODS.join(', ')}.`);
  }
  if (present('paspMmHg') && !isNonNegative(result.paspMmHg)) {
    fail('paspMmHg', 'paspMmHg must be a number ≥ 0.');
  }
  if (
    present('dlcoPercentPredicted') &&
    !isNonNegative(result.dlcoPercentPredicted)
  ) {
    fail('dlcoPercentPredicted', 'dlcoPercentPredicted must be a number ≥ 0.');
  }
  return errors;
}

function validateOnls(
  result: ResultMeasures,
  present: (field: MeasureField) => boolean,
  fail: (field: MeasureField, message: string) => void,
): void {
  const armOk = !present('onlsArm') || isGrade(result.onlsArm, ONLS_RANGE.arm);
  const legOk = !present('onlsLeg') || isGrade(result.onlsLeg, ONLS_RANGE.leg);
  const totalOk = !present('onls') || isGrade(result.onls, ONLS_RANGE.total);
  if (!armOk) {
    fail(
      'onlsArm',
      `onlsArm must be a whole number from 0 to ${ONLS_RANGE.arm}.`,
    );
  }
  if (!legOk) {
    fail(
      'onlsLeg',
      `onlsLeg must be a whole number from 0 to ${ONLS_RANGE.leg}.`,
    );
  }
  if (!totalOk) {
    fail('onls', `onls must be a whole number from 0 to ${ONLS_RANGE.total}.`);
  }
  // A single limb grade has no total; the scale is read as arm + leg.
  if (present('onlsArm') !== present('onlsLeg')) {
    fail(
      present('onlsArm') ? 'onlsLeg' : 'onlsArm',
      'ONLS arm and leg grades are recorded together.',
    );
  } else if (
    armOk &&
    legOk &&
    totalOk &&
    present('onls') &&
    present('onlsArm') &&
    result.onls !== (result.onlsArm ?? 0) + (result.onlsLeg ?? 0)
  ) {
    fail('onls', 'the ONLS total is the sum of the arm and leg grades.');
  }
  if (present('mrs') && !isGrade(result.mrs, MRS_MAX)) {
    fail('mrs', `mrs must be a whole number from 0 to ${MRS_MAX}.`);
  }
}
