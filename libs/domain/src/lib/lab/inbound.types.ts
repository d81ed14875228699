import type { ItemStatus } from '../workup/item-status';
import type { HeavyChain, LightChain, ResultInput } from '../workup/result';

/**
 * Result statuses (HL7 table 0085, OBR-25 / OBX-11; FHIR statuses map onto them): final, corrected,
 * held preliminary made final, preliminary (P, R, I, S), cannot be obtained, deleted, wrong patient.
 */
export const OBSERVATION_STATUSES = ['F', 'C', 'U', 'P', 'R', 'I', 'S', 'X', 'D', 'W'] as const;
/** Status of one observation. */
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

/**
 * Why an inbound result was not applied by itself (lab-interface reference §5), plus four this
 * product adds: `result_deleted` (status D), `value_not_numeric` (a numeric result that is not a
 * number, e.g. `<5`), `item_closed` (the item takes no result: cancelled, not indicated, not
 * active) and `result_invalid` (the `result` action refused it).
 */
export const INBOX_REASONS = [
  'unknown_patient',
  'demographic_mismatch',
  'no_open_workup',
  'unknown_code',
  'unit_mismatch',
  'specimen_missing',
  'coded_value_unmapped',
  'already_resulted',
  'correction_without_original',
  'status_P',
  'lab_cancelled',
  'wrong_patient',
  'result_deleted',
  'value_not_numeric',
  'item_closed',
  'result_invalid',
] as const;
/** Why an inbound result waits in the inbox. */
export type InboxReason = (typeof INBOX_REASONS)[number];

/** Reasons a hematologist must see first: a result may sit on the wrong patient's workup. */
export const TOP_PRIORITY_REASONS: readonly InboxReason[] = ['wrong_patient', 'result_deleted'];

/** The inbox priority of a reason: 0 first. */
export const inboxPriority = (reason: InboxReason): number => (TOP_PRIORITY_REASONS.includes(reason) ? 0 : 1);

/** A code as sent: HL7 CWE triplet or FHIR Coding. `system` is `LN` or `http://loinc.org` for LOINC. */
export interface Coding {
  readonly code: string;
  readonly display?: string;
  readonly system?: string;
}

/** The value of an observation as decoded, before any mapping. */
export type ObservationValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'coded'; readonly coding: Coding }
  | { readonly kind: 'text'; readonly text: string }
  /** A numeric result that is no number: SN (`<^5`), `>1000`, `see note`. */
  | { readonly kind: 'unreadable'; readonly text: string }
  | { readonly kind: 'none' };

/** One observation (OBX, or a FHIR Observation), decoded. */
export interface DecodedObservation {
  /** OBX-1, or the position in the report. */
  readonly setId: string;
  /** HL7 value type (NM, CWE, FT…); FHIR values are given the matching one. */
  readonly valueType: string;
  /** Every code the observation carries (OBX-3 and its alternate triplet). */
  readonly codes: readonly Coding[];
  /** OBX-4: tells apart observations with the same code (IFE coded answer and narrative). */
  readonly subId: string;
  readonly value: ObservationValue;
  /** Unit as sent. */
  readonly unit?: string;
  /** The sender says the unit is UCUM (OBX-6.3 `UCUM`, FHIR `http://unitsofmeasure.org`). */
  readonly unitIsUcum: boolean;
  /** Reference range as sent (OBX-7). */
  readonly range?: string;
  readonly low?: number;
  readonly high?: number;
  /** Abnormal flags (OBX-8 / FHIR interpretation codes). */
  readonly flags: readonly string[];
  /** OBX-11; undefined: the order's status applies. */
  readonly status?: ObservationStatus;
  /** OBX-14, ISO 8601 with offset. */
  readonly observedAt?: string;
  /** NTE comments after the observation. */
  readonly notes: readonly string[];
  /** The FHIR resource's identifier, when it came as FHIR. */
  readonly identifier?: string;
}

/** What the specimen of an order was, as far as the rules care. */
export type DecodedSpecimen = 'plasma' | 'serum' | 'blood' | 'other';

