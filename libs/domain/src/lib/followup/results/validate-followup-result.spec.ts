import { POEMS_FOLLOWUP_V1 } from '../protocol/poems-followup.v1';
import type { ResultInput } from '../../workup/result';
import { validateFollowupResult } from './validate-followup-result';
import { chemistry, onls, pet, vegf } from '../../../testing/followup.fixtures';

const fields = (itemKey: string, result: ResultInput) =>
  validateFollowupResult(POEMS_FOLLOWUP_V1, itemKey, result).map(
    (e) => e.field,
  );

describe('validateFollowupResult', () => {
  it('refuses an item the follow-up catalog does not have', () => {
    expect(fields('lymph_node_biopsy', {})).toEqual(['itemKey']);
  });

  it('checks workup items by the workup rules (VEGF needs its specimen and pg/mL)', () => {
    expect(fields('vegf', vegf(300))).toEqual([]);
    expect(
      fields('vegf', { values: [{ name: 'VEGF', value: 300, unit: 'pg/mL' }] }),
    ).toEqual(['specimen', 'values']);
    expect(
      fields('vegf', {
        specimen: 'plasma',
        values: [{ name: 'VEGF', value: 3, unit: 'ng/mL' }],
      }),
    ).toEqual(['values[0].unit', 'values']);
  });

  it('a follow-up neurological examination records the ONLS', () => {
    expect(fields('neuro_exam', onls(1, 2, 1))).toEqual([]);
    expect(fields('neuro_exam', { onls: 3 })).toEqual([]);
    expect(fields('neuro_exam', { mrs: 1 })).toEqual(['onls']);
  });

  it('a follow-up PET records its three reader fields; a CT is accepted as it is', () => {
    expect(
      fields('bone_imaging', pet({ avid: 1, impression: 'improved' })),
    ).toEqual([]);
    expect(
      fields('bone_imaging', { modality: 'pet_ct', avidLesionCount: 1 }),
    ).toEqual(['newLesion', 'impression']);
    expect(
      fields('bone_imaging', {
        modality: 'low_dose_whole_body_ct',
        lesions: 'sclerotic',
        lesionCount: 2,
      }),
    ).toEqual([]);
  });

  it('a chemistry panel: eGFR, albumin or creatinine in known units, workup fields refused', () => {
    expect(
      fields(
        'chemistry_panel',
        chemistry({ egfr: 75, method: 'ckd_epi_2021', albuminGPerDl: 3.4 }),
      ),
    ).toEqual([]);
    expect(
      fields('chemistry_panel', {
        values: [
          { code: '2160-0', name: 'creatinine', value: 88, unit: 'µmol/L' },
        ],
      }),
    ).toEqual([]);
    expect(
      fields('chemistry_panel', {
        values: [{ name: 'albumin', value: 34, unit: 'mmol/L' }],
      }),
    ).toEqual(['values[0].unit']);
    expect(
      fields('chemistry_panel', {
        values: [{ name: 'eGFR', value: 75, unit: 'mL/min' }],
      }),
    ).toEqual(['values[0].unit']);
    expect(
      fields('chemistry_panel', {
        egfrMethod: 'mdrd',
        values: [{ name: 'albumin', value: 3.4, unit: 'g/dL' }],
      }),
    ).toEqual(['egfrMethod']);
    expect(
      fields('chemistry_panel', {
        signs: ['edema'],
        ...chemistry({ albuminGPerDl: 3 }),
      }),
    ).toEqual(['signs']);
    expect(
      fields('chemistry_panel', {
        values: [{ name: 'sodium', value: 140, unit: 'mmol/L' }],
      }),
    ).toEqual(['values']);
    expect(
      fields('chemistry_panel', {
        values: [
          { name: 'albumin', value: 3.4, unit: 'g/dL', low: 5, high: 4 },
        ],
      }),
    ).toEqual(['values[0].low']);
  });
});
