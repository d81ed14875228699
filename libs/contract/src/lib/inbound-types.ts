/**
 * The HTTP contract of inbound laboratory results: laboratory interfaces and their API keys
 * (admins), and the review inbox (hematologists, coordinators for unknown patients, auditors).
 */
import type {
  CodedAnswer,
  DecodedObservation,
  InboxReason,
  ResultInput,
} from '@poems/domain';

/** An API key as listed: never the key itself, which is shown once when created. */
export interface ApiKeyView {
  readonly id: string;
  /** The first characters of the key, to tell keys apart. */
  readonly prefix: string;
  readonly createdAt: string;
  /** Set when a newer key replaced it: it keeps working until then (rotation with overlap). */
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

/** `POST /api/interfaces/:id/keys`: the new key, shown this once. */
export interface CreatedApiKey extends ApiKeyView {
  readonly key: string;
}

/** A laboratory interface as admins manage it. */
export interface LabInterfaceView {
  readonly id: string;
  readonly name: string;
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  /** The service identity's user name (`interface:<name>`), the actor in the audit log. */
  readonly username: string;
  readonly enabled: boolean;
  readonly timeZone: string | null;
  readonly tlsSubject: string | null;
  readonly mapping: {
    readonly localCodes?: Readonly<Record<string, string>>;
    readonly codedAnswers?: readonly CodedAnswer[];
  };
  readonly keys: readonly ApiKeyView[];
  readonly version: number;
}

/** `POST /api/interfaces`. */
export interface CreateInterfaceRequest {
  readonly name: string;
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  readonly timeZone?: string;
  readonly tlsSubject?: string;
  readonly mapping?: LabInterfaceView['mapping'];
}

/** `PATCH /api/interfaces/:id`. */
export interface UpdateInterfaceRequest {
  readonly version: number;
  readonly enabled?: boolean;
  readonly timeZone?: string | null;
  readonly tlsSubject?: string | null;
  readonly mapping?: LabInterfaceView['mapping'];
}

/** `POST /api/interfaces/:id/keys`: older current keys keep working this many hours (0: revoke now). */
export interface CreateApiKeyRequest {
  readonly overlapHours?: number;
}

/** What the inbox proposes to apply. */
export interface InboxProposalView {
  readonly itemKey?: string;
  readonly result?: ResultInput;
  readonly performedAt?: string;
  /** For wrong-patient and deleted results: the item the earlier result was applied to. */
  readonly relatedItemKey?: string;
}

/** The patient as the laboratory named them. */
export interface SentPatientView {
  readonly mrn: string | null;
  readonly familyName: string | null;
  readonly givenName: string | null;
  readonly birthDate: string | null;
  readonly sex: string | null;
}

/** The statuses of an inbox entry. */
export const INBOX_STATUSES = ['open', 'applied', 'dismissed'] as const;
/** Status of an inbox entry. */
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** One entry of the review inbox. */
export interface InboxEntryView {
  readonly id: string;
  readonly reason: InboxReason;
  /** 0 first (wrong patient, deleted), then 1. */
  readonly priority: number;
  readonly status: InboxStatus;
  /** Why, in words. */
  readonly detail: string;
  readonly interfaceName: string;
  readonly messageId: string;
  readonly controlId: string;
  readonly protocol: 'hl7v2' | 'fhir';
  readonly receivedAt: string;
  readonly fillerOrder: string | null;
  readonly itemKey: string | null;
  /** The registered patient the report was matched to, if any. */
  readonly patientId: string | null;
  readonly workupId: string | null;
  readonly sentPatient: SentPatientView;
  readonly proposal: InboxProposalView;
  readonly observations: readonly DecodedObservation[];
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly decisionReason: string | null;
  readonly appliedWorkupId: string | null;
  readonly appliedItemKey: string | null;
  readonly version: number;
}

/** `POST /api/inbox/:id/apply`: the normal `result` action on the chosen patient's open workup. */
export interface ApplyInboxRequest {
  readonly patientId: string;
  readonly itemKey: string;
  readonly result: ResultInput;
  readonly performedAt?: string;
  /** The item's current `version`, as for the `result` action. */
  readonly version: number;
}

/** `POST /api/inbox/:id/dismiss`. */
export interface DismissInboxRequest {
  readonly reason: string;
  /** The entry's current `version`. */
  readonly version: number;
}

/** `GET /api/inbox/count`: the navigation badge. */
export interface InboxCount {
  readonly open: number;
}
