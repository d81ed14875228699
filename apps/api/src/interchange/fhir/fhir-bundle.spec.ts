import type {
  Bundle,
  CarePlan,
  Condition,
  DiagnosticReport,
  Observation,
  Patient,
  PlanDefinition,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import {
  dueWindow,
  findingsOfResult,
  getCatalogItem,
  ITEM_STATUSES,
  normaliseResult,
  POEMS_DISPENZIERI_V1,
  type ItemStatus,
  type ResultInput,
} from '@poems/domain';
import { type PatientView, type WorkupView } from '@poems/contract';
import { WorkupItemEntity } from '../../workups/workup-item.entity';
import { workupView } from '../../workups/workup-view';
import { WorkupEntity } from '../../workups/workup.entity';
import { fhirBundle } from './fhir-bundle';
import { ITEM_STATUS_MAPPING } from './fhir-codes';

/*
 * Valid codes of the FHIR R4 value sets the export fills, copied from the specification
 * (hl7.org/fhir/R4/valueset-*.html), so the mapping is checked against the standard and not
 * against itself.
 */
const VALID = {
  bundleType: [
    'document',
    'message',
    'transaction',
    'transaction-response',
    'batch',
    'batch-response',
    'history',
    'searchset',
    'collection',
  ],
  gender: ['male', 'female', 'other', 'unknown'],
  taskStatus: [
    'draft',
    'requested',
    'received',
    'accepted',
    'rejected',
    'ready',
    'cancelled',
    'in-progress',
    'on-hold',
    'failed',
    'completed',
    'entered-in-error',
  ],
  taskIntent: [
    'unknown',
    'proposal',
    'plan',
    'order',
    'original-order',
    'reflex-order',
    'filler-order',
    'instance-order',
    'option',
  ],
  requestStatus: [
    'draft',
    'active',
    'on-hold',
    'revoked',
    'completed',
    'entered-in-error',
    'unknown',
  ],
  requestIntent: [
    'proposal',
    'plan',
    'directive',
    'order',
    'original-order',
    'reflex-order',
    'filler-order',
    'instance-order',
    'option',
  ],
  carePlanIntent: ['proposal', 'plan', 'order', 'option'],
  publicationStatus: ['draft', 'active', 'retired', 'unknown'],
  actionRequiredBehavior: ['must', 'could', 'must-unless-documented'],
  observationStatus: [
    'registered',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'cancelled',
    'entered-in-error',
    'unknown',
  ],
  observationCategory: [
    'social-history',
    'vital-signs',
    'imaging',
    'laboratory',
    'procedure',
    'survey',
    'exam',
    'therapy',
    'activity',
  ],
  reportStatus: [
    'registered',
    'partial',
    'preliminary',
    'final',
    'amended',
    'corrected',
    'appended',
    'cancelled',
    'entered-in-error',
    'unknown',
  ],
  // HL7 v2 table 0074, diagnostic service section.
  serviceSection: [
    'AU',
    'BG',
    'BLB',
    'CG',
    'CUS',
    'CTH',
    'CT',
    'CH',
    'CP',
    'EC',
    'EN',
    'GE',
    'HM',
    'ICU',
    'IMM',
    'LAB',
    'MB',
    'MCB',
    'MYC',
    'NMS',
    'NMR',
    'NRS',
    'OUS',
    'OT',
    'OTH',
    'OSL',
    'PAR',
    'PAT',
    'PF',
    'PHR',
    'PHY',
    'PT',
    'RAD',
    'RX',
    'RUS',
    'RC',
    'RT',
    'SR',
    'SP',
    'TX',
    'VUS',
    'VR',
    'XRC',
  ],
  // HL7 v2 table 0487, the specimen types of VEGF.
  specimenType: ['PLAS', 'SER'],
  // The brief's subset of v3-ObservationInterpretation: low, normal, high.
  interpretation: ['L', 'N', 'H'],
  conditionVerification: [
    'unconfirmed',
    'provisional',
    'differential',
    'confirmed',
    'refuted',
    'entered-in-error',
  ],
  conditionClinical: [
    'active',
    'recurrence',
    'relapse',
    'inactive',
    'remission',
    'resolved',
  ],
  conditionCategory: ['problem-list-item', 'encounter-diagnosis'],
};

const PATIENT: PatientView = {
  id: '0f9c8a3e-2d4b-4c7e-9a1f-3b5d7e9f1a2c',
  mrn: 'MRN-4711',
  givenName: 'Ada',
  familyName: 'Lovelace',
  birthDate: '1961-04-12',
  sex: 'female',
  createdAt: '2030-01-01T08:00:00.000Z',
};

const WORKUP_ID = '7a1e5c2b-9d3f-4b8a-8c6e-1f2a3b4c5d6e';
const OPENED = new Date('2030-01-02T09:00:00Z');
const NOW = new Date('2030-01-20T12:00:00Z');

/** A result recorded on a stored item, inferring findings as the API does. */
interface Recorded {
  readonly result?: ResultInput;
  readonly status?: ItemStatus;
  readonly dueDate?: string;
  readonly reason?: string;
  readonly active?: boolean;
  readonly scheduledAt?: string;
}

/** A workup view of the classic protocol with the given items changed, the rest planned. */
function aView(
  changes: Readonly<Record<string, Recorded>>,
  workup: Partial<WorkupEntity> = {},
): WorkupView {
  const protocol = POEMS_DISPENZIERI_V1;
  const entity = Object.assign(new WorkupEntity(), {
    id: WORKUP_ID,
    patientId: PATIENT.id,
    status: 'open',
    protocolKey: protocol.key,
    protocolVersion: protocol.version,
    openedAt: OPENED,
    closedAt: null,
    closeReason: null,
    attendingId: null,
    criteriaFirstMetAt: null,
    version: 1,
    ...workup,
  });
  const items = protocol.items.map((catalog) => {
    const change = changes[catalog.key] ?? {};
    const result =
      change.result === undefined ? null : normaliseResult(change.result);
    const status = change.status ?? (result === null ? 'planned' : 'resulted');
    return Object.assign(new WorkupItemEntity(), {
      id: `${catalog.key}-id`,
      workupId: WORKUP_ID,
      key: catalog.key,
      required: catalog.required,
      active: change.active ?? catalog.required,
      status,
      dueDate: change.dueDate ?? null,
      scheduledAt: change.scheduledAt ? new Date(change.scheduledAt) : null,
      location: change.scheduledAt ? 'Room 2' : null,
      performedAt: null,
      resultedAt: result === null ? null : new Date('2030-01-10T10:00:00Z'),
      reviewedAt:
        status === 'reviewed' ? new Date('2030-01-11T10:00:00Z') : null,
      reviewedBy: null,
      result: result as Record<string, unknown> | null,
      findings:
        result === null
          ? []
          : findingsOfResult({
              item: getCatalogItem(protocol, catalog.key),
              result,
              sex: PATIENT.sex,
              thresholds: protocol.thresholds,
            }),
      reason: change.reason ?? null,
      version: 2,
      updatedAt: new Date('2030-01-10T10:00:00Z'),
      updatedBy: null,
    });
  });
  return workupView(protocol, entity, items, dueWindow(NOW, 'UTC', 7));
}

const CLASSIC: Readonly<Record<string, ResultInput>> = {
  emg_ncs: {
    report: 'Demyelinating sensorimotor polyradiculoneuropathy.',
    findings: [{ criterion: 'polyneuropathy', value: 'present' }],
  },
  serum_ife: { heavyChain: 'IgA', lightChain: 'lambda' },
  vegf: {
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value: 450, unit: 'pg/mL' }],
  },
  physical_exam: { signs: ['edema', 'hyperpigmentation'] },
  cbc: {
    values: [
      {
        code: '777-3',
        name: 'Platelets',
        value: 520,
        unit: '10*9/L',
        low: 150,
        high: 450,
      },
      {
        code: '718-7',
        name: 'Hemoglobin',
        value: 13.1,
        unit: 'g/dL',
        low: 12,
        high: 15.5,
      },
    ],
  },
};