/** One order (OBR, or a FHIR DiagnosticReport) with its observations. */
export interface DecodedOrder {
  readonly placerOrder?: string;
  /** OBR-3, `id^authority`: with OBX-3 and OBX-4 it identifies a result for corrections. */
  readonly fillerOrder?: string;
  readonly service?: Coding;
  /** OBR-7, ISO 8601 with offset: becomes the result's `performedAt`. */
  readonly collectedAt?: string;
  /** OBR-22. */
  readonly resultedAt?: string;
  /** OBR-25. */
  readonly status?: ObservationStatus;
  readonly specimen?: DecodedSpecimen;
  readonly observations: readonly DecodedObservation[];
}

/** A patient identifier (PID-3 repetition, FHIR identifier). */
export interface PatientIdentifier {
  readonly value: string;
  /** Identifier type code (PID-3.5), e.g. `MR`. */
  readonly type?: string;
  /** The assigning authority's names: namespace id, universal id (OID), or a FHIR system URI. */
  readonly authority: readonly string[];
}

/** The patient as the laboratory names them. */
export interface DecodedPatient {
  readonly identifiers: readonly PatientIdentifier[];
  readonly familyName?: string;
  readonly givenName?: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate?: string;
  readonly sex?: string;
}

/** A laboratory report: one message or one FHIR transaction. */
export interface DecodedReport {
  readonly patient: DecodedPatient;
  readonly orders: readonly DecodedOrder[];
}

/** Per-interface mapping: local codes and immunofixation answers. */
export interface InterfaceMapping {
  /** `system|code` (or `code` for any system) of a local observation code → LOINC. */
  readonly localCodes?: Readonly<Record<string, string>>;
  /** Coded immunofixation answers of this laboratory, checked before the default map. */
  readonly codedAnswers?: readonly CodedAnswer[];
}

/** What a coded immunofixation answer means. */
export interface CodedAnswer {
  /** Coding system as sent (e.g. `99CLAB`); absent: any system. */
  readonly system?: string;
  readonly code: string;
  readonly heavyChain: HeavyChain;
  /** Absent with `heavyChain: 'none'`: no monoclonal protein. */
  readonly lightChain?: LightChain;
}

/** Where an item's current result came from. */
export type ResultSource =
  | { readonly kind: 'typed' }
  | {
      readonly kind: 'interface';
      readonly interfaceId: string;
      readonly interfaceName: string;
      readonly messageId: string;
      readonly controlId: string;
      readonly fillerOrder?: string;
    }
  | {
      readonly kind: 'inbox';
      readonly entryId: string;
      readonly messageId: string;
      readonly controlId: string;
      readonly interfaceName: string;
    };

/** What the planner needs to know of a workup item. */
export interface ItemState {
  readonly key: string;
  readonly status: ItemStatus;
  readonly active: boolean;
  readonly required: boolean;
  readonly result: ResultInput | null;
  readonly source: ResultSource | null;
}

/** A result applied earlier from this interface (the correction key and where it went). */
export interface EarlierResult {
  readonly fillerOrder: string;
  readonly loinc: string;
  readonly subId: string;
  readonly itemKey: string;
}

/** A result to apply through the `result` action. */
export interface ItemApplication {
  readonly itemKey: string;
  readonly result: ResultInput;
  readonly performedAt?: string;
  /** The laboratory corrected an earlier result (C). */
  readonly correction: boolean;
  /** Merged into the item's current result (endocrine panel, corrections). */
  readonly merged: boolean;
  readonly fillerOrder?: string;
  /** The observations applied, with their correction keys. */
  readonly observations: readonly DecodedObservation[];
  readonly loincs: readonly { readonly loinc: string; readonly subId: string }[];
}

/** An inbox entry to raise: why, and what a hematologist could apply. */
export interface InboxProposal {
  readonly reason: InboxReason;
  readonly priority: number;
  /** Why, for a person, without patient data. */
  readonly detail: string;
  readonly fillerOrder?: string;
  readonly itemKey?: string;
  /** The decoded values, ready to prefill the `result` action. */
  readonly result?: ResultInput;
  readonly performedAt?: string;
  readonly observations: readonly DecodedObservation[];
}

/** Every effect of one report: what to apply, and what goes to the inbox. */
export interface InboundPlan {
  readonly applications: readonly ItemApplication[];
  readonly inbox: readonly InboxProposal[];
}
