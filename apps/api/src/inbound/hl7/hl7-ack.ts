import { randomBytes } from 'node:crypto';
import { escapeHl7, STANDARD_DELIMITERS } from './hl7-escape';
import { hl7Now } from './hl7-time';

/** MSA-1 acknowledgment codes (original mode). */
export type AckCode = 'AA' | 'AE' | 'AR';

/** HL7 table 0357 message error codes the listener answers with. */
export const HL7_ERROR_TEXT = {
  100: 'Segment sequence error',
  101: 'Required field missing',
  103: 'Table value not found',
  200: 'Unsupported message type',
  202: 'Unsupported processing id',
  203: 'Unsupported version id',
  204: 'Unknown key identifier',
  205: 'Duplicate key identifier',
  207: 'Application internal error',
} as const;

/** A code of table 0357. */
export type Hl7ErrorCode = keyof typeof HL7_ERROR_TEXT;

/** One ERR segment: where, what, how severe, and a line for a person. */
export interface AckError {
  readonly code: Hl7ErrorCode;
  /** ERL, e.g. `MSH^1^4`, `PID^1^3`, `OBX^2^3`. */
  readonly location: string;
  readonly severity: 'E' | 'W';
  readonly text: string;
}

/** What an ACK answers: the header fields it mirrors (all optional: an unparseable frame has none). */
export interface AckTarget {
  readonly sendingApplication?: string;
  readonly sendingFacility?: string;
  readonly receivingApplication?: string;
  readonly receivingFacility?: string;
  readonly controlId?: string;
  readonly processingId?: string;
  readonly version?: string;
}

/** A new ACK control id: unique, at most 20 characters (MSH-10), never a timestamp alone. */
export function newAckControlId(): string {
  return `ACK${randomBytes(12).toString('base64url')}`;
}

/**
 * An original-mode ACK (`ACK^R01^ACK`) with MSA and ERR as the lab-interface reference §1.4 says.
 * MSH-7, MSH-10 and MSH-11 are set here, never by @medplum's buildAck (§7.3: Date.now() as control
 * id, `P` even for `T`, no offset). Every value is escaped.
 */
export function buildAck(
  target: AckTarget,
  code: AckCode,
  errors: readonly AckError[],
  now: Date,
  ackControlId: string = newAckControlId(),
): string {
  const e = (value: string | undefined): string =>
    escapeHl7(value ?? '', STANDARD_DELIMITERS);
  const msh = [
    'MSH',
    '^~\\&',
    e(target.receivingApplication || 'POEMS'),
    e(target.receivingFacility || 'HEME'),
    e(target.sendingApplication),
    e(target.sendingFacility),
    hl7Now(now),
    '',
    'ACK^R01^ACK',
    ackControlId.slice(0, 20),
    target.processingId === 'T' ? 'T' : 'P',
    e(target.version || '2.5.1'),
  ].join('|');
  const msa = ['MSA', code, e(target.controlId)].join('|');
  const err = errors.map((error) =>
    [
      'ERR',
      '',
      error.location,
      `${error.code}^${HL7_ERROR_TEXT[error.code]}^HL70357`,
      error.severity,
      '',
      '',
      '',
      e(error.text),
    ].join('|'),
  );
  return [msh, msa, ...err].join('\r');
}