function classic(status: ItemStatus = 'resulted'): Record<string, Recorded> {
  return Object.fromEntries(
    Object.entries(CLASSIC).map(([key, result]) => [key, { result, status }]),
  );
}

function exportOf(...views: WorkupView[]): Bundle {
  return fhirBundle({
    patient: PATIENT,
    workups: views,
    timestamp: NOW.toISOString(),
  });
}

function resources<T extends Resource>(
  bundle: Bundle,
  type: T['resourceType'],
): T[] {
  return (bundle.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is T => r?.resourceType === type);
}

/** Every `reference` anywhere in a value. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(referencesIn);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      key === 'reference' && typeof v === 'string' ? [v] : referencesIn(v),
    );
  }
  return [];
}

/** Every `{ system, code }` coding anywhere in a value. */
function codingsIn(value: unknown): { system: string; code: string }[] {
  if (Array.isArray(value)) {
    return value.flatMap(codingsIn);
  }
  if (value !== null && typeof value === 'object') {
    const own =
      'system' in value && 'code' in value
        ? [{ system: String(value.system), code: String(value.code) }]
        : [];
    return [...own, ...Object.values(value).flatMap(codingsIn)];
  }
  return [];
}

function codesOf(bundle: Bundle, system: string): string[] {
  return codingsIn(bundle)
    .filter((c) => c.system === system)
    .map((c) => c.code);
}

