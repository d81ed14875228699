import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import { getCatalogItem } from '../protocol/registry';
import type { ResultInput } from './result';
import {
  MEASURES_BY_ITEM,
  onlsTotal,
  validateResultMeasures,
} from './result-measures';
import { validateResult } from './result-validation';

const fields = (itemKey: string, result: ResultInput) =>
  validateResultMeasures(itemKey, result).map((e) => e.field);

describe('follow-up measures on results', () => {
  it('accepts each measure only on its item', () => {
    expect(fields('vegf', { onls: 3 })).toEqual(['onls']);
    expect(fields('neuro_exam', { paspMmHg: 40 })).toEqual(['paspMmHg']);
    expect(fields('echocardiogram', { paspMmHg: 40 })).toEqual([]);
    expect(fields('pft', { dlcoPercentPredicted: 60 })).toEqual([]);
    expect(fields('chemistry_panel', { egfrMethod: 'mdrd' })).toEqual([]);
    expect(MEASURES_BY_ITEM['bone_imaging']).toEqual([
      'lesionCount',
      'avidLesionCount',
      'newLesion',
      'impression',
    ]);
  });

  it('ONLS: arm 0–5, leg 0–7, total 0–12, recorded together and summed', () => {
    expect(
      fields('neuro_exam', { onlsArm: 5, onlsLeg: 7, onls: 12, mrs: 6 }),
    ).toEqual([]);
    expect(fields('neuro_exam', { onlsArm: 6, onlsLeg: 1 })).toEqual([
      'onlsArm',
    ]);
    expect(fields('neuro_exam', { onlsArm: 1, onlsLeg: 8 })).toEqual([
      'onlsLeg',
    ]);
    expect(fields('neuro_exam', { onlsArm: 1.5, onlsLeg: 1 })).toEqual([
      'onlsArm',
    ]);
    expect(fields('neuro_exam', { onls: 13 })).toEqual(['onls']);
    expect(fields('neuro_exam', { onls: 4 })).toEqual([]);
    expect(fields('neuro_exam', { onlsArm: 1 })).toEqual(['onlsLeg']);
    expect(fields('neuro_exam', { onlsLeg: 1 })).toEqual(['onlsArm']);
    expect(fields('neuro_exam', { onlsArm: 1, onlsLeg: 2, onls: 4 })).toEqual([
      'onls',
    ]);
    expect(fields('neuro_exam', { mrs: 7 })).toEqual(['mrs']);
    expect(fields('neuro_exam', { mrs: -1 })).toEqual(['mrs']);
  });

  it('reads the ONLS total from the total or the two limbs', () => {
    expect(onlsTotal({ onls: 4 })).toBe(4);
    expect(onlsTotal({ onlsArm: 1, onlsLeg: 5 })).toBe(6);
    expect(onlsTotal({ onlsArm: 1 })).toBeUndefined();
    expect(onlsTotal({})).toBeUndefined();
  });

  it('PET reader fields only on an FDG-PET/CT, with valid values', () => {
    expect(
      fields('bone_imaging', {
        modality: 'pet_ct',
        avidLesionCount: 2,
        newLesion: false,
        impression: 'improved',
      }),
    ).toEqual([]);
    expect(
      fields('bone_imaging', {
        modality: 'low_dose_whole_body_ct',
        avidLesionCount: 2,
      }),
    ).toEqual(['avidLesionCount']);
    expect(
      fields('bone_imaging', { avidLesionCount: 2, newLesion: true }),
    ).toEqual(['avidLesionCount', 'newLesion']);
    expect(
      fields('bone_imaging', { modality: 'pet_ct', avidLesionCount: -1 }),
    ).toEqual(['avidLesionCount']);
    expect(
      fields('bone_imaging', {
        modality: 'pet_ct',
        impression: 'better' as never,
      }),
    ).toEqual(['impression']);
    expect(
      fields('bone_imaging', {
        modality: 'pet_ct',
        avidLesionCount: 1,
        impression: 'resolved',
      }),
    ).toEqual(['impression']);
  });

  it('lesion count: a whole number or diffuse, agreeing with the read', () => {
    expect(
      fields('bone_imaging', { lesions: 'sclerotic', lesionCount: 2 }),
    ).toEqual([]);
    expect(
      fields('bone_imaging', { lesions: 'mixed', lesionCount: 'diffuse' }),
    ).toEqual([]);
    expect(fields('bone_imaging', { lesions: 'none', lesionCount: 0 })).toEqual(
      [],
    );
    expect(fields('bone_imaging', { lesions: 'none', lesionCount: 2 })).toEqual(
      ['lesionCount'],
    );
    expect(
      fields('bone_imaging', { lesions: 'sclerotic', lesionCount: 0 }),
    ).toEqual(['lesionCount']);
    expect(fields('bone_imaging', { lesionCount: 1.5 })).toEqual([
      'lesionCount',
    ]);
    expect(fields('bone_imaging', { lesionCount: 'many' as never })).toEqual([
      'lesionCount',
    ]);
  });

  it('marrow site, eGFR method, PASP and DLCO take their own values', () => {
    expect(fields('bone_marrow_biopsy', { marrowSite: 'iliac_crest' })).toEqual(
      [],
    );
    expect(
      fields('bone_marrow_biopsy', { marrowSite: 'sternum' as never }),
    ).toEqual(['marrowSite']);
    expect(
      fields('chemistry_panel', { egfrMethod: 'cockcroft' as never }),
    ).toEqual(['egfrMethod']);
    expect(fields('echocardiogram', { paspMmHg: -2 })).toEqual(['paspMmHg']);
    expect(fields('pft', { dlcoPercentPredicted: Number.NaN })).toEqual([
      'dlcoPercentPredicted',
    ]);
  });

  it('the workup result check includes them, so a workup result can carry them too', () => {
    const neuro = getCatalogItem(POEMS_DISPENZIERI_V1, 'neuro_exam');
    expect(validateResult(neuro, { onlsArm: 1, onlsLeg: 5, mrs: 2 })).toEqual(
      [],
    );
    expect(
      validateResult(neuro, { onlsArm: 9, onlsLeg: 5 }).map((e) => e.field),
    ).toEqual(['onlsArm']);
    const vegf = getCatalogItem(POEMS_DISPENZIERI_V1, 'vegf');
    expect(
      validateResult(vegf, { specimen: 'plasma', mrs: 2 }).map((e) => e.field),
    ).toEqual(['mrs']);
  });
});
