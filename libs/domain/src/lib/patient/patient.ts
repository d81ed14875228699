/** Administrative sex as recorded at registration (FHIR AdministrativeGender). */
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

/** A patient's recorded sex; sex-specific reference limits need `female` or `male`. */
export type Sex = (typeof SEXES)[number];
