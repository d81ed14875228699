import type {
  Bundle,
  CarePlan,
  CodeableConcept,
  Coding,
  Condition,
  DiagnosticReport,
  Observation,
  ObservationComponent,
  Patient,
  PlanDefinition,
  Practitioner,
  Provenance,
  Quantity,
  Reference,
  Resource,
  ServiceRequest,
  Specimen,
  Task,
} from '@medplum/fhirtypes';
import {
  effectiveFindings,
  getCatalogItem,
  getProtocol,
  isClosed,
  isDone,
  type CatalogItem,
  type ProtocolDefinition,
  type QuantityValue,
  type ResultInput,
} from '@poems/domain';
import {
  type FollowupView,
  type PatientView,
  type WorkupItemView,
  type WorkupView,
} from '@poems/contract';
import {
  carePlanStatus,
  CLINICAL_STATUS,
  diagnosticServiceSection,
  FINDING_DISPLAY,
  GENDER,
  INTERPRETATION_DISPLAY,
  ITEM_STATUS_MAPPING,
  OBSERVATION_CATEGORY,
  PLAN_DEFINITION_BASE,
  REPORTED_KINDS,
  RESULT_STATUS,
  SPECIMEN_TYPE,
  SYSTEMS,
  VERIFICATION_DISPLAY,
  type VerificationStatus,
} from './fhir-codes';
import { followupResources } from './fhir-followup';
import { stableUuid, urnOf } from './fhir-ids';

/** What a FHIR export is made of: the patient and the workups to include. */
export interface FhirExportInput {
  readonly patient: PatientView;
  readonly workups: readonly WorkupView[];
  /** The follow-up after the diagnosis, when signed off (see {@link followupResources}). */
  readonly followup?: FollowupView | null;
  /** When the bundle was assembled (Bundle.timestamp). */
  readonly timestamp: string;
}

/** A resource with the id its `urn:uuid:` full URL is made of. */
type Identified<T extends Resource> = T & { readonly id: string };

const DECISION_SUPPORT =
  'Decision support: shows which published criteria (Dispenzieri, Mayo) the recorded results ' +
  'satisfy; a hematologist signs off.';

/**
 * A FHIR R4 `collection` Bundle of a patient's workups:
 *
 * - the Patient (MRN as identifier under our own system);
 * - per protocol version used, a PlanDefinition with one action per catalog item;
 * - per workup a CarePlan instantiating that PlanDefinition, and for each active item one
 *   ServiceRequest and one Task (status mapping in {@link ITEM_STATUS_MAPPING});
 * - per recorded result: an Observation per quantitative value (LOINC where the value has one,
 *   UCUM quantity, reference range, v3 interpretation, the VEGF specimen), an Observation of the
 *   structured findings, and a DiagnosticReport for imaging, biopsy and study reads;
 * - per workup an Observation of the criteria evaluation (see {@link evaluationObservation}): the
 *   overall result, each criterion's status, the flags, and the protocol and rules versions that
 *   produced it;
 * - a POEMS Condition only while the criteria are met: provisional until every establishing item
 *   behind the met criteria is reviewed, then confirmed; its evidence points at those results.
 *   A correction that retracts the verdict removes it from the next export.
 *
 * Every reference is a `urn:uuid:` full URL of an entry of the same bundle. Ids are stable: the
 * same data exports to the same ids.
 */
export function fhirBundle(input: FhirExportInput): Bundle {
  const patient = patientResource(input.patient);
  const protocols = new Map<string, ProtocolDefinition>();
  for (const workup of input.workups) {
    const protocol = getProtocol(workup.protocol.key, workup.protocol.version);
    protocols.set(canonicalOf(protocol), protocol);
  }
  const resources: Identified<Resource>[] = [
    patient,
    ...[...protocols.values()].map(planDefinition),
    ...input.workups.flatMap((workup) =>
      workupResources(
        workup,
        getProtocol(workup.protocol.key, workup.protocol.version),
        reference(patient),
      ),
    ),
    ...followupResources(input.followup ?? null, reference(patient)),
  ].filter(
    // A hematologist who signed off several workups is one Practitioner entry.
    (resource, index, all) =>
      resource.resourceType !== 'Practitioner' ||
      all.findIndex((r) => r.id === resource.id) === index,
  );
  return {
    resourceType: 'Bundle',
    id: stableUuid(
      `bundle/${input.patient.id}/${input.workups.map((w) => w.id).join(',')}/${input.timestamp}`,
    ),
    type: 'collection',
    timestamp: input.timestamp,
    entry: resources.map((resource) => ({
      fullUrl: urnOf(resource.id),
      resource,
    })),
  };
}

