import type { SignKey } from '../lib/protocol/signs';
import type {
  AxisState,
  EndocrineAxis,
  HeavyChain,
  LightChain,
  QuantityValue,
  ResultInput,
} from '../lib/workup/result';
import { WorkupBuilder } from './workup.builder';

/** A plasma VEGF result in pg/mL. */
export const plasmaVegf = (pgPerMl: number): ResultInput => ({
  specimen: 'plasma',
  values: [{ code: '75628-8', name: 'VEGF', value: pgPerMl, unit: 'pg/mL' }],
});

/** A serum VEGF result in pg/mL, with the laboratory's upper limit when it sent one. */
export const serumVegf = (pgPerMl: number, high?: number): ResultInput => ({
  specimen: 'serum',
  values: [
    {
      code: '75628-8',
      name: 'VEGF',
      value: pgPerMl,
      unit: 'pg/mL',
      ...(high === undefined ? {} : { high }),
    },
  ],
});

/** A positive immunofixation. */
export const monoclonalProtein = (
  heavyChain: HeavyChain,
  lightChain: LightChain,
): ResultInput => ({ heavyChain, lightChain });

/** A negative immunofixation. */
export const noMonoclonalProtein: ResultInput = { heavyChain: 'none' };

/** An SPEP with an M-spike in g/dL (0 = none). */
export const spepMSpike = (gPerDl: number): ResultInput => ({
  values: [{ code: '33358-3', name: 'M-spike', value: gPerDl, unit: 'g/dL' }],
});

/** Serum free light chains with a κ/λ ratio. */
export const flcRatio = (ratio: number): ResultInput => ({
  values: [
    { code: '48378-4', name: 'kappa/lambda ratio', value: ratio, unit: '1' },
  ],
});

/** A CBC with valid, normal defaults for a man. */
export const cbcResult = (
  overrides: {
    platelets?: number;
    hemoglobin?: number;
    hematocrit?: number;
  } = {},
): ResultInput => {
  const { platelets = 250, hemoglobin = 14.5, hematocrit = 43 } = overrides;
  const values: QuantityValue[] = [
    { code: '777-3', name: 'Platelets', value: platelets, unit: '10*9/L' },
    { code: '718-7', name: 'Hemoglobin', value: hemoglobin, unit: 'g/dL' },
    { code: '4544-3', name: 'Hematocrit', value: hematocrit, unit: '%' },
  ];
  return { values };
};

/** An endocrine panel: every axis normal unless listed. */
export const endocrinePanel = (
  abnormal: readonly EndocrineAxis[] = [],
  notTested: readonly EndocrineAxis[] = [],
): ResultInput => {
  const axes: Partial<Record<EndocrineAxis, AxisState>> = {};
  for (const axis of [
    'gonadal',
    'prolactin',
    'thyroid',
    'adrenal',
    'parathyroid',
    'glucose',
  ] as const) {
    axes[axis] = abnormal.includes(axis)
      ? 'abnormal'
      : notTested.includes(axis)
        ? 'not_tested'
        : 'normal';
  }
  return { axes };
};

/** A result recording signs (an empty list = looked, found none). */
export const signs = (...recorded: SignKey[]): ResultInput => ({
  signs: recorded,
});

/**
 * The classic λ case (male): demyelinating polyneuropathy on EMG, IgA λ on serum immunofixation,
 * plasma VEGF 850 pg/mL, sclerotic lesions, hyperpigmentation and edema, hypogonadism. Everything
 * else still planned; the lymph node biopsy not activated.
 */
export function aClassicLambdaWorkup(): WorkupBuilder {
  return WorkupBuilder.opened({ sex: 'male' })
    .asserted('emg_ncs', { polyneuropathy: 'present' })
    .result('serum_ife', monoclonalProtein('IgA', 'lambda'))
    .result('vegf', plasmaVegf(850))
    .result('bone_imaging', {
      lesions: 'sclerotic',
      modality: 'low_dose_whole_body_ct',
    })
    .result('physical_exam', signs('hyperpigmentation', 'edema'))
    .result('endocrine_panel', endocrinePanel(['gonadal']));
}