describe('FHIR bundle of a workup', () => {
  const met = aView(classic(), {
    criteriaFirstMetAt: new Date('2030-01-10T10:00:00Z'),
  });

  it('is a collection whose every reference resolves to an entry of the bundle', () => {
    const bundle = exportOf(met);

    expect(VALID.bundleType).toContain(bundle.type);
    const fullUrls = (bundle.entry ?? []).map((e) => e.fullUrl);
    expect(new Set(fullUrls).size).toBe(fullUrls.length);
    for (const entry of bundle.entry ?? []) {
      expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);
      expect(entry.fullUrl).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    const references = referencesIn(bundle);
    expect(references.length).toBeGreaterThan(50);
    for (const reference of references) {
      expect(fullUrls).toContain(reference);
    }
  });

  it('instantiates the protocol version as a PlanDefinition with one action per catalog item', () => {
    const bundle = exportOf(met);
    const [plan] = resources<PlanDefinition>(bundle, 'PlanDefinition');
    const [carePlan] = resources<CarePlan>(bundle, 'CarePlan');

    expect(carePlan?.instantiatesCanonical).toEqual([
      `${plan?.url}|${plan?.version}`,
    ]);
    expect(plan?.version).toBe(String(POEMS_DISPENZIERI_V1.version));
    expect(VALID.publicationStatus).toContain(plan?.status);
    expect(plan?.action?.map((a) => a.id)).toEqual(
      POEMS_DISPENZIERI_V1.items.map((i) => i.key),
    );
    for (const action of plan?.action ?? []) {
      expect(VALID.actionRequiredBehavior).toContain(action.requiredBehavior);
    }
    expect(VALID.requestStatus).toContain(carePlan?.status);
    expect(VALID.carePlanIntent).toContain(carePlan?.intent);
  });

  it('maps the patient: MRN under our own system, name, gender from sex, birth date', () => {
    const [patient] = resources<Patient>(exportOf(met), 'Patient');

    expect(patient).toMatchObject({
      id: PATIENT.id,
      identifier: [
        { system: 'https://poems-workup.dev/fhir/sid/mrn', value: 'MRN-4711' },
      ],
      name: [{ family: 'Lovelace', given: ['Ada'] }],
      gender: 'female',
      birthDate: '1961-04-12',
    });
    expect(VALID.gender).toContain(patient?.gender);
  });

  it('has one ServiceRequest and one Task per active item, coded from the catalog', () => {
    const bundle = exportOf(met);
    const active = met.items.filter((i) => i.active);
    const requests = resources<ServiceRequest>(bundle, 'ServiceRequest');
    const tasks = resources<Task>(bundle, 'Task');

    expect(requests).toHaveLength(active.length);
    expect(tasks).toHaveLength(active.length);
    expect(requests.map((r) => r.identifier?.[0]?.value)).not.toContain(
      `${WORKUP_ID}/lymph_node_biopsy`,
    );
    for (const request of requests) {
      expect(VALID.requestStatus).toContain(request.status);
      expect(VALID.requestIntent).toContain(request.intent);
    }
    for (const task of tasks) {
      expect(VALID.taskStatus).toContain(task.status);
      expect(VALID.taskIntent).toContain(task.intent);
    }
    const vegf = requests.find((r) =>
      r.identifier?.[0]?.value?.endsWith('/vegf'),
    );
    expect(vegf?.code?.coding).toContainEqual(
      expect.objectContaining({ system: 'http://loinc.org', code: '75628-8' }),
    );
    const emg = requests.find((r) =>
      r.identifier?.[0]?.value?.endsWith('/emg_ncs'),
    );
    expect(
      emg?.code?.coding
        ?.filter((c) => c.system === 'http://www.ama-assn.org/go/cpt')
        .map((c) => c.code),
    ).toEqual(expect.arrayContaining(['95907', '95913', '95885', '95887']));
  });

  it('maps every item status to a valid task-status and request-status', () => {
    for (const status of ITEM_STATUSES) {
      expect(VALID.taskStatus).toContain(ITEM_STATUS_MAPPING[status].task);
      expect(VALID.requestStatus).toContain(
        ITEM_STATUS_MAPPING[status].serviceRequest,
      );
    }
  });

  it('puts the due date in the Task restriction and the reason of cancelled and not-indicated items in its status reason', () => {
    const view = aView({
      cbc: { status: 'ordered', dueDate: '2030-01-25' },
      spep: { status: 'cancelled', reason: 'Duplicate order' },
      pft: { status: 'not_indicated', reason: 'No respiratory symptoms' },
      vegf: { status: 'scheduled', scheduledAt: '2030-01-22T08:00:00Z' },
    });
    const bundle = exportOf(view);
    const task = (key: string): Task | undefined =>
      resources<Task>(bundle, 'Task').find((t) =>
        t.identifier?.[0]?.value?.endsWith(`/${key}`),
      );

    expect(task('cbc')).toMatchObject({
      status: 'requested',
      restriction: { period: { end: '2030-01-25' } },
    });
    expect(task('spep')).toMatchObject({
      status: 'cancelled',
      statusReason: { text: 'Duplicate order' },
    });
    expect(task('pft')).toMatchObject({
      status: 'cancelled',
      statusReason: { text: 'No respiratory symptoms' },
      businessStatus: { coding: [{ code: 'not_indicated' }] },
    });
    expect(task('vegf')?.status).toBe('accepted');
    expect(task('emg_ncs')?.status).toBe('draft');
    expect(task('emg_ncs')?.statusReason).toBeUndefined();
  });

  it('exports quantitative results as Observations: LOINC, UCUM quantity, reference range, interpretation, specimen', () => {
    const bundle = exportOf(met);
    const observations = resources<Observation>(bundle, 'Observation');
    const byLoinc = (code: string): Observation | undefined =>
      observations.find((o) =>
        o.code?.coding?.some(
          (c) => c.system === 'http://loinc.org' && c.code === code,
        ),
      );

    expect(byLoinc('777-3')).toMatchObject({
      status: 'final',
      valueQuantity: {
        value: 520,
        unit: '10*9/L',
        system: 'http://unitsofmeasure.org',
        code: '10*9/L',
      },
      referenceRange: [
        {
          low: { value: 150, system: 'http://unitsofmeasure.org' },
          high: { value: 450, system: 'http://unitsofmeasure.org' },
        },
      ],
      interpretation: [
        {
          coding: [
            {
              system:
                'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
              code: 'H',
            },
          ],
        },
      ],
    });
    expect(byLoinc('718-7')?.interpretation?.[0]?.coding?.[0]?.code).toBe('N');
    const vegf = byLoinc('75628-8');
    const specimen = (bundle.entry ?? []).find(
      (e) => e.fullUrl === vegf?.specimen?.reference,
    )?.resource;
    expect(specimen).toMatchObject({
      resourceType: 'Specimen',
      type: { coding: [{ code: 'PLAS' }] },
    });
    for (const observation of observations) {
      expect(VALID.observationStatus).toContain(observation.status);
      for (const coding of observation.category?.flatMap(
        (c) => c.coding ?? [],
      ) ?? []) {
        expect(VALID.observationCategory).toContain(coding.code);
      }
    }
    expect(
      codesOf(
        bundle,
        'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
      ).every((c) => VALID.interpretation.includes(c)),
    ).toBe(true);
    expect(
      codesOf(bundle, 'http://terminology.hl7.org/CodeSystem/v2-0487').every(
        (c) => VALID.specimenType.includes(c),
      ),
    ).toBe(true);
  });

  it('exports reads as DiagnosticReports whose conclusion is the free-text report', () => {
    const bundle = exportOf(
      aView({
        ...classic(),
        bone_imaging: {
          result: {
            modality: 'pet_ct',
            lesions: 'sclerotic',
            report: 'Sclerotic lesion L3.',
          },
        },
        bone_marrow_biopsy: {
          result: {
            lightChain: 'lambda',
            report: 'Clonal λ plasma cells 8 %.',
          },
        },
      }),
    );
    const reports = resources<DiagnosticReport>(bundle, 'DiagnosticReport');
    const report = (key: string): DiagnosticReport | undefined =>
      reports.find((r) => r.code?.coding?.some((c) => c.code === key));

    expect(report('emg_ncs')).toMatchObject({
      conclusion: 'Demyelinating sensorimotor polyradiculoneuropathy.',
      category: [{ coding: [{ code: 'EN' }] }],
    });
    expect(report('bone_imaging')).toMatchObject({
      conclusion: 'Sclerotic lesion L3.',
      category: [{ coding: [{ code: 'RAD' }] }],
    });
    expect(report('bone_marrow_biopsy')?.conclusion).toBe(
      'Clonal λ plasma cells 8 %.',
    );
    for (const r of reports) {
      expect(VALID.reportStatus).toContain(r.status);
      expect(r.result?.length).toBeGreaterThan(0);
    }
    for (const code of codesOf(
      bundle,
      'http://terminology.hl7.org/CodeSystem/v2-0074',
    )) {
      expect(VALID.serviceSection).toContain(code);
    }
  });

  it('adds a POEMS Condition when the criteria are met, provisional until the evidence is reviewed', () => {
    const bundle = exportOf(met);
    const conditions = resources<Condition>(bundle, 'Condition');

    expect(conditions).toHaveLength(1);
    const [condition] = conditions;
    expect(condition?.verificationStatus?.coding?.[0]).toEqual({
      system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
      code: 'provisional',
      display: 'Provisional',
    });
    expect(VALID.conditionClinical).toContain(
      condition?.clinicalStatus?.coding?.[0]?.code,
    );
    expect(VALID.conditionCategory).toContain(
      condition?.category?.[0]?.coding?.[0]?.code,
    );
    expect(condition?.code?.coding?.map((c) => [c.system, c.code])).toEqual([
      ['http://www.orpha.net', 'ORPHA:2905'],
      ['https://omim.org', '192240'],
    ]);
    expect(condition?.recordedDate).toBe('2030-01-10T10:00:00.000Z');
    const [carePlan] = resources<CarePlan>(bundle, 'CarePlan');
    expect(carePlan?.addresses?.[0]?.reference).toBe(
      `urn:uuid:${condition?.id}`,
    );
  });

  it('points the Condition evidence at the results behind each met criterion', () => {
    const bundle = exportOf(met);
    const [condition] = resources<Condition>(bundle, 'Condition');
    const byUrl = new Map(
      (bundle.entry ?? []).map((e) => [e.fullUrl, e.resource]),
    );
    const metCriteria = met.evaluation.criteria.filter(
      (c) => c.status === 'met',
    );

    expect(
      condition?.evidence?.map((e) => e.code?.[0]?.coding?.[0]?.code),
    ).toEqual(metCriteria.map((c) => c.key));
    for (const evidence of condition?.evidence ?? []) {
      expect(evidence.detail?.length).toBeGreaterThan(0);
      for (const detail of evidence.detail ?? []) {
        expect(['Observation', 'DiagnosticReport']).toContain(
          byUrl.get(detail.reference)?.resourceType,
        );
      }
    }
    const polyneuropathy = condition?.evidence?.find(
      (e) => e.code?.[0]?.coding?.[0]?.code === 'polyneuropathy',
    );
    expect(
      byUrl.get(polyneuropathy?.detail?.[0]?.reference)?.resourceType,
    ).toBe('DiagnosticReport');
  });

  it('confirms the Condition once every establishing item behind the met criteria is reviewed', () => {
    const reviewed = aView(classic('reviewed'));
    const [condition] = resources<Condition>(exportOf(reviewed), 'Condition');

    expect(condition?.verificationStatus?.coding?.[0]?.code).toBe('confirmed');
  });

  it('stays provisional while one establishing item behind a met criterion awaits review', () => {
    const view = aView({
      ...classic('reviewed'),
      vegf: { result: CLASSIC['vegf'], status: 'resulted' },
    });
    const [condition] = resources<Condition>(exportOf(view), 'Condition');

    expect(condition?.verificationStatus?.coding?.[0]?.code).toBe(
      'provisional',
    );
  });

  it('has no Condition unless the criteria are met', () => {
    const incomplete = aView({
      serum_ife: { result: CLASSIC['serum_ife'] ?? {} },
    });
    const notMet = aView({
      emg_ncs: {
        result: {
          findings: [{ criterion: 'polyneuropathy', value: 'absent' }],
        },
      },
    });

    expect(incomplete.evaluation.overall).toBe('incomplete');
    expect(notMet.evaluation.overall).toBe('criteria_not_met');
    expect(resources(exportOf(incomplete, notMet), 'Condition')).toHaveLength(
      0,
    );
  });

  it('codes the condition with Orphanet and OMIM only: no ICD-10-CM or SNOMED CT anywhere', () => {
    const systems = new Set(codingsIn(exportOf(met)).map((c) => c.system));

    expect([...systems].filter((s) => /snomed|icd/i.test(s))).toEqual([]);
  });

  it('gives the same data the same ids, and a closed workup a completed or revoked CarePlan', () => {
    const first = exportOf(met);
    const second = exportOf(met);
    expect((first.entry ?? []).map((e) => e.fullUrl)).toEqual(
      (second.entry ?? []).map((e) => e.fullUrl),
    );

    const closedEarly = aView(
      {},
      { status: 'closed', closedAt: NOW, closeReason: 'Moved away' },
    );
    expect(
      resources<CarePlan>(exportOf(closedEarly), 'CarePlan')[0]?.status,
    ).toBe('revoked');
    const everyItemClosed = aView(
      Object.fromEntries(
        POEMS_DISPENZIERI_V1.items.map((i) => [
          i.key,
          { status: 'cancelled' as const, reason: 'Stopped' },
        ]),
      ),
      { status: 'closed', closedAt: NOW, closeReason: 'Done' },
    );
    expect(
      resources<CarePlan>(exportOf(everyItemClosed), 'CarePlan')[0],
    ).toMatchObject({
      status: 'completed',
      period: { start: OPENED.toISOString(), end: NOW.toISOString() },
    });
  });
});