/** The canonical URL, with version, of a protocol version's PlanDefinition. */
export function canonicalOf(protocol: ProtocolDefinition): string {
  return `${PLAN_DEFINITION_BASE}/${protocol.key}|${protocol.version}`;
}

function reference<T extends Resource>(resource: Identified<T>): Reference<T> {
  return { reference: urnOf(resource.id) };
}

function patientResource(patient: PatientView): Identified<Patient> {
  return {
    resourceType: 'Patient',
    id: patient.id,
    identifier: [
      {
        use: 'usual',
        type: {
          coding: [
            {
              system: SYSTEMS.identifierType,
              code: 'MR',
              display: 'Medical record number',
            },
          ],
        },
        system: SYSTEMS.mrn,
        value: patient.mrn,
      },
    ],
    name: [
      {
        use: 'official',
        family: patient.familyName,
        given: [patient.givenName],
      },
    ],
    gender: GENDER[patient.sex],
    birthDate: patient.birthDate,
  };
}

function planDefinition(
  protocol: ProtocolDefinition,
): Identified<PlanDefinition> {
  return {
    resourceType: 'PlanDefinition',
    id: stableUuid(`plan-definition/${protocol.key}/${protocol.version}`),
    url: `${PLAN_DEFINITION_BASE}/${protocol.key}`,
    version: String(protocol.version),
    name: protocol.key
      .split(/[^A-Za-z0-9]+/)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join(''),
    title: protocol.name,
    type: {
      coding: [
        {
          system: SYSTEMS.planDefinitionType,
          code: 'clinical-protocol',
          display: 'Clinical Protocol',
        },
      ],
    },
    status: 'active',
    date: protocol.effectiveFrom,
    description: protocol.rule,
    relatedArtifact: protocol.sources.map((source) => ({
      type: 'citation',
      citation: source.label,
      ...(source.reference !== undefined && { url: source.reference }),
    })),
    action: protocol.items.map((item) => ({
      id: item.key,
      title: item.name,
      code: [itemCode(item)],
      ...(item.note !== undefined && { description: item.note }),
      // Required items may still be cancelled or judged not indicated, with a documented reason.
      requiredBehavior: item.required ? 'must-unless-documented' : 'could',
    })),
  };
}

/** The catalog item's codes (LOINC / CPT) plus our own item key, so every item has a code. */
function itemCode(item: CatalogItem): CodeableConcept {
  return {
    coding: [
      ...item.codes.map(
        (code): Coding => ({
          system: code.system,
          code: code.code,
          display: code.display,
        }),
      ),
      { system: SYSTEMS.itemCode, code: item.key, display: item.name },
    ],
    text: item.name,
  };
}

/** The resources an item's recorded result becomes, and which of them stand for it. */
interface ItemResults {
  readonly resources: readonly Identified<Resource>[];
  /** What a Condition's evidence and the Task's output point at. */
  readonly evidence: readonly Reference[];
}

