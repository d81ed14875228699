import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  DiagnosticReport,
  Observation,
  Reference,
  Resource,
  Specimen,
} from '@medplum/fhirtypes';
import {
  DomainError,
  specimenOfCodes,
  type Coding,
  type DecodedObservation,
  type DecodedOrder,
  type DecodedPatient,
  type DecodedReport,
  type ObservationStatus,
} from '@poems/domain';

const UCUM = 'http://unitsofmeasure.org';

/** FHIR result statuses as HL7 v2 result statuses (lab-interface reference §3). */
const STATUS: Readonly<Record<string, ObservationStatus>> = {
  final: 'F',
  corrected: 'C',
  amended: 'C',
  preliminary: 'P',
  registered: 'P',
  partial: 'P',
  cancelled: 'X',
  'entered-in-error': 'W',
};

/** What was submitted: the report, and which entry each observation is. */
export interface FhirSubmission {
  readonly report: DecodedReport;
  /** Entry index → the set id its observation got (Observation entries only). */
  readonly observationEntries: ReadonlyMap<number, string>;
  /** The status of the submission's first report or observation: part of its dedupe key. */
  readonly status: ObservationStatus;
}

const statusOf = (status: string | undefined): ObservationStatus =>
  STATUS[status ?? ''] ?? 'P';

function codingsOf(concept: CodeableConcept | undefined): Coding[] {
  return (concept?.coding ?? [])
    .filter((c) => typeof c.code === 'string' && c.code !== '')
    .map((c) => ({
      code: c.code as string,
      ...(c.display && { display: c.display }),
      ...(c.system && { system: c.system }),
    }));
}

const identifierOf = (resource: {
  identifier?: { system?: string; value?: string }[];
}): string | undefined => resource.identifier?.find((i) => i.value)?.value;

/** The patient a resource's subject names by identifier (never by reference: we hold no Patient). */
function patientOf(subject: Reference | undefined): DecodedPatient | undefined {
  const id = subject?.identifier;
  if (id?.value === undefined || id.value === '') {
    return undefined;
  }
  const system = id.system ?? '';
  return {
    identifiers: [
      {
        value: id.value,
        type: 'MR',
        authority: [system, system.replace(/^urn:oid:/, '')].filter(
          (a) => a !== '',
        ),
      },
    ],
  };
}

/**
 * A transaction, batch or collection Bundle of DiagnosticReport, Observation and Specimen, or a
 * single Observation, as the domain's report. Observations a DiagnosticReport lists form its order
 * (its identifier is the filler order, the correction key); others are orders of their own.
 * @throws DomainError `unprocessable` when the business rules are not met (one patient, by identifier).
 */
