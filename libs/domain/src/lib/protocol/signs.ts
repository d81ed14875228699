import type { CriterionKey, OtherSign } from './criteria';

/**
 * Structured clinical signs a result can record (`result.signs`). Each sign is evidence for one
 * criterion, or is one of the "other signs" that are shown but never counted. The criterion
 * descriptions of the domain reference §1 ("what counts") are the source of this vocabulary.
 */
export const SIGN_VOCABULARY = {
  splenomegaly: 'organomegaly',
  hepatomegaly: 'organomegaly',
  lymphadenopathy: 'organomegaly',
  edema: 'extravascular_volume_overload',
  pleural_effusion: 'extravascular_volume_overload',
  ascites: 'extravascular_volume_overload',
  pericardial_effusion: 'extravascular_volume_overload',
  hyperpigmentation: 'skin_changes',
  hypertrichosis: 'skin_changes',
  glomeruloid_hemangiomata: 'skin_changes',
  plethora: 'skin_changes',
  acrocyanosis: 'skin_changes',
  flushing: 'skin_changes',
  white_nails: 'skin_changes',
  papilledema: 'papilledema',
  clubbing: 'clubbing',
  weight_loss: 'weight_loss',
  hyperhidrosis: 'hyperhidrosis',
  pulmonary_hypertension: 'pulmonary_hypertension',
  restrictive_lung_disease: 'restrictive_lung_disease',
  thrombotic_diathesis: 'thrombotic_diathesis',
  diarrhea: 'diarrhea',
  low_vitamin_b12: 'low_vitamin_b12',
} as const satisfies Record<string, CriterionKey | OtherSign>;

/** A structured sign a result may record. */
export type SignKey = keyof typeof SIGN_VOCABULARY;

/** Every sign key, for validation and pick lists. */
export const SIGN_KEYS = Object.keys(SIGN_VOCABULARY) as SignKey[];

/** Type guard for sign keys arriving from outside. */
export function isSignKey(value: unknown): value is SignKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SIGN_VOCABULARY, value);
}

/** The criterion or other sign a recorded sign is evidence of. */
export function signTarget(sign: SignKey): CriterionKey | OtherSign {
  return SIGN_VOCABULARY[sign];
}