function workupResources(
  workup: WorkupView,
  protocol: ProtocolDefinition,
  patient: Reference<Patient>,
): Identified<Resource>[] {
  const carePlanRef: Reference<CarePlan> = { reference: urnOf(workup.id) };
  const active = workup.items.filter((item) => item.active);
  const requests: Identified<ServiceRequest>[] = [];
  const tasks: Identified<Task>[] = [];
  const results: Identified<Resource>[] = [];
  const evidenceByItem = new Map<string, readonly Reference[]>();
  for (const item of active) {
    const catalog = getCatalogItem(protocol, item.key);
    const request = serviceRequest(workup, item, catalog, patient, carePlanRef);
    const recorded = itemResults(
      workup,
      item,
      catalog,
      patient,
      reference(request),
    );
    requests.push(request);
    tasks.push(
      task(workup, item, catalog, patient, reference(request), recorded),
    );
    results.push(...recorded.resources);
    evidenceByItem.set(item.key, recorded.evidence);
  }
  const condition = poemsCondition(workup, protocol, patient, evidenceByItem);
  const carePlan: Identified<CarePlan> = {
    resourceType: 'CarePlan',
    id: workup.id,
    identifier: [{ system: SYSTEMS.workup, value: workup.id }],
    instantiatesCanonical: [canonicalOf(protocol)],
    status: carePlanStatus(
      workup.status,
      active.every((item) => isClosed(item.status)),
    ),
    intent: 'plan',
    title: `${protocol.name}: diagnostic workup`,
    description: workup.evaluation.explanation,
    subject: patient,
    period: {
      start: workup.openedAt,
      ...(workup.closedAt !== null && { end: workup.closedAt }),
    },
    created: workup.openedAt,
    ...(condition !== undefined && { addresses: [reference(condition)] }),
    activity: requests.map((request) => ({ reference: reference(request) })),
    note: [
      { text: DECISION_SUPPORT },
      ...(workup.closeReason !== null
        ? [{ text: `Closed: ${workup.closeReason}` }]
        : []),
    ],
  };
  const signer = signOffPractitioner(workup);
  const evaluation = evaluationObservation(
    workup,
    protocol,
    patient,
    carePlanRef,
    signer,
  );
  return [
    carePlan,
    evaluation,
    ...(signer !== undefined
      ? [signer, signOffProvenance(workup, evaluation, signer)]
      : []),
    ...(condition !== undefined ? [condition] : []),
    ...requests,
    ...tasks,
    ...results,
  ];
}

const words = (code: string): string => code.replace(/_/g, ' ');

/** The hematologist whose sign-off still attests the evaluation; none when absent or outdated. */
function signOffPractitioner(
  workup: WorkupView,
): Identified<Practitioner> | undefined {
  const signOff = workup.signOff;
  if (signOff === null || signOff.outdated) {
    return undefined;
  }
  const key = signOff.signedBy.id ?? signOff.id;
  return {
    resourceType: 'Practitioner',
    id: stableUuid(`practitioner/${key}`),
    identifier: [{ system: SYSTEMS.user, value: key }],
    ...(signOff.signedBy.displayName !== null && {
      name: [{ text: signOff.signedBy.displayName }],
    }),
  };
}

/** Who attested the evaluation Observation and when, with the note they added. */
function signOffProvenance(
  workup: WorkupView,
  evaluation: Identified<Observation>,
  signer: Identified<Practitioner>,
): Identified<Provenance> {
  const signOff = workup.signOff as NonNullable<WorkupView['signOff']>;
  return {
    resourceType: 'Provenance',
    id: stableUuid(`${workup.id}/sign-off/${signOff.id}`),
    target: [reference(evaluation)],
    recorded: signOff.signedAt,
    occurredDateTime: signOff.signedAt,
    activity: {
      text: `Signed off: ${protocolText(signOff.attested)}`,
    },
    agent: [
      {
        type: {
          coding: [
            {
              system:
                'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
              code: 'attester',
              display: 'Attester',
            },
          ],
        },
        who: reference(signer),
      },
    ],
  };
}

const protocolText = (attested: {
  readonly protocol: { readonly key: string; readonly version: number };
  readonly rulesVersion: number;
}): string =>
  `${attested.protocol.key} v${attested.protocol.version}, evaluation rules v${attested.rulesVersion}`;

