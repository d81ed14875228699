import type { Hl7Message, Hl7Segment } from '@medplum/core';
import {
  OBSERVATION_STATUSES,
  parseRange,
  specimenOfCodes,
  type Coding,
  type DecodedObservation,
  type DecodedOrder,
  type DecodedReport,
  type ObservationStatus,
  type ObservationValue,
  type PatientIdentifier,
} from '@poems/domain';
import type { AckCode, AckError, Hl7ErrorCode } from './hl7-ack';
import { unescapeHl7, type Hl7Delimiters } from './hl7-escape';
import { delimitersOf, fieldOf } from './hl7-message';
import { parseHl7Date, parseHl7Time } from './hl7-time';

/** The header fields the listener checks and mirrors (MSH), unescaped. */
export interface Hl7Header {
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  readonly receivingApplication: string;
  readonly receivingFacility: string;
  readonly sentAt: string;
  readonly messageType: string;
  readonly triggerEvent: string;
  readonly structure: string;
  readonly controlId: string;
  readonly processingId: string;
  readonly version: string;
  readonly charset: string;
}

/** A message the listener refuses, with the ACK that says why (lab-interface reference §1.4). */
export class Hl7Refusal extends Error {
  constructor(
    readonly ackCode: Exclude<AckCode, 'AA'>,
    readonly error: AckError,
  ) {
    super(error.text);
    this.name = 'Hl7Refusal';
  }

  static of(
    ackCode: Exclude<AckCode, 'AA'>,
    code: Hl7ErrorCode,
    location: string,
    text: string,
  ): Hl7Refusal {
    return new Hl7Refusal(ackCode, { code, location, severity: 'E', text });
  }
}

/** Reads one message: unescaped component access over the library's raw parse. */
class Reader {
  readonly delimiters: Hl7Delimiters;

  constructor(readonly message: Hl7Message) {
    this.delimiters = delimitersOf(message);
  }

  /** Every repetition of a field, each as its unescaped components. */
  reps(
    segment: Hl7Segment | undefined,
    field: number,
    formatted = false,
  ): string[][] {
    return fieldOf(segment, field).map((rep) =>
      rep.map((c) => unescapeHl7(c, this.delimiters, formatted)),
    );
  }

  /** One component (1-based) of a field's first repetition, unescaped. */
  get(segment: Hl7Segment | undefined, field: number, component = 1): string {
    return unescapeHl7(
      fieldOf(segment, field)[0]?.[component - 1] ?? '',
      this.delimiters,
    );
  }

  /** The subcomponents of one component, each unescaped (split first, then unescaped). */
  subs(
    segment: Hl7Segment | undefined,
    field: number,
    component: number,
    repetition = 0,
  ): string[] {
    const raw = fieldOf(segment, field)[repetition]?.[component - 1] ?? '';
    return raw
      .split(this.delimiters.subcomponent)
      .map((s) => unescapeHl7(s, this.delimiters));
  }
}

/** MSH, unescaped. */
export function headerOf(message: Hl7Message): Hl7Header {
  const r = new Reader(message);
  const msh = message.getSegment('MSH');
  return {
    sendingApplication: r.get(msh, 3),
    sendingFacility: r.get(msh, 4),
    receivingApplication: r.get(msh, 5),
    receivingFacility: r.get(msh, 6),
    sentAt: r.get(msh, 7),
    messageType: r.get(msh, 9, 1),
    triggerEvent: r.get(msh, 9, 2),
    structure: r.get(msh, 9, 3),
    controlId: r.get(msh, 10),
    processingId: r.get(msh, 11),
    version: r.get(msh, 12),
    charset: r.get(msh, 18),
  };
}

const isStatus = (value: string): value is ObservationStatus =>
  (OBSERVATION_STATUSES as readonly string[]).includes(value);
const statusOf = (value: string): ObservationStatus | undefined => {
  const status = value.trim().toUpperCase();
  return isStatus(status) ? status : undefined;
};

