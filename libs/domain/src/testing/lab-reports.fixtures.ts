import type {
  DecodedObservation,
  DecodedOrder,
  DecodedReport,
  InterfaceMapping,
  ItemState,
} from '../lib/lab/inbound.types';
import { parseRange } from '../lib/lab/reference-range';

/** The demo laboratory's patients (lab-interface reference §2). */
export const DOE = {
  identifiers: [
    { value: 'MRN100234', type: 'MR', authority: ['CITYHOSP', '2.16.840.1.113883.19.5'] },
    { value: '7781', type: 'PI', authority: ['STATEHIE'] },
  ],
  familyName: 'DOE',
  givenName: 'JOHN',
  birthDate: '1962-04-15',
  sex: 'M',
} as const;

/** A numeric observation as the HL7 decoder gives it. */
export function nm(
  setId: number,
  loinc: string,
  value: number,
  unit: string,
  range: string,
  flag: string,
  extra: Partial<DecodedObservation> = {},
): DecodedObservation {
  return {
    setId: String(setId),
    valueType: 'NM',
    codes: [{ code: loinc, system: 'LN' }],
    subId: '',
    value: { kind: 'number', value },
    unit,
    unitIsUcum: true,
    range,
    ...parseRange(range),
    flags: flag === '' ? [] : [flag],
    notes: [],
    ...extra,
  };
}

/** An order with its observations, final unless said otherwise. */
export function order(filler: string, observations: readonly DecodedObservation[], extra: Partial<DecodedOrder> = {}): DecodedOrder {
  return {
    fillerOrder: `${filler}^CITYLAB`,
    collectedAt: '2025-03-12T08:15:00-05:00',
    status: 'F',
    observations,
    ...extra,
  };
}

/** A report for DOE. */
export const reportOf = (...orders: DecodedOrder[]): DecodedReport => ({ patient: DOE, orders });

/** Samples 01–09 of the reference, decoded. */
export const SAMPLES = {
  vegfPlasma: reportOf(order('FIL-55120', [nm(1, '75628-8', 480, 'pg/mL', '<96.2', 'H')], { specimen: 'plasma' })),
  serumIfe: reportOf(
    order(
      'FIL-55121',
      [
        {
          setId: '1',
          valueType: 'CWE',
          codes: [{ code: '25700-6', system: 'LN' }],
          subId: '1',
          value: { kind: 'coded', coding: { code: 'IFE-AL', display: 'Monoclonal IgA lambda detected', system: '99CLAB' } },
          unitIsUcum: false,
          flags: ['A'],
          notes: [],
        },
        {
          setId: '2',
          valueType: 'FT',
          codes: [{ code: '25700-6', system: 'LN' }],
          subId: '2',
          value: { kind: 'text', text: 'Monoclonal IgA lambda band.\nAntisera: IgG|IgA|IgM|kappa|lambda' },
          unitIsUcum: false,
          flags: [],
          notes: [],
        },
      ],
      { specimen: 'serum' },
    ),
  ),
  serumFlc: reportOf(
    order(
      'FIL-55122',
      [
        nm(1, '36916-5', 12.0, 'mg/L', '3.3-19.4', 'N'),
        nm(2, '33944-0', 125.0, 'mg/L', '5.7-26.3', 'H'),
        nm(3, '48378-4', 0.1, '{ratio}', '0.26-1.65', 'L'),
      ],
      { specimen: 'serum' },
    ),
  ),
  cbc: reportOf(
    order(
      'FIL-55123',
      [
        nm(1, '6690-2', 7.2, '10*3/uL', '4.0-11.0', 'N'),
        nm(2, '718-7', 18.4, 'g/dL', '13.5-17.5', 'H'),
        nm(3, '4544-3', 55.1, '%', '41.0-53.0', 'H'),
        nm(4, '777-3', 612, '10*3/uL', '150-450', 'H'),
      ],
      { specimen: 'blood' },
    ),
  ),
  endocrine: reportOf(
    order('FIL-55124', [
      nm(1, '2986-8', 180, 'ng/dL', '264-916', 'L'),
      nm(2, '10501-5', 3.1, 'm[IU]/mL', '1.7-8.6', 'N'),
      nm(3, '15067-2', 4.0, 'm[IU]/mL', '1.5-12.4', 'N'),
      nm(4, '3016-3', 6.8, 'm[IU]/L', '0.27-4.20', 'H'),
      nm(5, '3024-7', 1.0, 'ng/dL', '0.9-1.7', 'N'),
      nm(6, '2842-3', 28.5, 'ng/mL', '4.0-15.2', 'H'),
      nm(7, '2143-6', 12.1, 'ug/dL', '6.2-19.4', 'N'),
      nm(8, '2731-8', 41, 'pg/mL', '15-65', 'N'),
      nm(9, '17861-6', 9.4, 'mg/dL', '8.6-10.3', 'N'),
      nm(10, '2345-7', 131, 'mg/dL', '70-99', 'H'),
      nm(11, '4548-4', 6.9, '%', '<5.7', 'H'),
    ]),
  ),
  vegfCorrected: reportOf(
    order('FIL-55120', [nm(1, '75628-8', 410, 'pg/mL', '<96.2', 'H', { status: 'C' })], { specimen: 'plasma', status: 'C' }),
  ),
  unknownLoinc: reportOf(order('FIL-55125', [nm(1, '2465-3', 980, 'mg/dL', '700-1600', 'N')], { specimen: 'serum' })),
} as const;

/** The CITYLAB interface's own immunofixation answers. */
export const CITYLAB_MAPPING: InterfaceMapping = {
  codedAnswers: [{ system: '99CLAB', code: 'IFE-AL', heavyChain: 'IgA', lightChain: 'lambda' }],
};

/** Open items of a fresh workup (v1 catalog keys), as the planner sees them. */
export function freshItems(overrides: Readonly<Record<string, Partial<ItemState>>> = {}): ItemState[] {
  const keys = ['emg_ncs', 'neuro_exam', 'spep', 'serum_ife', 'urine_ife', 'serum_flc', 'bone_marrow_biopsy', 'vegf', 'cbc', 'bone_imaging', 'body_imaging', 'endocrine_panel', 'physical_exam', 'fundoscopy', 'echocardiogram', 'pft'];
  return [
    ...keys.map((key) => ({ key, status: 'planned' as const, active: true, required: true, result: null, source: null, ...overrides[key] })),
    { key: 'lymph_node_biopsy', status: 'planned', active: false, required: false, result: null, source: null, ...overrides['lymph_node_biopsy'] },
  ];
}