/** The note of an evaluation Observation about its sign-off, current or outdated. */
function signOffNote(workup: WorkupView): { text: string }[] {
  const signOff = workup.signOff;
  if (signOff === null) {
    return [];
  }
  const who = signOff.signedBy.displayName ?? 'a hematologist';
  return [
    {
      text: signOff.outdated
        ? `Signed off by ${who} at ${signOff.signedAt} (${protocolText(signOff.attested)}); outdated since ${signOff.outdatedSince ?? 'a later change'}: ${signOff.changeSummary.join('; ')}.`
        : `Signed off by ${who} at ${signOff.signedAt} (${protocolText(signOff.attested)})${signOff.note === null ? '' : `: ${signOff.note}`}.`,
    },
  ];
}

/**
 * The workup's criteria evaluation as one Observation coded in our own systems: the value is the
 * overall result (`criteria_met`, `incomplete`, …); components give the protocol version, the rules
 * version, each criterion's status and each flag. `final` once the workup is closed (its verdict
 * stays as stored), `preliminary` while results can still change it. Effective at the workup's
 * latest change, so an export says as of when the verdict holds.
 */
function evaluationObservation(
  workup: WorkupView,
  protocol: ProtocolDefinition,
  patient: Reference<Patient>,
  carePlan: Reference<CarePlan>,
  signer: Identified<Practitioner> | undefined,
): Identified<Observation> {
  const { evaluation } = workup;
  const evaluationCode = (code: string, display: string): CodeableConcept => ({
    coding: [{ system: SYSTEMS.evaluation, code, display }],
    text: display,
  });
  const latest = [
    workup.openedAt,
    workup.closedAt,
    ...workup.items.map((item) => item.updatedAt),
  ]
    .filter((at): at is string => at !== null)
    .reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  return {
    resourceType: 'Observation',
    id: stableUuid(`${workup.id}/evaluation`),
    identifier: [{ system: SYSTEMS.workup, value: `${workup.id}/evaluation` }],
    basedOn: [carePlan],
    // A sign-off that still attests the evaluation makes it final, its hematologist the performer.
    status:
      workup.status === 'closed' || signer !== undefined
        ? 'final'
        : 'preliminary',
    ...(signer !== undefined && { performer: [reference(signer)] }),
    code: evaluationCode(
      'criteria-evaluation',
      'POEMS syndrome diagnostic criteria evaluation',
    ),
    subject: patient,
    effectiveDateTime: latest,
    valueCodeableConcept: {
      coding: [
        {
          system: SYSTEMS.overall,
          code: evaluation.overall,
          display: words(evaluation.overall),
        },
      ],
      text: words(evaluation.overall),
    },
    method: {
      text: `${protocol.name} (${protocol.key} v${protocol.version}), evaluation rules v${evaluation.rulesVersion}`,
    },
    component: [
      {
        code: evaluationCode('protocol-version', 'Protocol version'),
        valueString: `${protocol.key}|${protocol.version}`,
      },
      {
        code: evaluationCode('rules-version', 'Evaluation rules version'),
        valueInteger: evaluation.rulesVersion,
      },
      ...evaluation.criteria.map(
        (criterion): ObservationComponent => ({
          code: {
            coding: [
              {
                system: SYSTEMS.criterion,
                code: criterion.key,
                display: criterion.name,
              },
            ],
            text: criterion.name,
          },
          valueCodeableConcept: {
            coding: [
              {
                system: SYSTEMS.criterionStatus,
                code: criterion.status,
                display: words(criterion.status),
              },
            ],
            text: words(criterion.status),
          },
        }),
      ),
      ...evaluation.flags.map(
        (flag): ObservationComponent => ({
          code: evaluationCode('flag', 'Review flag'),
          valueCodeableConcept: {
            coding: [
              {
                system: SYSTEMS.evaluationFlag,
                code: flag,
                display: words(flag),
              },
            ],
            text: words(flag),
          },
        }),
      ),
    ],
    note: [
      { text: `${DECISION_SUPPORT} ${evaluation.explanation}` },
      ...signOffNote(workup),
    ],
  };
}

function itemIdentifier(workup: WorkupView, item: WorkupItemView): string {
  return `${workup.id}/${item.key}`;
}

