import type { Sex } from '@poems/domain';

/*
 * Demo patients in follow-up (poems-followup.md): each goes through the workup to `criteria_met`,
 * the sign-off, staging, a treatment line and follow-up results, with dates as day offsets from
 * the first start (negative = in the past), so overdue instances are overdue then.
 */

/** A result recorded on a follow-up instance: item, time point, day offset, body. */
export interface DemoFollowupResult {
  readonly itemKey: string;
  readonly timePoint: string;
  readonly day: number;
  readonly body: Record<string, unknown>;
}

export interface DemoFollowupPatient {
  readonly mrn: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly story: string;
  /** Workup results (item key → body) recorded on `workupDay`. */
  readonly workup: Readonly<Record<string, Record<string, unknown>>>;
  readonly workupDay: number;
  readonly diagnosisDay: number;
  readonly staging: Record<string, unknown>;
  readonly line: {
    readonly regimenClass: string;
    readonly startDay: number;
    readonly endDay?: number;
    readonly transplantDay?: number;
  };
  readonly results: readonly DemoFollowupResult[];
  /**
   * Time points deliberately left undone (they are overdue in the demo). Every other instance due
   * before today is recorded by the seeder as it would have happened.
   */
  readonly missed?: readonly string[];
}

const ULN = 96.2;
export const vegfPlasma = (value: number): Record<string, unknown> => ({
  specimen: 'plasma',
  values: [{ code: '75628-8', name: 'VEGF', value, unit: 'pg/mL', high: ULN }],
});
const EMG = {
  report: 'Demyelinating sensorimotor polyradiculoneuropathy.',
  findings: [{ criterion: 'polyneuropathy', value: 'present' }],
};
const IFE = { heavyChain: 'IgA', lightChain: 'lambda' };
// ONLS arm 1 + leg 3 and mRS 3: walks with a stick, the usual picture at a POEMS diagnosis.
const NEURO = { onlsArm: 1, onlsLeg: 3, mrs: 3 };
const SKIN = { signs: ['edema', 'hyperpigmentation'] };
const spep = (gPerDl: number): Record<string, unknown> => ({
  values: [{ code: '33358-3', name: 'M-spike', value: gPerDl, unit: 'g/dL' }],
});

export const DEMO_FOLLOWUP_PATIENTS: readonly DemoFollowupPatient[] = [
  {
    mrn: 'DEMO-F01',
    givenName: 'Lena',
    familyName: 'Radiation',
    birthDate: '1968-03-02',
    sex: 'female',
    story:
      'Limited disease (one lesion, marrow clear) treated with radiation: VEGF normalised, then a VEGF relapse at M12.',
    workup: {
      emg_ncs: EMG,
      serum_ife: IFE,
      vegf: vegfPlasma(400),
      physical_exam: SKIN,
      neuro_exam: NEURO,
    },
    workupDay: -430,
    diagnosisDay: -425,
    staging: { boneLesionCount: 1, marrowClone: 'absent' },
    line: { regimenClass: 'radiation', startDay: -420, endDay: -380 },
    // M12 falls about two weeks ago: its result is the one nearest the target, and the later one confirms.
    results: [
      { itemKey: 'vegf', timePoint: 'M3', day: -290, body: vegfPlasma(80) },
      { itemKey: 'vegf', timePoint: 'M6', day: -200, body: vegfPlasma(70) },
      { itemKey: 'vegf', timePoint: 'M12', day: -20, body: vegfPlasma(160) },
      { itemKey: 'vegf', timePoint: 'M12', day: -2, body: vegfPlasma(180) },
    ],
  },
  {
    mrn: 'DEMO-F02',
    givenName: 'Tomas',
    familyName: 'Transplant',
    birthDate: '1975-09-14',
    sex: 'male',
    story:
      'ASCT: two FDG-avid lesions at baseline, PET complete response at M6, then a new avid lesion at M12.',
    workup: {
      emg_ncs: EMG,
      serum_ife: IFE,
      vegf: vegfPlasma(520),
      physical_exam: SKIN,
      neuro_exam: NEURO,
      bone_imaging: {
        modality: 'pet_ct',
        lesions: 'sclerotic',
        lesionCount: 2,
        avidLesionCount: 2,
        report: 'Two FDG-avid sclerotic lesions (T10, right iliac).',
      },
    },
    workupDay: -520,
    diagnosisDay: -515,
    staging: { boneLesionCount: 2, marrowClone: 'present' },
    line: {
      regimenClass: 'asct_melphalan',
      startDay: -500,
      transplantDay: -430,
      endDay: -420,
    },
    // VEGF normalises after the transplant: the relapse shows on PET first.
    results: [
      { itemKey: 'vegf', timePoint: 'M3', day: -339, body: vegfPlasma(150) },
      { itemKey: 'vegf', timePoint: 'M6', day: -247, body: vegfPlasma(70) },
      { itemKey: 'vegf', timePoint: 'M12', day: -30, body: vegfPlasma(75) },
      {
        itemKey: 'bone_imaging',
        timePoint: 'M6',
        day: -247,
        body: {
          modality: 'pet_ct',
          avidLesionCount: 0,
          newLesion: false,
          impression: 'resolved',
        },
      },
      {
        itemKey: 'bone_imaging',
        timePoint: 'M12',
        day: -30,
        body: {
          modality: 'pet_ct',
          avidLesionCount: 1,
          newLesion: true,
          impression: 'worse',
          report: 'New FDG-avid rib lesion.',
        },
      },
    ],
  },
  {
    mrn: 'DEMO-F03',
    givenName: 'Ines',
    familyName: 'Lenalidomide',
    birthDate: '1959-11-23',
    sex: 'female',
    story:
      'Lenalidomide–dexamethasone: measurable M-spike 1.2 g/dL halves by M3 (hematologic PR).',
    workup: {
      emg_ncs: EMG,
      serum_ife: { heavyChain: 'IgG', lightChain: 'lambda' },
      spep: spep(1.2),
      vegf: vegfPlasma(610),
      physical_exam: SKIN,
      neuro_exam: NEURO,
    },
    workupDay: -210,
    diagnosisDay: -205,
    staging: { boneLesionCount: 4, marrowClone: 'present' },
    line: { regimenClass: 'lenalidomide_dexamethasone', startDay: -200 },
    results: [
      { itemKey: 'spep', timePoint: 'M3', day: -110, body: spep(0.5) },
      { itemKey: 'vegf', timePoint: 'M3', day: -110, body: vegfPlasma(250) },
      {
        itemKey: 'serum_ife',
        timePoint: 'M3',
        day: -110,
        body: { heavyChain: 'IgG', lightChain: 'lambda' },
      },
    ],
  },
  {
    mrn: 'DEMO-F04',
    givenName: 'Noor',
    familyName: 'Notelevated',
    birthDate: '1970-06-30',
    sex: 'male',
    story:
      'VEGF not evaluable: the baseline plasma VEGF was within the normal range (sclerotic lesion as the major criterion).',
    workup: {
      emg_ncs: EMG,
      serum_ife: IFE,
      vegf: vegfPlasma(80),
      physical_exam: SKIN,
      neuro_exam: NEURO,
      bone_imaging: {
        modality: 'ct',
        lesions: 'sclerotic',
        lesionCount: 1,
        findings: [{ criterion: 'sclerotic_bone_lesions', value: 'present' }],
      },
    },
    workupDay: -160,
    diagnosisDay: -155,
    staging: { boneLesionCount: 1, marrowClone: 'absent' },
    line: { regimenClass: 'melphalan_dexamethasone', startDay: -150 },
    results: [
      { itemKey: 'vegf', timePoint: 'M3', day: -60, body: vegfPlasma(60) },
    ],
  },
  {
    mrn: 'DEMO-F05',
    givenName: 'Otto',
    familyName: 'Overdue',
    birthDate: '1964-01-09',
    sex: 'male',
    story:
      'Lenalidomide–dexamethasone: M3 done, the M6 instances overdue (nobody scheduled them).',
    workup: {
      emg_ncs: EMG,
      serum_ife: IFE,
      vegf: vegfPlasma(700),
      physical_exam: SKIN,
      neuro_exam: NEURO,
    },
    workupDay: -260,
    diagnosisDay: -255,
    staging: { boneLesionCount: 'diffuse', marrowClone: 'present' },
    line: { regimenClass: 'lenalidomide_dexamethasone', startDay: -250 },
    missed: ['M6'],
    results: [
      { itemKey: 'vegf', timePoint: 'M3', day: -160, body: vegfPlasma(300) },
    ],
  },
];

