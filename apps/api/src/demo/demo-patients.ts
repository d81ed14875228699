import type { Sex } from '@poems/domain';
import type { ItemActionPath } from '@poems/contract';

/** A step of a demo workup: an item action with its body, as a user would post it. */
export interface DemoStep {
  readonly key: string;
  readonly action: ItemActionPath;
  readonly as: 'hematologist' | 'coordinator';
  /** Dates in bodies are written as day offsets from today: `{ dueInDays: -3 }`, `{ performedDaysAgo: 5 }`. */
  readonly body?: Record<string, unknown>;
}

/** A demo patient and where their workup stands. */
export interface DemoPatient {
  readonly mrn: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: Sex;
  /** What the demo shows with this patient. */
  readonly story: string;
  readonly workup: 'none' | 'open' | 'closed';
  readonly steps: readonly DemoStep[];
  readonly closeReason?: string;
  /** The protocol version the workup was opened on, when older than the newest. */
  readonly openedOnVersion?: number;
  /** After `steps`, the hematologist moves the workup to the newest version, then takes `steps`. */
  readonly upgrade?: {
    readonly reason: string;
    readonly steps: readonly DemoStep[];
  };
}

const order = (key: string, dueInDays: number): DemoStep => ({
  key,
  action: 'order',
  as: 'coordinator',
  body: { dueInDays },
});
const schedule = (
  key: string,
  inDays: number,
  location: string,
  dueInDays = inDays + 2,
): DemoStep => ({
  key,
  action: 'schedule',
  as: 'coordinator',
  body: { scheduledInDays: inDays, location, dueInDays },
});
const perform = (key: string, daysAgo: number): DemoStep => ({
  key,
  action: 'perform',
  as: 'coordinator',
  body: { performedDaysAgo: daysAgo },
});
const result = (
  key: string,
  body: Record<string, unknown>,
  daysAgo = 3,
): DemoStep => ({
  key,
  action: 'result',
  as: 'hematologist',
  body: { ...body, performedDaysAgo: daysAgo },
});
const review = (key: string): DemoStep => ({
  key,
  action: 'review',
  as: 'hematologist',
});

const EMG_DEMYELINATING = {
  report:
    'Symmetric demyelinating sensorimotor polyradiculoneuropathy with secondary axonal loss; ' +
    'prolonged distal latencies, slowed conduction velocities.',
  findings: [{ criterion: 'polyneuropathy', value: 'present' }],
};
const IFE_IGA_LAMBDA = {
  heavyChain: 'IgA',
  lightChain: 'lambda',
  report: 'Small IgA λ band.',
};
const VEGF_PLASMA_HIGH = {
  specimen: 'plasma',
  values: [
    { code: '75628-8', name: 'VEGF', value: 640, unit: 'pg/mL', high: 115 },
  ],
};
const SKIN_AND_EDEMA = {
  signs: ['hyperpigmentation', 'hypertrichosis', 'edema', 'white_nails'],
};
const CBC_NORMAL = {
  values: [
    {
      code: '777-3',
      name: 'Platelets',
      value: 310,
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
      high: 16,
    },
  ],
};

/**
 * The demo clinic: a dozen fictional patients whose workups stand at every stage, so a new user
 * sees the product at work on first start. All names are invented.
 */