function serviceRequest(
  workup: WorkupView,
  item: WorkupItemView,
  catalog: CatalogItem,
  patient: Reference<Patient>,
  carePlan: Reference<CarePlan>,
): Identified<ServiceRequest> {
  return {
    resourceType: 'ServiceRequest',
    id: stableUuid(`${itemIdentifier(workup, item)}/service-request`),
    identifier: [
      { system: SYSTEMS.workupItem, value: itemIdentifier(workup, item) },
    ],
    basedOn: [carePlan],
    status: ITEM_STATUS_MAPPING[item.status].serviceRequest,
    intent: 'order',
    category: [{ text: catalog.kind }],
    code: itemCode(catalog),
    subject: patient,
    authoredOn: workup.openedAt,
    ...(item.scheduledAt !== null && { occurrenceDateTime: item.scheduledAt }),
    ...(item.location !== null && { locationCode: [{ text: item.location }] }),
  };
}

function task(
  workup: WorkupView,
  item: WorkupItemView,
  catalog: CatalogItem,
  patient: Reference<Patient>,
  request: Reference<ServiceRequest>,
  recorded: ItemResults,
): Identified<Task> {
  const withdrawn =
    item.status === 'cancelled' || item.status === 'not_indicated';
  const output = recorded.evidence[0];
  return {
    resourceType: 'Task',
    id: stableUuid(`${itemIdentifier(workup, item)}/task`),
    identifier: [
      { system: SYSTEMS.workupItem, value: itemIdentifier(workup, item) },
    ],
    basedOn: [request],
    focus: request,
    for: patient,
    status: ITEM_STATUS_MAPPING[item.status].task,
    businessStatus: {
      coding: [{ system: SYSTEMS.itemStatus, code: item.status }],
      text: item.status.replace('_', ' '),
    },
    ...(withdrawn &&
      item.reason !== null && { statusReason: { text: item.reason } }),
    intent: 'order',
    code: itemCode(catalog),
    description: catalog.name,
    authoredOn: workup.openedAt,
    lastModified: item.updatedAt,
    ...(item.performedAt !== null && {
      executionPeriod: {
        start: item.performedAt,
        ...(item.resultedAt !== null && { end: item.resultedAt }),
      },
    }),
    ...(item.dueDate !== null && {
      restriction: { period: { end: item.dueDate } },
    }),
    ...(output !== undefined && {
      output: [{ type: { text: 'Result' }, valueReference: output }],
    }),
  };
}

/**
 * Observations and, for reads, a DiagnosticReport of a done item: one Observation per
 * quantitative value, one for the structured findings, the report pointing at all of them.
 */