const HL7_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const CODED_TYPES = new Set(['CWE', 'CE', 'CNE', 'CF']);
const FORMATTED_TYPES = new Set(['FT']);
const TEXT_TYPES = new Set(['ST', 'TX', 'FT']);

function codingsOf(components: readonly string[]): Coding[] {
  const codings: Coding[] = [];
  for (const offset of [0, 3]) {
    const code = components[offset]?.trim() ?? '';
    if (code !== '') {
      const display = components[offset + 1]?.trim();
      const system = components[offset + 2]?.trim();
      codings.push({
        code,
        ...(display && { display }),
        ...(system && { system }),
      });
    }
  }
  return codings;
}

function valueOf(
  r: Reader,
  obx: Hl7Segment,
  valueType: string,
): ObservationValue {
  const formatted = FORMATTED_TYPES.has(valueType);
  const reps = r.reps(obx, 5, formatted);
  if (reps.length === 0 || reps.every((rep) => rep.every((c) => c === ''))) {
    return { kind: 'none' };
  }
  if (valueType === 'NM') {
    const text = reps[0]?.[0]?.trim() ?? '';
    const value = Number(text);
    return HL7_NUMBER.test(text) && Number.isFinite(value)
      ? { kind: 'number', value }
      : { kind: 'unreadable', text };
  }
  if (CODED_TYPES.has(valueType)) {
    const [coding] = codingsOf(reps[0] ?? []);
    return coding ? { kind: 'coded', coding } : { kind: 'none' };
  }
  if (valueType === 'SN') {
    return { kind: 'unreadable', text: (reps[0] ?? []).join('') };
  }
  // ST, TX, FT and anything else: text; `~` repetitions are lines.
  const text = reps
    .map((rep) =>
      rep.join(TEXT_TYPES.has(valueType) ? r.delimiters.component : ' '),
    )
    .join('\n');
  return { kind: 'text', text };
}

/**
 * The report an ORU^R01 carries (lab-interface reference §1.2), in the protocol-neutral shape the
 * domain plans with. Times without an offset are read in `timeZone`.
 * @throws Hl7Refusal AE 101 when a structurally required field is missing (PID-3, OBR, OBX-3).
 */
