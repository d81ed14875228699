/** Keys of the eleven POEMS diagnostic criteria (domain reference §1). */
export const CRITERION_KEYS = [
  'polyneuropathy',
  'monoclonal_plasma_cell_disorder',
  'castleman_disease',
  'sclerotic_bone_lesions',
  'vegf_elevation',
  'organomegaly',
  'extravascular_volume_overload',
  'endocrinopathy',
  'skin_changes',
  'papilledema',
  'thrombocytosis_polycythemia',
] as const;

/** One of the POEMS diagnostic criteria. */
export type CriterionKey = (typeof CRITERION_KEYS)[number];

/** Groups of the Mayo rule: both mandatory, at least one other major, at least one minor. */
export const CRITERION_GROUPS = ['mandatory', 'major', 'minor'] as const;

/** The group a criterion belongs to in a criteria set. */
export type CriterionGroup = (typeof CRITERION_GROUPS)[number];

/** Signs that are recorded and shown but never counted by the criteria (domain reference §1). */
export const OTHER_SIGNS = [
  'clubbing',
  'weight_loss',
  'hyperhidrosis',
  'pulmonary_hypertension',
  'restrictive_lung_disease',
  'thrombotic_diathesis',
  'diarrhea',
  'low_vitamin_b12',
] as const;

/** A sign associated with POEMS that is not a criterion. */
export type OtherSign = (typeof OTHER_SIGNS)[number];

/** Type guard for criterion keys arriving from outside (request bodies, stored JSON). */
export function isCriterionKey(value: unknown): value is CriterionKey {
  return typeof value === 'string' && (CRITERION_KEYS as readonly string[]).includes(value);
}