function itemResults(
  workup: WorkupView,
  item: WorkupItemView,
  catalog: CatalogItem,
  patient: Reference<Patient>,
  request: Reference<ServiceRequest>,
): ItemResults {
  if (!isDone(item.status) || item.result === null) {
    return { resources: [], evidence: [] };
  }
  const result = item.result;
  const id = itemIdentifier(workup, item);
  const effective = item.performedAt ?? item.resultedAt ?? item.updatedAt;
  const reported = REPORTED_KINDS.includes(catalog.kind);
  const category = [
    {
      coding: [
        {
          system: SYSTEMS.observationCategory,
          ...OBSERVATION_CATEGORY[catalog.kind],
        },
      ],
    },
  ];
  const common = {
    status: RESULT_STATUS.observation,
    category,
    subject: patient,
    basedOn: [request],
    effectiveDateTime: effective,
    ...(item.resultedAt !== null && { issued: item.resultedAt }),
  };

  const specimen: Identified<Specimen> | undefined =
    result.specimen === undefined
      ? undefined
      : {
          resourceType: 'Specimen',
          id: stableUuid(`${id}/specimen`),
          type: {
            coding: [
              {
                system: SYSTEMS.specimenType,
                ...SPECIMEN_TYPE[result.specimen],
              },
            ],
            text: SPECIMEN_TYPE[result.specimen].display,
          },
          subject: patient,
          request: [request],
        };
  const confounders = (result.confounders ?? []).map((c) =>
    c.replace(/_/g, ' '),
  );
  const values = (result.values ?? []).map(
    (value, index): Identified<Observation> => ({
      resourceType: 'Observation',
      id: stableUuid(`${id}/value/${index}`),
      ...common,
      code: valueCode(value, catalog),
      valueQuantity: quantity(value.value, value.unit),
      ...((value.low !== undefined || value.high !== undefined) && {
        referenceRange: [
          {
            ...(value.low !== undefined && {
              low: quantity(value.low, value.unit),
            }),
            ...(value.high !== undefined && {
              high: quantity(value.high, value.unit),
            }),
          },
        ],
      }),
      ...(value.interpretation !== undefined && {
        interpretation: [
          {
            coding: [
              {
                system: SYSTEMS.interpretation,
                code: value.interpretation,
                display: INTERPRETATION_DISPLAY[value.interpretation],
              },
            ],
          },
        ],
      }),
      ...(specimen !== undefined && { specimen: reference(specimen) }),
      ...(confounders.length > 0 && {
        note: [{ text: `Possible confounders: ${confounders.join(', ')}` }],
      }),
    }),
  );

  const summary = structuredSummary(result);
  const findings = effectiveFindings(item.findings);
  const reportOnly = !reported && result.report !== undefined;
  const findingsObservation: Identified<Observation> | undefined =
    summary.length > 0 || findings.length > 0 || reportOnly
      ? {
          resourceType: 'Observation',
          id: stableUuid(`${id}/findings`),
          ...common,
          code: { ...itemCode(catalog), text: `${catalog.name}: findings` },
          ...(summary.length > 0 && { valueString: summary.join('; ') }),
          ...(findings.length > 0 && {
            component: findings.map(
              (finding): ObservationComponent => ({
                code: {
                  coding: [
                    { system: SYSTEMS.criterion, code: finding.criterion },
                  ],
                  text: finding.criterion.replace(/_/g, ' '),
                },
                valueCodeableConcept: {
                  coding: [
                    {
                      system: SYSTEMS.findingValue,
                      code: finding.value,
                      display: FINDING_DISPLAY[finding.value],
                    },
                  ],
                  text: `${FINDING_DISPLAY[finding.value]} (${finding.source})`,
                },
              }),
            ),
          }),
          ...(reportOnly && { note: [{ text: result.report ?? '' }] }),
        }
      : undefined;
  const observations = [
    ...values,
    ...(findingsObservation !== undefined ? [findingsObservation] : []),
  ];

  if (!reported) {
    return {
      resources: [
        ...(specimen !== undefined ? [specimen] : []),
        ...observations,
      ],
      evidence: observations.map(reference),
    };
  }
  const report: Identified<DiagnosticReport> = {
    resourceType: 'DiagnosticReport',
    id: stableUuid(`${id}/report`),
    basedOn: [request],
    status: RESULT_STATUS.report,
    category: [
      {
        coding: [
          {
            system: SYSTEMS.diagnosticServiceSection,
            ...diagnosticServiceSection(catalog.kind, catalog.key),
          },
        ],
      },
    ],
    code: itemCode(catalog),
    subject: patient,
    effectiveDateTime: effective,
    ...(item.resultedAt !== null && { issued: item.resultedAt }),
    ...(specimen !== undefined && { specimen: [reference(specimen)] }),
    ...(observations.length > 0 && { result: observations.map(reference) }),
    ...((result.report ?? summary.join('; ')) !== '' && {
      conclusion: result.report ?? summary.join('; '),
    }),
  };
  return {
    resources: [
      ...(specimen !== undefined ? [specimen] : []),
      ...observations,
      report,
    ],
    evidence: [reference(report)],
  };
}

/** LOINC where the value carries a code (named as the catalog names it), else the value's name. */
function valueCode(
  value: QuantityValue,
  catalog: CatalogItem,
): CodeableConcept {
  if (value.code === undefined) {
    return { text: value.name };
  }
  const known = catalog.codes.find(
    (code) => code.system === SYSTEMS.loinc && code.code === value.code,
  );
  return {
    coding: [
      {
        system: SYSTEMS.loinc,
        code: value.code,
        ...(known !== undefined && { display: known.display }),
      },
    ],
    text: value.name,
  };
}

