import {
  bodyCt,
  flc,
  ifeNegative,
  ifePositive,
  marrow,
  pet,
  spep,
  vegf,
} from '../../../testing/followup.fixtures';
import {
  aboveUln,
  abnormalEndocrineAxis,
  chemistryReading,
  dflc,
  flcRatioNormal,
  freeLightChainReading,
  immunofixationReading,
  marrowReading,
  mSpikeGPerDl,
  neuroReading,
  papilledemaShown,
  petReading,
  pleuralEffusionOnImaging,
  urineProteinGPer24h,
  vegfReading,
} from './readings';

describe('follow-up readings', () => {
  it('VEGF: value, specimen, upper limit, flag and confounders', () => {
    expect(vegfReading(vegf(300, { confounders: ['copd'] }))).toEqual({
      value: 300,
      specimen: 'plasma',
      uln: 96.2,
      flag: 'H',
      confounders: ['copd'],
    });
    expect(vegfReading(vegf(300, { uln: null }))).toEqual({
      value: 300,
      specimen: 'plasma',
      confounders: [],
    });
    expect(
      vegfReading({ values: [{ name: 'VEGF', value: 300, unit: 'pg/mL' }] }),
    ).toBeUndefined();
    expect(
      vegfReading({
        specimen: 'plasma',
        values: [{ name: 'VEGF', value: 3, unit: 'ng/mL' }],
      }),
    ).toBeUndefined();
  });

  it('above the ULN: by the number, else the flag, else unknown', () => {
    expect(aboveUln(97, 96.2, undefined)).toBe(true);
    expect(aboveUln(96.2, 96.2, 'H')).toBe(false);
    expect(aboveUln(500, undefined, 'H')).toBe(true);
    expect(aboveUln(500, undefined, 'N')).toBe(false);
    expect(aboveUln(500, undefined, undefined)).toBeUndefined();
  });

  it('immunofixation: chains read positive, heavy chain none negative, an assertion decides', () => {
    expect(immunofixationReading(ifePositive('IgA', 'lambda'))).toEqual({
      state: 'positive',
      lightChain: 'lambda',
    });
    expect(immunofixationReading({ heavyChain: 'IgG' })).toEqual({
      state: 'positive',
    });
    expect(immunofixationReading(ifeNegative)).toEqual({ state: 'negative' });
    expect(immunofixationReading({ report: 'see scan' })).toBeUndefined();
    expect(
      immunofixationReading({
        ...ifeNegative,
        findings: [
          { criterion: 'monoclonal_plasma_cell_disorder', value: 'present' },
        ],
      }),
    ).toEqual({ state: 'positive' });
    expect(
      immunofixationReading({
        ...ifePositive('IgG', 'kappa'),
        findings: [
          { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
        ],
      }),
    ).toEqual({ state: 'negative' });
    expect(
      immunofixationReading({
        ...ifeNegative,
        findings: [
          {
            criterion: 'monoclonal_plasma_cell_disorder',
            value: 'indeterminate',
          },
        ],
      }),
    ).toBeUndefined();
  });

  it('M-spike in g/dL; g/L converted; unknown unit unread', () => {
    expect(mSpikeGPerDl(spep(0.7))).toBe(0.7);
    expect(
      mSpikeGPerDl({ values: [{ name: 'M-spike', value: 7, unit: 'g/L' }] }),
    ).toBeCloseTo(0.7);
    expect(
      mSpikeGPerDl({ values: [{ name: 'M-spike', value: 7, unit: 'mmol/L' }] }),
    ).toBeUndefined();
    expect(mSpikeGPerDl({ report: 'no band' })).toBeUndefined();
  });

  it('free light chains: the ratio is never read as κ, mg/dL converted, dFLC by the involved chain', () => {
    const reading = freeLightChainReading({
      values: [
        { name: 'kappa/lambda ratio', value: 0.1, unit: '1' },
        { name: 'kappa', value: 1.5, unit: 'mg/dL' },
        { name: 'lambda', value: 150, unit: 'mg/L' },
      ],
    });
    expect(reading).toEqual({ kappa: 15, lambda: 150, ratio: { value: 0.1 } });
    expect(dflc(reading, 'lambda')).toBe(135);
    expect(dflc(reading, 'kappa')).toBe(-135);
    expect(dflc(reading, undefined)).toBeUndefined();
    expect(
      dflc(freeLightChainReading(flc({ ratio: 1 })), 'lambda'),
    ).toBeUndefined();
  });

  it('the κ/λ ratio is judged by the laboratory range, else the protocol default', () => {
    const defaults = { low: 0.26, high: 1.65 };
    expect(
      flcRatioNormal({ value: 1.2, low: 0.26, high: 1.65 }, defaults),
    ).toBe(true);
    expect(flcRatioNormal({ value: 1.7 }, defaults)).toBe(false);
    expect(flcRatioNormal({ value: 1.7, low: 0.3, high: 1.8 }, defaults)).toBe(
      true,
    );
    expect(flcRatioNormal(undefined, defaults)).toBeUndefined();
  });

  it('marrow: a light chain is a clone; a clean marrow is asserted; only a lesion site is not iliac crest', () => {
    expect(marrowReading(marrow('lambda'))).toEqual({
      clone: 'present',
      lightChain: 'lambda',
      site: 'iliac_crest',
      iliacCrest: true,
    });
    expect(marrowReading(marrow('none'))).toMatchObject({
      clone: 'absent',
      iliacCrest: true,
    });
    expect(marrowReading(marrow('kappa', 'lesion'))).toMatchObject({
      clone: 'present',
      iliacCrest: false,
    });
    expect(marrowReading({ report: 'hypocellular' })).toEqual({
      iliacCrest: true,
    });
  });

  it('PET reader fields only from an FDG-PET/CT', () => {
    expect(petReading(pet({ avid: 2, impression: 'worse' }))).toEqual({
      avidLesionCount: 2,
      newLesion: false,
      impression: 'worse',
    });
    expect(petReading({ modality: 'low_dose_whole_body_ct' })).toBeUndefined();
  });

  it('neurological scales: the total from the limbs, the mRS beside', () => {
    expect(neuroReading({ onlsArm: 1, onlsLeg: 5, mrs: 3 })).toEqual({
      onls: 6,
      onlsArm: 1,
      onlsLeg: 5,
      mrs: 3,
    });
    expect(neuroReading({ mrs: 2 })).toEqual({ mrs: 2 });
  });

  it('chemistry: eGFR with the recorded method, else the one its LOINC code names; albumin in g/dL', () => {
    expect(
      chemistryReading({
        values: [
          {
            code: '33914-3',
            name: 'eGFR',
            value: 28,
            unit: 'mL/min/{1.73_m2}',
          },
          { name: 'albumin', value: 30, unit: 'g/L' },
          { name: 'creatinine', value: 176.84, unit: 'umol/L' },
        ],
      }),
    ).toEqual({
      egfr: { value: 28, method: 'mdrd' },
      albuminGPerDl: 3,
      creatinineMgPerDl: 2,
    });
    expect(
      chemistryReading({
        values: [{ name: 'eGFR', value: 28, unit: 'mL/min/1.73 m²' }],
      }),
    ).toEqual({ egfr: { value: 28 } });
    expect(
      chemistryReading({
        egfrMethod: 'ckd_epi_2021',
        values: [
          { code: '33914-3', name: 'eGFR', value: 28, unit: 'mL/min/1.73m2' },
        ],
      }),
    ).toEqual({ egfr: { value: 28, method: 'ckd_epi_2021' } });
  });

  it('24-hour urine protein in g/24 h', () => {
    expect(
      urineProteinGPer24h({
        values: [
          { code: '2889-4', name: 'protein', value: 150, unit: 'mg/24h' },
        ],
      }),
    ).toBeCloseTo(0.15);
    expect(urineProteinGPer24h(ifeNegative)).toBeUndefined();
  });

  it('pleural effusion: body imaging or CT skeletal imaging that recorded its signs', () => {
    expect(
      pleuralEffusionOnImaging('body_imaging', bodyCt('pleural_effusion')),
    ).toBe(true);
    expect(pleuralEffusionOnImaging('body_imaging', bodyCt())).toBe(false);
    expect(
      pleuralEffusionOnImaging('body_imaging', {
        modality: 'abdominal_ultrasound',
      }),
    ).toBeUndefined();
    expect(
      pleuralEffusionOnImaging('bone_imaging', {
        modality: 'skeletal_survey',
        signs: ['pleural_effusion'],
      }),
    ).toBeUndefined();
    expect(
      pleuralEffusionOnImaging('bone_imaging', {
        modality: 'low_dose_whole_body_ct',
        signs: ['pleural_effusion'],
      }),
    ).toBe(true);
    expect(
      pleuralEffusionOnImaging('physical_exam', {
        signs: ['pleural_effusion'],
      }),
    ).toBeUndefined();
  });

  it('endocrine axis and papilledema: shown, not shown, or not said', () => {
    expect(
      abnormalEndocrineAxis({
        axes: { gonadal: 'abnormal', thyroid: 'normal' },
      }),
    ).toBe(true);
    expect(abnormalEndocrineAxis({ axes: { gonadal: 'normal' } })).toBe(false);
    expect(
      abnormalEndocrineAxis({ axes: { gonadal: 'not_tested' } }),
    ).toBeUndefined();
    expect(
      abnormalEndocrineAxis({
        findings: [{ criterion: 'endocrinopathy', value: 'present' }],
      }),
    ).toBe(true);
    expect(papilledemaShown({ signs: ['papilledema'] })).toBe(true);
    expect(papilledemaShown({ signs: [] })).toBe(false);
    expect(
      papilledemaShown({
        findings: [{ criterion: 'papilledema', value: 'absent' }],
      }),
    ).toBe(false);
    expect(papilledemaShown({ report: 'pending' })).toBeUndefined();
  });
});
