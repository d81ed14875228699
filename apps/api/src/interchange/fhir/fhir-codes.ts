import type {
  CarePlan,
  DiagnosticReport,
  Observation,
  Patient,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import type {
  FindingValue,
  Interpretation,
  ItemKind,
  ItemStatus,
  Sex,
  Specimen,
} from '@poems/domain';

/** Media type of FHIR JSON. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Base of the identifier systems, code systems and canonical URLs this product defines. */
export const POEMS_FHIR_BASE = 'https://poems-workup.dev/fhir';

/** Code and identifier systems used by the export. */
export const SYSTEMS = {
  /** Our medical record numbers. */
  mrn: `${POEMS_FHIR_BASE}/sid/mrn`,
  /** Our user ids (Practitioner.identifier of a hematologist who signed off). */
  user: `${POEMS_FHIR_BASE}/sid/user`,
  /** Our workup ids (CarePlan.identifier). */
  workup: `${POEMS_FHIR_BASE}/sid/workup`,
  /** `<workup id>/<item key>` (ServiceRequest and Task identifiers). */
  workupItem: `${POEMS_FHIR_BASE}/sid/workup-item`,
  /** Catalog item keys, e.g. `serum_ife`. */
  itemCode: `${POEMS_FHIR_BASE}/CodeSystem/workup-item`,
  /** Our item statuses verbatim (Task.businessStatus). */
  itemStatus: `${POEMS_FHIR_BASE}/CodeSystem/workup-item-status`,
  /** The POEMS criteria keys, e.g. `vegf_elevation`. */
  criterion: `${POEMS_FHIR_BASE}/CodeSystem/poems-criterion`,
  /** The overall result of the criteria evaluation: criteria_met, incomplete, … (domain §5). */
  overall: `${POEMS_FHIR_BASE}/CodeSystem/poems-overall`,
  /** A criterion's status: met | pending | indeterminate | not_met. */
  criterionStatus: `${POEMS_FHIR_BASE}/CodeSystem/criterion-status`,
  /** The evaluation Observation's code and its component codes (protocol and rules versions). */
  evaluation: `${POEMS_FHIR_BASE}/CodeSystem/poems-evaluation`,
  /** Review flags of the evaluation, e.g. `kappa_clone_review`. */
  evaluationFlag: `${POEMS_FHIR_BASE}/CodeSystem/poems-evaluation-flag`,
  /** present | absent | indeterminate. */
  findingValue: `${POEMS_FHIR_BASE}/CodeSystem/finding-value`,
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  interpretation:
    'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  observationCategory:
    'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification:
    'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  diagnosticServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  specimenType: 'http://terminology.hl7.org/CodeSystem/v2-0487',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  planDefinitionType:
    'http://terminology.hl7.org/CodeSystem/plan-definition-type',
} as const;

/** Canonical base of the protocols' PlanDefinitions; the version follows `|`. */
export const PLAN_DEFINITION_BASE = `${POEMS_FHIR_BASE}/PlanDefinition`;

/**
 * How an item's status maps to its Task and ServiceRequest (FHIR R4 value sets `task-status` and
 * `request-status`). Our status is also kept verbatim in `Task.businessStatus`.
 *
 * | item status     | Task.status   | ServiceRequest.status | why                                              |
 * |-----------------|---------------|-----------------------|--------------------------------------------------|
 * | `planned`       | `draft`       | `draft`               | on the checklist, not yet ordered                |
 * | `ordered`       | `requested`   | `active`              | ordered, waiting for a performer to take it on   |
 * | `scheduled`     | `accepted`    | `active`              | a performer has a date for it, not yet started   |
 * | `performed`     | `in-progress` | `active`              | done at the bedside or lab, result still awaited |
 * | `resulted`      | `completed`   | `completed`           | result recorded (review pending: businessStatus) |
 * | `reviewed`      | `completed`   | `completed`           | result signed off by a hematologist              |
 * | `cancelled`     | `cancelled`   | `revoked`             | called off; the reason is in Task.statusReason   |
 * | `not_indicated` | `cancelled`   | `revoked`             | judged unnecessary; reason in Task.statusReason  |
 */
export const ITEM_STATUS_MAPPING: Readonly<
  Record<
    ItemStatus,
    {
      readonly task: Task['status'];
      readonly serviceRequest: ServiceRequest['status'];
    }
  >
> = {
  planned: { task: 'draft', serviceRequest: 'draft' },
  ordered: { task: 'requested', serviceRequest: 'active' },
  scheduled: { task: 'accepted', serviceRequest: 'active' },
  performed: { task: 'in-progress', serviceRequest: 'active' },
  resulted: { task: 'completed', serviceRequest: 'completed' },
  reviewed: { task: 'completed', serviceRequest: 'completed' },
  cancelled: { task: 'cancelled', serviceRequest: 'revoked' },
  not_indicated: { task: 'cancelled', serviceRequest: 'revoked' },
};

/**
 * CarePlan.status of a workup: `active` while open; once closed, `completed` when every active
 * item was closed, else `revoked` (stopped before completion).
 */
export function carePlanStatus(
  status: 'open' | 'closed',
  everyItemClosed: boolean,
): CarePlan['status'] {
  if (status === 'open') {
    return 'active';
  }
  return everyItemClosed ? 'completed' : 'revoked';
}

/** Our recorded sex is FHIR AdministrativeGender already. */
export const GENDER: Readonly<Record<Sex, NonNullable<Patient['gender']>>> = {
  female: 'female',
  male: 'male',
  other: 'other',
  unknown: 'unknown',
};

/** v3-ObservationInterpretation display names of the codes results carry. */
export const INTERPRETATION_DISPLAY: Readonly<Record<Interpretation, string>> =
  {
    L: 'Low',
    N: 'Normal',
    H: 'High',
  };

/** Observation category (observation-category) of an item's results. */
export const OBSERVATION_CATEGORY: Readonly<
  Record<ItemKind, { readonly code: string; readonly display: string }>
> = {
  lab: { code: 'laboratory', display: 'Laboratory' },
  imaging: { code: 'imaging', display: 'Imaging' },
  procedure: { code: 'procedure', display: 'Procedure' },
  study: { code: 'procedure', display: 'Procedure' },
  exam: { code: 'exam', display: 'Exam' },
};

/** Item kinds whose result is a read with free text: exported as a DiagnosticReport. */
export const REPORTED_KINDS: readonly ItemKind[] = [
  'imaging',
  'procedure',
  'study',
];

/**
 * DiagnosticReport.category (HL7 v2 table 0074, diagnostic service section) of the reads: imaging
 * by radiology, biopsies by surgical pathology (the catalog bills them as CPT 88305), and each
 * study by its own section.
 */
export function diagnosticServiceSection(
  kind: ItemKind,
  itemKey: string,
): { readonly code: string; readonly display: string } {
  const byKey: Readonly<
    Record<string, { readonly code: string; readonly display: string }>
  > = {
    emg_ncs: { code: 'EN', display: 'Electroneuro (EEG, EMG,EP,PSG)' },
    echocardiogram: { code: 'CUS', display: 'Cardiac Ultrasound' },
    pft: { code: 'PF', display: 'Pulmonary Function' },
  };
  const found = byKey[itemKey];
  if (found !== undefined) {
    return found;
  }
  switch (kind) {
    case 'imaging':
      return { code: 'RAD', display: 'Radiology' };
    case 'procedure':
      return { code: 'SP', display: 'Surgical Pathology' };
    case 'lab':
    case 'study':
    case 'exam':
      return { code: 'OTH', display: 'Other' };
  }
}

/** VEGF specimens as HL7 v2 table 0487 specimen types. */
export const SPECIMEN_TYPE: Readonly<
  Record<Specimen, { readonly code: string; readonly display: string }>
> = {
  plasma: { code: 'PLAS', display: 'Plasma' },
  serum: { code: 'SER', display: 'Serum' },
};

/** Condition.verificationStatus codes the export uses. */
export type VerificationStatus = 'provisional' | 'confirmed';

/** Display names of the condition-ver-status codes the export uses. */
export const VERIFICATION_DISPLAY: Readonly<
  Record<VerificationStatus, string>
> = {
  provisional: 'Provisional',
  confirmed: 'Confirmed',
};

/** Display names of our finding values. */
export const FINDING_DISPLAY: Readonly<Record<FindingValue, string>> = {
  present: 'Present',
  absent: 'Absent',
  indeterminate: 'Indeterminate',
};

/** Statuses of results and reads once recorded: the laboratory's or reader's final word. */
export const RESULT_STATUS: {
  readonly observation: Observation['status'];
  readonly report: DiagnosticReport['status'];
} = { observation: 'final', report: 'final' };

/** Condition.clinicalStatus of a met workup (condition-clinical). */
export const CLINICAL_STATUS = { code: 'active', display: 'Active' } as const;
