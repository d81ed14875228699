import type {
  AxisState,
  EndocrineAxis,
  LesionType,
  LightChain,
  ResultInput,
  Sex,
  SignKey,
} from '@poems/domain';
import type { Prng } from './prng';

/**
 * What a synthetic patient turns out to have. It decides the results their tests return, and so
 * how the criteria evaluate: the POEMS profiles meet them once enough is done, the others are
 * ruled out along different paths (no clone, no major criterion, no neuropathy).
 */
export type ClinicalProfile =
  | 'poems_lambda'
  | 'poems_kappa'
  | 'castleman_variant'
  | 'mgus_neuropathy'
  | 'cidp'
  | 'axonal_neuropathy';

/**
 * Shares of each profile among referred patients. Referral centres see far more mimics (CIDP,
 * MGUS neuropathy) than POEMS; the POEMS share is inflated so every outcome is well represented.
 */
export const PROFILE_WEIGHTS: Readonly<Record<ClinicalProfile, number>> = {
  poems_lambda: 27,
  poems_kappa: 4,
  castleman_variant: 4,
  mgus_neuropathy: 20,
  cidp: 30,
  axonal_neuropathy: 15,
};

const isPoems = (p: ClinicalProfile): boolean =>
  p === 'poems_lambda' || p === 'poems_kappa';