/** A UCUM quantity: results carry UCUM units (api-contract, domain reference §3). */
function quantity(value: number, unit: string): Quantity {
  return { value, unit, system: SYSTEMS.ucum, code: unit };
}

/** The structured, non-quantitative parts of a result in words. */
function structuredSummary(result: ResultInput): string[] {
  const words = (value: string): string => value.replace(/_/g, ' ');
  const lines: string[] = [];
  if (result.heavyChain !== undefined || result.lightChain !== undefined) {
    lines.push(
      `Monoclonal protein: heavy chain ${result.heavyChain ?? 'not recorded'}, light chain ${result.lightChain ?? 'not recorded'}`,
    );
  }
  if (result.clones !== undefined) {
    lines.push(
      `Monoclonal proteins (${result.clones.length} clones): ${result.clones
        .map((c) => `heavy chain ${c.heavyChain}, light chain ${c.lightChain}`)
        .join('; ')}`,
    );
  }
  if (result.axes !== undefined) {
    const axes = Object.entries(result.axes)
      .map(([axis, state]) => `${axis} ${words(state)}`)
      .join(', ');
    lines.push(`Endocrine axes: ${axes}`);
  }
  if (result.modality !== undefined) {
    lines.push(`Modality: ${words(result.modality)}`);
  }
  if (result.lesions !== undefined) {
    lines.push(`Bone lesions: ${result.lesions}`);
  }
  if (result.signs !== undefined && result.signs.length > 0) {
    lines.push(`Signs: ${result.signs.map(words).join(', ')}`);
  }
  return lines;
}

/**
 * The POEMS Condition of a workup whose criteria are met, else undefined. Confirmed once every
 * establishing item behind a met criterion has been reviewed; provisional until then.
 */
function poemsCondition(
  workup: WorkupView,
  protocol: ProtocolDefinition,
  patient: Reference<Patient>,
  evidenceByItem: ReadonlyMap<string, readonly Reference[]>,
): Identified<Condition> | undefined {
  if (workup.evaluation.overall !== 'criteria_met') {
    return undefined;
  }
  const met = workup.evaluation.criteria.filter((c) => c.status === 'met');
  const behind = new Set(met.flatMap((c) => c.evidence));
  const verification: VerificationStatus = workup.items
    .filter((item) => behind.has(item.key))
    .every((item) => item.status === 'reviewed')
    ? 'confirmed'
    : 'provisional';
  return {
    resourceType: 'Condition',
    id: stableUuid(`${workup.id}/condition`),
    clinicalStatus: {
      coding: [{ system: SYSTEMS.conditionClinical, ...CLINICAL_STATUS }],
    },
    verificationStatus: {
      coding: [
        {
          system: SYSTEMS.conditionVerification,
          code: verification,
          display: VERIFICATION_DISPLAY[verification],
        },
      ],
    },
    category: [
      {
        coding: [
          {
            system: SYSTEMS.conditionCategory,
            code: 'problem-list-item',
            display: 'Problem List Item',
          },
        ],
      },
    ],
    // Orphanet and OMIM only: no ICD-10-CM or SNOMED CT code for POEMS was verified (§8).
    code: {
      coding: protocol.conditionCodes.map((code) => ({
        system: code.system,
        code: code.code,
        display: code.display,
      })),
      text: 'POEMS syndrome',
    },
    subject: patient,
    ...(workup.criteriaFirstMetAt !== null && {
      recordedDate: workup.criteriaFirstMetAt,
    }),
    evidence: met.map((criterion) => ({
      code: [
        {
          coding: [
            {
              system: SYSTEMS.criterion,
              code: criterion.key,
              display: criterion.name,
            },
          ],
          text: criterion.name,
        },
      ],
      detail: criterion.evidence.flatMap((key) => [
        ...(evidenceByItem.get(key) ?? []),
      ]),
    })),
    note: [{ text: `${DECISION_SUPPORT} ${workup.evaluation.explanation}` }],
  };
}