export function reportOfFhir(
  resources: readonly {
    readonly fullUrl?: string;
    readonly resource: Resource;
  }[],
): FhirSubmission {
  const byUrl = new Map<string, Resource>();
  for (const { fullUrl, resource } of resources) {
    if (fullUrl) {
      byUrl.set(fullUrl, resource);
    }
    if (resource.id) {
      byUrl.set(`${resource.resourceType}/${resource.id}`, resource);
    }
  }
  const subjects = resources
    .map(({ resource }) =>
      'subject' in resource
        ? patientOf((resource as Observation).subject)
        : undefined,
    )
    .filter((p): p is DecodedPatient => p !== undefined);
  const keys = new Set(subjects.map((p) => JSON.stringify(p.identifiers)));
  if (subjects.length === 0) {
    throw new DomainError(
      'unprocessable',
      'The subject must be named by an identifier (the MRN).',
    );
  }
  if (keys.size > 1) {
    throw new DomainError(
      'unprocessable',
      'One submission carries the results of one patient.',
    );
  }
  const observationEntries = new Map<number, string>();
  const claimed = new Set<number>();
  const orders: DecodedOrder[] = [];
  const indexOf = new Map(resources.map(({ resource }, i) => [resource, i]));

  const specimenFor = (
    owner: Resource,
    references: readonly (Reference | undefined)[],
  ): DecodedOrder['specimen'] => {
    const codes: string[] = [];
    for (const reference of references) {
      const ref = reference?.reference;
      if (!ref) {
        continue;
      }
      const contained = ref.startsWith('#')
        ? ((owner as { contained?: Resource[] }).contained ?? []).find(
            (r) => r.id === ref.slice(1),
          )
        : byUrl.get(ref);
      if (contained?.resourceType === 'Specimen') {
        codes.push(
          ...codingsOf((contained as Specimen).type).map((c) => c.code),
        );
      }
    }
    return specimenOfCodes(codes);
  };

  const observationOf = (
    observation: Observation,
    index: number,
  ): DecodedObservation => {
    const setId = String(index + 1);
    observationEntries.set(index, setId);
    claimed.add(index);
    const range = observation.referenceRange?.[0];
    const q = observation.valueQuantity;
    const coded = codingsOf(observation.valueCodeableConcept)[0];
    const value: DecodedObservation['value'] =
      q?.value !== undefined
        ? { kind: 'number', value: q.value }
        : coded
          ? { kind: 'coded', coding: coded }
          : observation.valueString !== undefined
            ? { kind: 'text', text: observation.valueString }
            : { kind: 'none' };
    const unit = q?.code ?? q?.unit;
    const identifier = identifierOf(observation);
    return {
      setId,
      valueType:
        value.kind === 'number' ? 'NM' : value.kind === 'coded' ? 'CWE' : 'ST',
      codes: codingsOf(observation.code),
      subId: '',
      value,
      unitIsUcum: q?.system === UCUM && q.code !== undefined,
      flags: (observation.interpretation ?? []).flatMap((i) =>
        codingsOf(i).map((c) => c.code),
      ),
      notes: (observation.note ?? [])
        .map((n) => n.text)
        .filter((t): t is string => typeof t === 'string' && t !== ''),
      status: statusOf(observation.status),
      ...(unit !== undefined && { unit }),
      ...(range?.text !== undefined && { range: range.text }),
      ...(range?.low?.value !== undefined && { low: range.low.value }),
      ...(range?.high?.value !== undefined && { high: range.high.value }),
      ...(observation.effectiveDateTime !== undefined && {
        observedAt: observation.effectiveDateTime,
      }),
      ...(identifier !== undefined && { identifier }),
    };
  };

  let firstStatus: ObservationStatus | undefined;
  for (const { resource } of resources) {
    if (resource.resourceType !== 'DiagnosticReport') {
      continue;
    }
    const report = resource as DiagnosticReport;
    const observations = (report.result ?? [])
      .map((ref) => byUrl.get(ref.reference ?? ''))
      .filter((r): r is Observation => r?.resourceType === 'Observation');
    const decoded = observations.map((o) =>
      observationOf(o, indexOf.get(o) ?? 0),
    );
    const specimen = specimenFor(report, [
      ...(report.specimen ?? []),
      ...observations.map((o) => o.specimen),
    ]);
    const filler = identifierOf(report);
    firstStatus ??= statusOf(report.status);
    orders.push({
      observations: decoded,
      status: statusOf(report.status),
      ...(filler !== undefined && { fillerOrder: filler }),
      ...(codingsOf(report.code)[0] !== undefined && {
        service: codingsOf(report.code)[0],
      }),
      ...(report.effectiveDateTime !== undefined && {
        collectedAt: report.effectiveDateTime,
      }),
      ...(report.issued !== undefined && { resultedAt: report.issued }),
      ...(specimen !== undefined && { specimen }),
    });
  }
  resources.forEach(({ resource }, index) => {
    if (resource.resourceType !== 'Observation' || claimed.has(index)) {
      return;
    }
    const observation = resource as Observation;
    const decoded = observationOf(observation, index);
    const specimen = specimenFor(observation, [observation.specimen]);
    const filler = identifierOf(observation);
    firstStatus ??= statusOf(observation.status);
    orders.push({
      observations: [decoded],
      status: statusOf(observation.status),
      ...(filler !== undefined && { fillerOrder: filler }),
      ...(observation.effectiveDateTime !== undefined && {
        collectedAt: observation.effectiveDateTime,
      }),
      ...(specimen !== undefined && { specimen }),
    });
  });
  if (orders.length === 0) {
    throw new DomainError(
      'unprocessable',
      'The submission holds no Observation.',
    );
  }
  return {
    report: { patient: subjects[0] as DecodedPatient, orders },
    observationEntries,
    status: firstStatus ?? 'F',
  };
}

/** The resources of a Bundle, with their fullUrl. */
export function entriesOf(
  bundle: Bundle,
): { fullUrl?: string; resource: Resource; entry: BundleEntry }[] {
  return (bundle.entry ?? []).map((entry) => ({
    ...(entry.fullUrl !== undefined && { fullUrl: entry.fullUrl }),
    resource: entry.resource as Resource,
    entry,
  }));
}