/** Routine findings of a follow-up visit where the story has no earlier result of the item. */
const ROUTINE_NORMAL: Readonly<Record<string, Record<string, unknown>>> = {
  cbc: {
    values: [
      {
        code: '777-3',
        name: 'Platelets',
        value: 290,
        unit: '10*9/L',
        low: 150,
        high: 450,
      },
      {
        code: '718-7',
        name: 'Hemoglobin',
        value: 13.4,
        unit: 'g/dL',
        low: 12,
        high: 16,
      },
    ],
  },
  chemistry_panel: {
    values: [
      { code: '2160-0', name: 'Creatinine', value: 0.9, unit: 'mg/dL' },
      { code: '1751-7', name: 'Albumin', value: 3.9, unit: 'g/dL' },
    ],
  },
  serum_flc: {
    values: [
      {
        code: '36916-5',
        name: 'Kappa free light chains',
        value: 16,
        unit: 'mg/L',
      },
      {
        code: '33944-0',
        name: 'Lambda free light chains',
        value: 24,
        unit: 'mg/L',
      },
      {
        code: '48378-4',
        name: 'Kappa/Lambda ratio',
        value: 0.67,
        low: 0.26,
        high: 1.65,
        unit: '{ratio}',
      },
    ],
  },
  urine_ife: { heavyChain: 'none' },
};

/** Workup items whose result is also the shape a follow-up visit records (bone imaging is not: a follow-up PET carries reader fields). */
const CARRIED_FROM_WORKUP = new Set([
  'vegf',
  'serum_ife',
  'spep',
  'emg_ncs',
  'physical_exam',
  'neuro_exam',
]);

/**
 * What a routine visit on `day` found for an item the story does not mention then: the item's
 * latest earlier result carried forward (a stable course), else a normal finding; undefined when
 * neither exists, so the demo data must say it.
 */
export function routineResult(
  patient: DemoFollowupPatient,
  itemKey: string,
  day: number,
): Record<string, unknown> | undefined {
  const earlier = patient.results
    .filter((r) => r.itemKey === itemKey && r.day <= day)
    .reduce<
      DemoFollowupResult | undefined
    >((latest, r) => (latest === undefined || r.day >= latest.day ? r : latest), undefined);
  if (earlier) {
    return earlier.body;
  }
  const atWorkup = patient.workup[itemKey];
  if (atWorkup && CARRIED_FROM_WORKUP.has(itemKey)) {
    return atWorkup;
  }
  return ROUTINE_NORMAL[itemKey];
}
