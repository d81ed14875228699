import { runRule } from '../../testing/inference.fixtures';
import type { SignKey } from '../protocol/signs';
import { inferBoneLesions, inferFromSigns } from './imaging.rule';

describe('bone lesion rule', () => {
  it.each([
    ['sclerotic', 'present', 'sclerotic bone lesions'],
    ['mixed', 'present', 'mixed bone lesions'],
    ['lytic', 'absent', 'purely lytic lesions (not sclerotic)'],
    ['none', 'absent', 'no bone lesions'],
  ] as const)('%s lesions → %s', (lesions, value, basis) => {
    expect(runRule(inferBoneLesions, 'bone_imaging', { lesions })).toEqual([
      { criterion: 'sclerotic_bone_lesions', value, source: 'inferred', basis },
    ]);
  });

  it('infers nothing without a lesion read', () => {
    expect(
      runRule(inferBoneLesions, 'bone_imaging', { modality: 'pet_ct' }),
    ).toEqual([]);
  });
});

describe('recorded signs rule', () => {
  const infer = (item: string, signs?: SignKey[]) =>
    runRule(inferFromSigns, item, { signs });
  const byCriterion = (item: string, signs?: SignKey[]) =>
    Object.fromEntries(infer(item, signs).map((f) => [f.criterion, f.value]));

  it('body imaging: splenomegaly → organomegaly present, volume overload absent', () => {
    expect(byCriterion('body_imaging', ['splenomegaly'])).toEqual({
      organomegaly: 'present',
      extravascular_volume_overload: 'absent',
    });
  });

  it.each(['splenomegaly', 'hepatomegaly', 'lymphadenopathy'] as const)(
    '%s shows organomegaly',
    (sign) => {
      expect(byCriterion('body_imaging', [sign])).toMatchObject({
        organomegaly: 'present',
      });
    },
  );

  it.each(['edema', 'pleural_effusion', 'ascites'] as const)(
    '%s shows extravascular volume overload',
    (sign) => {
      expect(byCriterion('body_imaging', [sign])).toMatchObject({
        extravascular_volume_overload: 'present',
      });
    },
  );

  it('names the signs in the basis, in words', () => {
    expect(
      infer('body_imaging', ['pleural_effusion', 'ascites']).find(
        (f) => f.criterion === 'extravascular_volume_overload',
      )?.basis,
    ).toBe('pleural effusion, ascites');
  });

  it('physical exam: skin changes present, other covered criteria absent when a signs list is given', () => {
    expect(
      byCriterion('physical_exam', ['hyperpigmentation', 'white_nails']),
    ).toEqual({
      skin_changes: 'present',
      extravascular_volume_overload: 'absent',
      organomegaly: 'absent',
    });
  });

  it('an empty signs list → absent for every criterion the item can show', () => {
    expect(byCriterion('physical_exam', [])).toEqual({
      skin_changes: 'absent',
      extravascular_volume_overload: 'absent',
      organomegaly: 'absent',
    });
    expect(infer('fundoscopy', [])).toEqual([
      {
        criterion: 'papilledema',
        value: 'absent',
        source: 'inferred',
        basis: 'no sign of it recorded',
      },
    ]);
  });

  it('fundoscopy: papilledema → present', () => {
    expect(byCriterion('fundoscopy', ['papilledema'])).toEqual({
      papilledema: 'present',
    });
  });

  it('echocardiogram: a pericardial effusion → volume overload present (as support)', () => {
    expect(byCriterion('echocardiogram', ['pericardial_effusion'])).toEqual({
      extravascular_volume_overload: 'present',
    });
  });

  it('skeletal imaging: infers only the criteria signs can show, never sclerotic lesions', () => {
    expect(byCriterion('bone_imaging', ['hepatomegaly'])).toEqual({
      organomegaly: 'present',
      extravascular_volume_overload: 'absent',
    });
  });

  it('other signs count for no criterion', () => {
    expect(byCriterion('echocardiogram', ['pulmonary_hypertension'])).toEqual({
      extravascular_volume_overload: 'absent',
    });
    expect(infer('pft', ['restrictive_lung_disease'])).toEqual([]);
  });

  it('no signs list → nothing inferred', () => {
    expect(infer('body_imaging')).toEqual([]);
    expect(infer('physical_exam')).toEqual([]);
  });
});
