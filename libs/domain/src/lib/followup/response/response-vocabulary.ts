/*
 * The vocabulary of response assessment (poems-followup.md §5).
 */

/** The four response domains, each with its own baseline, nadir, confirmation and reasons. */
export const RESPONSE_DOMAINS = [
  'vegf',
  'hematologic',
  'radiographic',
  'neurological',
] as const;
/** One response domain. */
export type ResponseDomain = (typeof RESPONSE_DOMAINS)[number];

/**
 * Categories, in the order they are tried: the first that applies wins (§1). The neurological
 * domain uses `progression` → `improved` → `stable`; the others `progression` → `CR` → `PR` →
 * `stable`.
 */
export const DOMAIN_CATEGORIES = [
  'not_evaluable',
  'progression',
  'CR',
  'PR',
  'improved',
  'stable',
] as const;
/** The category of a domain at one assessment. */
export type DomainCategory = (typeof DOMAIN_CATEGORIES)[number];

/**
 * Why a domain cannot be categorized. The first eight are the reference's; `incomplete_result` is
 * the tracker's own: a result lacks what the rule needs (a VEGF without an upper limit of normal or
 * a laboratory flag, a neurological examination without an ONLS, a PET read without its reader
 * fields). "Cannot tell" is never turned into a category.
 */
export const NOT_EVALUABLE_REASONS = [
  'no_baseline',
  'specimen_mismatch',
  'baseline_not_elevated',
  'baseline_ife_negative',
  'no_baseline_avid_lesion',
  'modality_not_pet',
  'cr_workup_incomplete',
  'no_result_in_window',
  'incomplete_result',
] as const;
/** A reason a domain is `not_evaluable`. */
export type NotEvaluableReason = (typeof NOT_EVALUABLE_REASONS)[number];

/**
 * Confirmation of a progression (§1): `unconfirmed` until the next result of the domain arrives,
 * then `confirmed` or `not_confirmed`. Radiographic progression is `confirmed` at once.
 */
export const CONFIRMATION_STATUSES = [
  'unconfirmed',
  'confirmed',
  'not_confirmed',
] as const;
/** The confirmation status of a progression. */
export type ConfirmationStatus = (typeof CONFIRMATION_STATUSES)[number];

/**
 * The summary of a time point (§5.5), first that applies. `pending` is the tracker's: no domain
 * has a category yet and one still may (its window is open or to come).
 */
export const SUMMARY_VALUES = [
  'progression',
  'progression_unconfirmed',
  'response',
  'stable',
  'not_evaluable',
  'pending',
] as const;
/** The summary of one time point. */
export type SummaryValue = (typeof SUMMARY_VALUES)[number];

/** Types of a relapse/progression event (Kourelis [F10]); `clinical` is the neurological domain. */
export const EVENT_TYPES = [
  'vegf',
  'hematologic',
  'radiographic',
  'clinical',
] as const;
/** One type of relapse/progression. */
export type EventType = (typeof EVENT_TYPES)[number];

/** The event type each domain's progression is reported as. */
export const EVENT_TYPE_OF: Readonly<Record<ResponseDomain, EventType>> = {
  vegf: 'vegf',
  hematologic: 'hematologic',
  radiographic: 'radiographic',
  neurological: 'clinical',
};

/** The catalog items whose results each domain reads. */
export const DOMAIN_ITEMS: Readonly<Record<ResponseDomain, readonly string[]>> =
  {
    vegf: ['vegf'],
    hematologic: [
      'serum_ife',
      'urine_ife',
      'spep',
      'serum_flc',
      'bone_marrow_biopsy',
    ],
    radiographic: ['bone_imaging'],
    neurological: ['neuro_exam'],
  };

/** The domain an item's results are read by, if any. */
export function domainOfItem(itemKey: string): ResponseDomain | undefined {
  return RESPONSE_DOMAINS.find((domain) =>
    DOMAIN_ITEMS[domain].includes(itemKey),
  );
}

/** A time point key: `M3`, `M6`, `M12`, … `M120` (months after the line's anchor). */
export type TimePointKey = `M${number}`;