export const DEMO_PATIENTS: readonly DemoPatient[] = [
  {
    mrn: 'DEMO-0001',
    givenName: 'Margarethe',
    familyName: 'Østergaard',
    birthDate: '1958-03-14',
    sex: 'female',
    story: 'Workup just opened: every test still planned.',
    workup: 'open',
    steps: [],
  },
  {
    mrn: 'DEMO-0002',
    givenName: 'Tomás',
    familyName: 'Núñez',
    birthDate: '1966-11-02',
    sex: 'male',
    story: 'Half scheduled: labs ordered, studies booked in the coming days.',
    workup: 'open',
    steps: [
      order('spep', 5),
      order('serum_ife', 5),
      order('serum_flc', 5),
      order('vegf', 6),
      schedule('emg_ncs', 4, 'Neurophysiology, room 2'),
      schedule('bone_imaging', 6, 'Radiology, CT 1'),
      schedule('bone_marrow_biopsy', 9, 'Day unit'),
    ],
  },
  {
    mrn: 'DEMO-0003',
    givenName: 'Harriet',
    familyName: 'Okafor',
    birthDate: '1971-07-22',
    sex: 'female',
    story: 'Overdue items for the coordinator to chase.',
    workup: 'open',
    steps: [
      order('vegf', -6),
      order('endocrine_panel', -3),
      schedule('body_imaging', -2, 'Radiology, US 3', -1),
      order('fundoscopy', 2),
      result('cbc', CBC_NORMAL, 8),
    ],
  },
  {
    mrn: 'DEMO-0004',
    givenName: 'Yusuf',
    familyName: 'Demir',
    birthDate: '1962-01-30',
    sex: 'male',
    story: 'Results in, awaiting the hematologist’s review.',
    workup: 'open',
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 10),
      result('serum_ife', IFE_IGA_LAMBDA, 6),
      result(
        'spep',
        {
          values: [
            { code: '33358-3', name: 'M-spike', value: 0.4, unit: 'g/dL' },
          ],
        },
        6,
      ),
      result('cbc', CBC_NORMAL, 6),
    ],
  },
  {
    mrn: 'DEMO-0005',
    givenName: 'Eleanor',
    familyName: 'Whitfield',
    birthDate: '1955-09-09',
    sex: 'female',
    story: 'Classic λ case: criteria met, partly signed off.',
    workup: 'open',
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 20),
      review('emg_ncs'),
      result('serum_ife', IFE_IGA_LAMBDA, 18),
      review('serum_ife'),
      result('vegf', VEGF_PLASMA_HIGH, 15),
      result(
        'bone_imaging',
        {
          modality: 'low_dose_whole_body_ct',
          lesions: 'sclerotic',
          signs: ['splenomegaly'],
          report:
            'Multiple sclerotic lesions in the pelvis and spine; mild splenomegaly.',
        },
        14,
      ),
      result('physical_exam', SKIN_AND_EDEMA, 12),
      schedule('fundoscopy', 3, 'Ophthalmology clinic'),
    ],
  },
  {
    mrn: 'DEMO-0006',
    givenName: 'Rafael',
    familyName: 'Quintero',
    birthDate: '1970-04-18',
    sex: 'male',
    story:
      'Mandatory criterion ruled out: normal nerve conduction (criteria not met).',
    workup: 'open',
    steps: [
      result(
        'emg_ncs',
        {
          report: 'Normal nerve conduction studies and needle EMG.',
          findings: [{ criterion: 'polyneuropathy', value: 'absent' }],
        },
        9,
      ),
      review('emg_ncs'),
      result('serum_ife', { heavyChain: 'IgG', lightChain: 'lambda' }, 9),
    ],
  },
  {
    mrn: 'DEMO-0007',
    givenName: 'Ingrid',
    familyName: 'Lindqvist',
    birthDate: '1968-12-05',
    sex: 'female',
    story:
      'Castleman disease without a clone: flagged as a possible Castleman variant.',
    workup: 'open',
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 30),
      result('physical_exam', { signs: ['lymphadenopathy', 'edema'] }, 28),
      result(
        'lymph_node_biopsy',
        {
          report: 'Hyaline-vascular variant of Castleman disease.',
          findings: [{ criterion: 'castleman_disease', value: 'present' }],
        },
        21,
      ),
      result(
        'serum_ife',
        { heavyChain: 'none', report: 'No monoclonal protein.' },
        25,
      ),
      result('urine_ife', { heavyChain: 'none' }, 25),
      result(
        'bone_marrow_biopsy',
        {
          report: 'Polytypic plasma cells, no clonal population.',
          findings: [
            { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
          ],
        },
        20,
      ),
      // No sclerotic lesion either, so no lesion biopsy could still show a clone (protocol v2).
      result(
        'bone_imaging',
        {
          modality: 'low_dose_whole_body_ct',
          lesions: 'none',
          report: 'No bone lesions.',
        },
        19,
      ),
    ],
  },
  {
    mrn: 'DEMO-0008',
    givenName: 'Kenji',
    familyName: 'Watanabe',
    birthDate: '1960-06-27',
    sex: 'male',
    story: 'Clone shown only as κ: criteria met, flagged for review.',
    workup: 'open',
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 12),
      result('serum_ife', { heavyChain: 'IgG', lightChain: 'kappa' }, 10),
      result(
        'bone_imaging',
        {
          modality: 'pet_ct',
          lesions: 'mixed',
          report: 'Mixed sclerotic/lytic lesion, left iliac bone.',
        },
        9,
      ),
      result(
        'endocrine_panel',
        {
          axes: {
            gonadal: 'abnormal',
            thyroid: 'normal',
            glucose: 'normal',
            adrenal: 'normal',
            prolactin: 'normal',
            parathyroid: 'not_tested',
          },
        },
        8,
      ),
    ],
  },
  {
    mrn: 'DEMO-0009',
    givenName: 'Zoë',
    familyName: 'Brontë-Adeyemi',
    birthDate: '1974-02-11',
    sex: 'female',
    story:
      'Diabetes and thyroid only: the endocrinopathy criterion is not met.',
    workup: 'open',
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 7),
      result('serum_ife', IFE_IGA_LAMBDA, 7),
      result('vegf', VEGF_PLASMA_HIGH, 6),
      result(
        'endocrine_panel',
        {
          axes: {
            gonadal: 'normal',
            prolactin: 'normal',
            thyroid: 'abnormal',
            adrenal: 'normal',
            parathyroid: 'normal',
            glucose: 'abnormal',
          },
        },
        5,
      ),
      order('physical_exam', 1),
    ],
  },
  {
    mrn: 'DEMO-0010',
    givenName: 'Samuel',
    familyName: 'Achterberg',
    birthDate: '1964-10-03',
    sex: 'male',
    story: 'Serum VEGF judged by the laboratory’s upper limit; thrombocytosis.',
    workup: 'open',
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 14),
      result(
        'bone_marrow_biopsy',
        { lightChain: 'lambda', report: 'λ-restricted plasma cells, 6%.' },
        12,
      ),
      result(
        'vegf',
        {
          specimen: 'serum',
          confounders: ['iron_deficiency'],
          values: [
            {
              code: '75628-8',
              name: 'VEGF',
              value: 2450,
              unit: 'pg/mL',
              high: 860,
            },
          ],
        },
        11,
      ),
      result(
        'cbc',
        {
          values: [
            {
              code: '777-3',
              name: 'Platelets',
              value: 612,
              unit: '10*9/L',
              low: 150,
              high: 450,
            },
          ],
        },
        11,
      ),
      review('cbc'),
    ],
  },
  {
    mrn: 'DEMO-0011',
    givenName: 'Amara',
    familyName: 'Nwosu',
    birthDate: '1979-08-19',
    sex: 'female',
    story: 'Tests done, awaiting results.',
    workup: 'open',
    steps: [
      perform('bone_marrow_biopsy', 4),
      perform('bone_imaging', 3),
      perform('emg_ncs', 2),
      schedule('echocardiogram', 5, 'Cardiology, echo lab'),
    ],
  },
  {
    mrn: 'DEMO-0012',
    givenName: 'Laurent',
    familyName: 'Deschamps',
    birthDate: '1952-05-25',
    sex: 'male',
    story: 'Workup closed: an alternative diagnosis was made.',
    workup: 'closed',
    closeReason: 'Alternative diagnosis: CIDP with MGUS.',
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 40),
      result('serum_ife', { heavyChain: 'IgM', lightChain: 'kappa' }, 38),
    ],
  },
  {
    mrn: 'DEMO-0014',
    givenName: 'Valentina',
    familyName: 'Serrano',
    birthDate: '1967-05-08',
    sex: 'female',
    story:
      'Indeterminate: only a serum VEGF, sent without the laboratory’s upper limit, could give the ' +
      'major criterion — next test "repeat as plasma VEGF", never "criteria not met".',
    workup: 'open',
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 16),
      result('serum_ife', IFE_IGA_LAMBDA, 14),
      result('physical_exam', SKIN_AND_EDEMA, 13),
      result(
        'bone_imaging',
        {
          modality: 'low_dose_whole_body_ct',
          lesions: 'none',
          report: 'No sclerotic or lytic bone lesions.',
        },
        12,
      ),
      result(
        'body_imaging',
        {
          modality: 'ct_chest_abdomen_pelvis',
          signs: [],
          report: 'No organomegaly or lymphadenopathy.',
        },
        12,
      ),
      result(
        'vegf',
        {
          specimen: 'serum',
          values: [
            { code: '75628-8', name: 'VEGF', value: 1480, unit: 'pg/mL' },
          ],
        },
        10,
      ),
    ],
  },
  {
    // The patients the lab-interface reference's sample messages name (MSH-3/4 CITYLIS/CITYLAB):
    // each sample sent with `npm run hl7:send` lands on their open workups.
    mrn: 'MRN100234',
    givenName: 'John',
    familyName: 'Doe',
    birthDate: '1962-04-15',
    sex: 'male',
    story:
      'Workup just opened; the sample laboratory messages (tests/fixtures/hl7) are his.',
    workup: 'open',
    steps: [order('vegf', 5), order('serum_ife', 5), order('cbc', 5)],
  },
  {
    mrn: 'MRN100235',
    givenName: 'Mary',
    familyName: 'Smith',
    birthDate: '1958-07-02',
    sex: 'female',
    story: 'Workup just opened; the serum VEGF sample message (02) is hers.',
    workup: 'open',
    steps: [order('vegf', 5)],
  },
  {
    mrn: 'DEMO-0015',
    givenName: 'Aurelio',
    familyName: 'Benedetti',
    birthDate: '1964-02-17',
    sex: 'male',
    story:
      'Opened on protocol version 1; a sclerotic lesion with a clean marrow and negative ' +
      'immunofixations moved it to version 2 for the lesion biopsy, which showed the λ clone: ' +
      'criteria met, the upgrade in the verdict history.',
    workup: 'open',
    openedOnVersion: 1,
    steps: [
      result('emg_ncs', EMG_DEMYELINATING, 30),
      result('serum_ife', { heavyChain: 'none', report: 'No band.' }, 28),
      result('urine_ife', { heavyChain: 'none', report: 'No band.' }, 28),
      result(
        'bone_imaging',
        {
          modality: 'low_dose_whole_body_ct',
          lesions: 'sclerotic',
          report: 'A 2 cm sclerotic lesion in the left iliac bone.',
        },
        26,
      ),
      result(
        'bone_marrow_biopsy',
        {
          report: 'Polytypic plasma cells, no clonal population.',
          findings: [
            { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
          ],
        },
        24,
      ),
      result('physical_exam', SKIN_AND_EDEMA, 24),
    ],
    upgrade: {
      reason:
        'Sclerotic iliac lesion with a clean marrow: version 2 offers the lesion biopsy.',
      steps: [
        {
          key: 'lesion_biopsy',
          action: 'activate',
          as: 'hematologist',
          body: { reason: 'Sclerotic lesion, marrow without a clone.' },
        },
        result(
          'lesion_biopsy',
          {
            lightChain: 'lambda',
            report: 'CT-guided biopsy: λ-restricted plasma cells (CD138+).',
          },
          5,
        ),
      ],
    },
  },
  {
    mrn: 'DEMO-0016',
    givenName: 'Ingrid',
    familyName: 'Halvorsen',
    birthDate: '1969-10-05',
    sex: 'female',
    story:
      'Still on protocol version 1: the workup page says what version 2 would add and offers ' +
      'the hematologist the upgrade.',
    workup: 'open',
    openedOnVersion: 1,
    steps: [
      order('vegf', 7),
      order('serum_ife', 7),
      result('cbc', CBC_NORMAL, 4),
    ],
  },
  {
    mrn: 'DEMO-0013',
    givenName: 'Priya',
    familyName: 'Raghunathan',
    birthDate: '1983-12-30',
    sex: 'female',
    story: 'Registered, no workup yet.',
    workup: 'none',
    steps: [],
  },
];