/** A result body (the `result` action without `version`), drawn for one item of one patient. */
export function resultFor(
  rng: Prng,
  key: string,
  profile: ClinicalProfile,
  sex: Sex,
): ResultInput {
  const poems = isPoems(profile);
  switch (key) {
    case 'emg_ncs': {
      const present = profile !== 'axonal_neuropathy' || rng.chance(0.2);
      return {
        report: present
          ? rng.pick(EMG_DEMYELINATING)
          : 'Length-dependent axonal sensory neuropathy; no demyelinating features.',
        findings: [
          {
            criterion: 'polyneuropathy',
            value: present ? 'present' : 'absent',
          },
        ],
      };
    }
    case 'neuro_exam':
      return {
        report: rng.pick(NEURO_EXAM),
        findings: [
          {
            criterion: 'polyneuropathy',
            value:
              profile === 'axonal_neuropathy' && rng.chance(0.5)
                ? 'absent'
                : 'present',
          },
        ],
      };
    case 'spep': {
      const spike =
        poems || profile === 'mgus_neuropathy'
          ? rng.chance(0.45)
            ? 0
            : rng.real(0.1, 1.6)
          : rng.chance(0.05)
            ? rng.real(0.1, 0.4)
            : 0;
      return {
        values: [
          { code: '33358-3', name: 'M-spike', value: spike, unit: 'g/dL' },
        ],
      };
    }
    case 'serum_ife':
    case 'urine_ife': {
      const positive = poems
        ? rng.chance(key === 'serum_ife' ? 0.85 : 0.4)
        : profile === 'mgus_neuropathy'
          ? rng.chance(key === 'serum_ife' ? 0.95 : 0.3)
          : false;
      return positive
        ? {
            heavyChain: poems
              ? rng.weighted({ IgA: 50, IgG: 45, none: 5 })
              : rng.weighted({ IgM: 55, IgG: 35, IgA: 10 }),
            lightChain: cloneChain(rng, profile),
          }
        : { heavyChain: 'none' };
    }
    case 'serum_flc': {
      // POEMS ratios are usually normal or barely abnormal: the clone is small.
      const ratio =
        profile === 'mgus_neuropathy' && rng.chance(0.6)
          ? rng.real(1.7, 6, 2)
          : poems && rng.chance(0.2)
            ? rng.real(0.1, 0.25, 2)
            : rng.real(0.4, 1.6, 2);
      return {
        values: [
          {
            code: '48378-4',
            name: 'kappa/lambda ratio',
            value: ratio,
            unit: '1',
            low: 0.26,
            high: 1.65,
          },
        ],
      };
    }
    case 'bone_marrow_biopsy': {
      const clonal =
        (poems && rng.chance(0.6)) ||
        (profile === 'mgus_neuropathy' && rng.chance(0.5));
      return clonal
        ? {
            lightChain: cloneChain(rng, profile),
            report:
              'Mildly increased plasma cells with light-chain restriction; rimming megakaryocytes.',
          }
        : {
            report:
              'Normocellular marrow; polytypic plasma cells, no clonal population.',
            findings: [
              { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
            ],
          };
    }
    case 'vegf':
      return vegfResult(
        rng,
        poems || (profile === 'castleman_variant' && rng.chance(0.5)),
      );
    case 'cbc':
      return cbcResult(rng, sex, poems && rng.chance(0.35));
    case 'bone_imaging': {
      const lesions: LesionType = poems
        ? rng.weighted({ sclerotic: 70, mixed: 18, none: 12 })
        : rng.weighted({ none: 92, lytic: 5, mixed: 3 });
      return {
        modality: rng.weighted({
          low_dose_whole_body_ct: 60,
          pet_ct: 30,
          skeletal_survey: 10,
        }),
        lesions,
        signs: poems && rng.chance(0.3) ? ['splenomegaly'] : [],
      };
    }
    case 'body_imaging':
      return {
        modality: rng.weighted({
          ct_chest_abdomen_pelvis: 75,
          abdominal_ultrasound: 25,
        }),
        signs: bodySigns(rng, profile),
      };
    case 'endocrine_panel':
      return { axes: endocrineAxes(rng, poems) };
    case 'physical_exam':
      return { signs: examSigns(rng, poems) };
    case 'fundoscopy':
      return { signs: poems && rng.chance(0.35) ? ['papilledema'] : [] };
    case 'lymph_node_biopsy': {
      const castleman =
        profile === 'castleman_variant' || (poems && rng.chance(0.4));
      return {
        report: castleman
          ? 'Hyaline-vascular / mixed-type Castleman disease histology.'
          : 'Reactive follicular hyperplasia; no features of Castleman disease.',
        findings: [
          {
            criterion: 'castleman_disease',
            value: castleman ? 'present' : 'absent',
          },
        ],
      };
    }
    case 'echocardiogram': {
      const signs: SignKey[] = [];
      if (poems && rng.chance(0.25)) {
        signs.push('pericardial_effusion');
      }
      if (poems && rng.chance(0.2)) {
        signs.push('pulmonary_hypertension');
      }
      return { signs };
    }
    case 'pft':
      return {
        signs: poems && rng.chance(0.3) ? ['restrictive_lung_disease'] : [],
      };
    default:
      throw new Error(`No synthetic result for item ${key}`);
  }
}

/** The result of a corrected VEGF: the laboratory re-reports on the other side of the cut-off. */
export function correctedResultFor(
  rng: Prng,
  key: string,
  profile: ClinicalProfile,
  sex: Sex,
): ResultInput {
  return key === 'vegf'
    ? vegfResult(rng, rng.chance(0.5))
    : resultFor(rng, key, profile, sex);
}

function cloneChain(rng: Prng, profile: ClinicalProfile): LightChain {
  switch (profile) {
    case 'poems_kappa':
      return 'kappa';
    case 'poems_lambda':
      return 'lambda';
    case 'mgus_neuropathy':
      return rng.chance(0.6) ? 'kappa' : 'lambda';
    case 'castleman_variant':
    case 'cidp':
    case 'axonal_neuropathy':
      return 'lambda';
  }
}

function vegfResult(rng: Prng, elevated: boolean): ResultInput {
  const specimen = rng.weighted({ plasma: 85, serum: 15 });
  if (specimen === 'plasma') {
    return {
      specimen,
      values: [
        {
          code: '75628-8',
          name: 'VEGF',
          value: elevated ? rng.int(210, 1600) : rng.int(20, 190),
          unit: 'pg/mL',
          high: 115,
        },
      ],
    };
  }
  // Some serum results arrive without the laboratory's limit: the rule calls them indeterminate.
  const withLimit = rng.chance(0.8);
  return {
    specimen,
    values: [
      {
        code: '75628-8',
        name: 'VEGF',
        value: elevated ? rng.int(1300, 6000) : rng.int(150, 900),
        unit: 'pg/mL',
        ...(withLimit && { high: 1000 }),
      },
    ],
    ...(rng.chance(0.2) && {
      confounders: [
        rng.pick(['iron_deficiency', 'copd', 'sleep_apnoea'] as const),
      ],
    }),
  };
}

function cbcResult(rng: Prng, sex: Sex, thrombocytosis: boolean): ResultInput {
  const female = sex === 'female';
  const polycythemia = thrombocytosis && rng.chance(0.3);
  return {
    values: [
      {
        code: '777-3',
        name: 'Platelets',
        value:
          thrombocytosis && !polycythemia
            ? rng.int(460, 780)
            : rng.int(160, 420),
        unit: '10*9/L',
        low: 150,
        high: 450,
      },
      {
        code: '718-7',
        name: 'Hemoglobin',
        value: polycythemia
          ? rng.real(female ? 15.6 : 17.2, 19)
          : rng.real(female ? 11.5 : 12.8, female ? 14.8 : 16.4),
        unit: 'g/dL',
      },
      {
        code: '4544-3',
        name: 'Hematocrit',
        value: polycythemia
          ? rng.real(female ? 46 : 50, 56)
          : rng.real(female ? 35 : 39, female ? 44 : 48),
        unit: '%',
      },
    ],
  };
}

function bodySigns(rng: Prng, profile: ClinicalProfile): SignKey[] {
  if (profile === 'castleman_variant') {
    return [
      'lymphadenopathy',
      ...rng.subset<SignKey>(['splenomegaly', 'ascites'], 0.4),
    ];
  }
  if (isPoems(profile)) {
    return rng.subset<SignKey>(
      [
        'splenomegaly',
        'hepatomegaly',
        'lymphadenopathy',
        'ascites',
        'pleural_effusion',
      ],
      0.35,
    );
  }
  return rng.chance(0.06) ? ['lymphadenopathy'] : [];
}

function examSigns(rng: Prng, poems: boolean): SignKey[] {
  return poems
    ? rng.subset<SignKey>(
        [
          'hyperpigmentation',
          'hypertrichosis',
          'edema',
          'white_nails',
          'acrocyanosis',
          'clubbing',
          'weight_loss',
        ],
        0.4,
      )
    : rng.subset<SignKey>(['edema', 'weight_loss'], 0.08);
}

function endocrineAxes(
  rng: Prng,
  poems: boolean,
): Partial<Record<EndocrineAxis, AxisState>> {
  const axis = (abnormal: number): AxisState =>
    rng.chance(abnormal)
      ? 'abnormal'
      : rng.chance(0.04)
        ? 'not_tested'
        : 'normal';
  // Hypogonadism is the commonest POEMS endocrinopathy (Gandhi, Mayo Clin Proc 2007).
  return poems
    ? {
        gonadal: axis(0.7),
        prolactin: axis(0.2),
        thyroid: axis(0.3),
        adrenal: axis(0.15),
        parathyroid: axis(0.1),
        glucose: axis(0.25),
      }
    : {
        gonadal: axis(0.05),
        prolactin: axis(0.02),
        thyroid: axis(0.1),
        adrenal: axis(0.01),
        parathyroid: axis(0.02),
        glucose: axis(0.15),
      };
}

const EMG_DEMYELINATING = [
  'Symmetric demyelinating sensorimotor polyradiculoneuropathy with secondary axonal loss.',
  'Uniform slowing of conduction velocities, prolonged distal latencies; no conduction block.',
  'Demyelinating polyneuropathy, intermediate segments more affected than distal ones.',
] as const;

const NEURO_EXAM = [
  'Distal symmetric weakness, areflexia, stocking sensory loss.',
  'Progressive distal numbness and weakness over months; absent ankle reflexes.',
  'Symmetric sensorimotor deficits of the lower limbs, steppage gait.',
] as const;