export function reportOf(message: Hl7Message, timeZone: string): DecodedReport {
  const r = new Reader(message);
  const pid = message.getSegment('PID');
  const identifiers: PatientIdentifier[] = r
    .reps(pid, 3)
    .map((rep, i) => ({ rep, i }))
    .filter(({ rep }) => (rep[0] ?? '').trim() !== '')
    .map(({ rep, i }) => ({
      value: (rep[0] ?? '').trim(),
      ...(rep[4] && { type: rep[4].trim() }),
      authority: r
        .subs(pid, 3, 4, i)
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    }));
  if (pid === undefined || identifiers.length === 0) {
    throw Hl7Refusal.of(
      'AE',
      101,
      'PID^1^3',
      'PID-3 (patient identifier list) is required.',
    );
  }
  const familyName = r.subs(pid, 5, 1)[0]?.trim();
  const givenName = r.get(pid, 5, 2).trim();
  const birthDate = parseHl7Date(r.get(pid, 7));
  const sex = r.get(pid, 8).trim();

  const orders: DecodedOrder[] = [];
  let current:
    | {
        segment: Hl7Segment;
        observations: DecodedObservation[];
        specimenCodes: string[];
      }
    | undefined;
  let lastObservation: DecodedObservation | undefined;
  const flush = (): void => {
    if (current === undefined) {
      return;
    }
    const obr = current.segment;
    const filler = r.reps(obr, 3)[0] ?? [];
    const placer = r.reps(obr, 2)[0] ?? [];
    const service = codingsOf(r.reps(obr, 4)[0] ?? [])[0];
    const specimen = specimenOfCodes([
      ...current.specimenCodes,
      r.subs(obr, 15, 1)[0] ?? '',
    ]);
    const collectedAt = parseHl7Time(r.get(obr, 7), timeZone);
    const resultedAt = parseHl7Time(r.get(obr, 22), timeZone);
    const status = statusOf(r.get(obr, 25));
    const join = (ei: readonly string[]): string | undefined => {
      const parts = ei.slice(0, 2).map((p) => p.trim());
      return parts[0] ? parts.filter((p) => p !== '').join('^') : undefined;
    };
    const fillerOrder = join(filler);
    const placerOrder = join(placer);
    orders.push({
      observations: current.observations,
      ...(fillerOrder !== undefined && { fillerOrder }),
      ...(placerOrder !== undefined && { placerOrder }),
      ...(service !== undefined && { service }),
      ...(specimen !== undefined && { specimen }),
      ...(collectedAt !== undefined && { collectedAt }),
      ...(resultedAt !== undefined && { resultedAt }),
      ...(status !== undefined && { status }),
    });
    current = undefined;
  };

  for (const segment of message.segments) {
    switch (segment.name) {
      case 'OBR':
        flush();
        current = { segment, observations: [], specimenCodes: [] };
        lastObservation = undefined;
        break;
      case 'OBX': {
        const index = (current?.observations.length ?? 0) + 1;
        const setId = r.get(segment, 1).trim() || String(index);
        const codes = codingsOf(r.reps(segment, 3)[0] ?? []);
        if (current === undefined) {
          throw Hl7Refusal.of(
            'AE',
            101,
            'OBR^1',
            'An OBX segment came before any OBR.',
          );
        }
        if (codes.length === 0) {
          throw Hl7Refusal.of(
            'AE',
            101,
            `OBX^${setId}^3`,
            'OBX-3 (observation identifier) is required.',
          );
        }
        const valueType = r.get(segment, 2).trim().toUpperCase();
        const unitComponents = r.reps(segment, 6)[0] ?? [];
        const range = r.get(segment, 7).trim();
        const status = statusOf(r.get(segment, 11));
        const observedAt = parseHl7Time(r.get(segment, 14), timeZone);
        const unit = unitComponents[0]?.trim();
        const observation: DecodedObservation = {
          setId,
          valueType,
          codes,
          subId: r.get(segment, 4).trim(),
          value: valueOf(r, segment, valueType),
          unitIsUcum: (unitComponents[2] ?? '').trim().toUpperCase() === 'UCUM',
          flags: r
            .reps(segment, 8)
            .map((rep) => (rep[0] ?? '').trim())
            .filter((f) => f !== ''),
          notes: [],
          ...(unit !== undefined && unit !== '' && { unit }),
          ...(range !== '' && { range, ...parseRange(range) }),
          ...(status !== undefined && { status }),
          ...(observedAt !== undefined && { observedAt }),
        };
        current.observations.push(observation);
        lastObservation = observation;
        break;
      }
      case 'NTE':
        if (lastObservation !== undefined) {
          const text = r
            .reps(segment, 3, true)
            .map((rep) => rep.join(r.delimiters.component))
            .join('\n')
            .trim();
          if (text !== '') {
            (lastObservation.notes as string[]).push(text);
          }
        }
        break;
      case 'SPM':
        if (current !== undefined) {
          const type = r.reps(segment, 4)[0] ?? [];
          current.specimenCodes.push(type[0] ?? '', type[3] ?? '');
        }
        break;
      default:
        break;
    }
  }
  flush();
  if (orders.length === 0) {
    throw Hl7Refusal.of(
      'AE',
      101,
      'OBR^1',
      'An ORU^R01 needs at least one OBR.',
    );
  }
  return {
    patient: {
      identifiers,
      ...(familyName && { familyName }),
      ...(givenName !== '' && { givenName }),
      ...(birthDate !== undefined && { birthDate }),
      ...(sex !== '' && { sex }),
    },
    orders,
  };
}
