import { POEMS_FOLLOWUP_V1 } from '../protocol/poems-followup.v1';
import { resolveParameters } from '../protocol/registry';
import type { FollowupResult } from '../results/followup-result';
import { lowDoseCt, marrow } from '../../../testing/followup.fixtures';
import {
  evaluateStaging,
  mergeStagingInputs,
  stagingInputsFromResults,
  validateStagingInputs,
} from './staging';
import type { StagingInputs } from './staging.types';

const stage = (inputs: StagingInputs, limit?: number) =>
  evaluateStaging(
    POEMS_FOLLOWUP_V1,
    inputs,
    resolveParameters(
      POEMS_FOLLOWUP_V1,
      limit ? { limited_max_lesions: limit } : {},
    ),
  );
const r = (
  id: string,
  itemKey: string,
  date: string,
  result: FollowupResult['result'],
): FollowupResult => ({ id, itemKey, date, result });

describe('staging rule', () => {
  it.each<[string, StagingInputs, string, number]>([
    [
      'a marrow clone, whatever the lesions',
      { boneLesionCount: 0, marrowClone: 'present' },
      'disseminated',
      1,
    ],
    [
      'a marrow clone with the count unknown',
      { marrowClone: 'present' },
      'disseminated',
      1,
    ],
    [
      'diffuse lesions, marrow not done',
      { boneLesionCount: 'diffuse', marrowClone: 'not_done' },
      'disseminated',
      2,
    ],
    [
      '4 lesions and a clean marrow',
      { boneLesionCount: 4, marrowClone: 'absent' },
      'disseminated',
      2,
    ],
    [
      '2 lesions and 2 plasmacytomas',
      {
        boneLesionCount: 2,
        extramedullaryPlasmacytomaCount: 2,
        marrowClone: 'absent',
      },
      'disseminated',
      2,
    ],
    ['the count unknown', { marrowClone: 'absent' }, 'indeterminate', 3],
    [
      '1 lesion, marrow not recorded',
      { boneLesionCount: 1 },
      'indeterminate',
      3,
    ],
    [
      'no lesion, marrow not done',
      { boneLesionCount: 0, marrowClone: 'not_done' },
      'indeterminate',
      3,
    ],
    [
      'no lesion and a clean marrow',
      { boneLesionCount: 0, marrowClone: 'absent' },
      'no_focal_lesion',
      4,
    ],
    [
      'a plasmacytoma alone',
      {
        boneLesionCount: 0,
        extramedullaryPlasmacytomaCount: 1,
        marrowClone: 'absent',
      },
      'limited',
      5,
    ],
    [
      '3 lesions and a clean marrow',
      { boneLesionCount: 3, marrowClone: 'absent' },
      'limited',
      5,
    ],
  ])('%s → %s (step %i)', (_, inputs, expected, step) => {
    expect(stage(inputs)).toMatchObject({ class: expected, step });
  });

  it('lists what is missing, and only for indeterminate', () => {
    expect(stage({}).missingInputs).toEqual([
      'bone_lesion_count',
      'marrow_clone',
    ]);
    expect(stage({ boneLesionCount: 2 }).missingInputs).toEqual([
      'marrow_clone',
    ]);
    expect(stage({ marrowClone: 'absent' }).missingInputs).toEqual([
      'bone_lesion_count',
    ]);
    expect(stage({ boneLesionCount: 5 }).missingInputs).toEqual([]);
  });

  it('names the tracker defaults a class rests on', () => {
    expect(stage({ marrowClone: 'present' }).trackerDefaults).toEqual([]);
    expect(stage({ boneLesionCount: 'diffuse' }).trackerDefaults).toEqual([]);
    expect(
      stage({ boneLesionCount: 0, marrowClone: 'absent' }).trackerDefaults,
    ).toEqual([]);
    expect(
      stage({ boneLesionCount: 2, marrowClone: 'absent' }).trackerDefaults,
    ).toEqual(['limited_max_lesions']);
    expect(
      stage({
        boneLesionCount: 1,
        extramedullaryPlasmacytomaCount: 1,
        marrowClone: 'absent',
      }).trackerDefaults,
    ).toEqual(['limited_max_lesions', 'extramedullary_in_total']);
    expect(
      stage({
        boneLesionCount: 2,
        extramedullaryPlasmacytomaCount: 1,
        marrowClone: 'absent',
      }).explanation,
    ).toBe(
      '3 lesions (2 bone, 1 extramedullary) (limit 3) and an iliac-crest marrow without a clone: limited.',
    );
  });

  it('gives each class its decision-support sentences with sources', () => {
    for (const inputs of [
      { marrowClone: 'present' as const },
      { boneLesionCount: 1, marrowClone: 'absent' as const },
      {},
      { boneLesionCount: 0, marrowClone: 'absent' as const },
    ]) {
      const staging = stage(inputs);
      expect(staging.implications.length).toBeGreaterThan(0);
      for (const s of staging.implications) {
        expect(s.sources.length).toBeGreaterThan(0);
      }
    }
  });

  it('flags severe organ dysfunction, and DLCO and urine protein as information only', () => {
    const flags = stage({
      boneLesionCount: 1,
      marrowClone: 'absent',
      severeOrganDysfunction: true,
      dlcoPercentPredicted: 74.9,
      urineTotalProteinGPer24h: 0.093,
    }).flags;
    expect(flags.map((f) => [f.key, f.information, f.trackerDefaults])).toEqual(
      [
        ['severe_organ_dysfunction', false, []],
        ['reduced_dlco', true, []],
        ['raised_urine_protein', true, []],
      ],
    );
    expect(flags[1].rules).toEqual(['reduced_dlco_information']);
    expect(flags[1].sources).toEqual(['F9', 'F31']);
    expect(
      stage({
        dlcoPercentPredicted: 75,
        urineTotalProteinGPer24h: 0.092,
        severeOrganDysfunction: false,
      }).flags,
    ).toEqual([]);
  });

  it('the flags never change the class', () => {
    expect(
      stage({
        boneLesionCount: 1,
        marrowClone: 'absent',
        dlcoPercentPredicted: 40,
      }).class,
    ).toBe('limited');
  });
});

describe('staging inputs', () => {
  it('validates what a hematologist records', () => {
    expect(
      validateStagingInputs({
        boneLesionCount: 2,
        extramedullaryPlasmacytomaCount: 0,
        marrowClone: 'absent',
      }),
    ).toEqual([]);
    expect(
      validateStagingInputs({
        boneLesionCount: -1,
        extramedullaryPlasmacytomaCount: 0.5,
        marrowClone: 'maybe' as never,
        boneImagingModality: 'xray' as never,
        severeOrganDysfunction: 'yes' as never,
        dlcoPercentPredicted: -3,
        urineTotalProteinGPer24h: Number.POSITIVE_INFINITY,
      }).map((e) => e.field),
    ).toEqual([
      'boneLesionCount',
      'extramedullaryPlasmacytomaCount',
      'marrowClone',
      'boneImagingModality',
      'severeOrganDysfunction',
      'dlcoPercentPredicted',
      'urineTotalProteinGPer24h',
    ]);
  });

  it('proposes inputs from the latest results up to the day, ignoring lesion biopsies', () => {
    const results = [
      r('ct1', 'bone_imaging', '2025-01-05', lowDoseCt(4)),
      r('ct2', 'bone_imaging', '2025-02-05', lowDoseCt(2)),
      r('ct3', 'bone_imaging', '2025-04-05', lowDoseCt(6)),
      r('bm1', 'bone_marrow_biopsy', '2025-02-06', marrow('none')),
      r('bm2', 'bone_marrow_biopsy', '2025-02-07', marrow('lambda', 'lesion')),
      r('pft', 'pft', '2025-02-08', { dlcoPercentPredicted: 62 }),
      r('u', 'urine_ife', '2025-02-09', {
        heavyChain: 'none',
        values: [
          { code: '2889-4', name: 'protein', value: 0.2, unit: 'g/24h' },
        ],
      }),
    ];
    expect(stagingInputsFromResults(results, '2025-03-01')).toEqual({
      inputs: {
        boneLesionCount: 2,
        boneImagingModality: 'low_dose_whole_body_ct',
        marrowClone: 'absent',
        dlcoPercentPredicted: 62,
        urineTotalProteinGPer24h: 0.2,
      },
      fromResults: {
        boneLesionCount: 'ct2',
        boneImagingModality: 'ct2',
        marrowClone: 'bm1',
        dlcoPercentPredicted: 'pft',
        urineTotalProteinGPer24h: 'u',
      },
    });
  });

  it('a read with no lesions proposes 0; a read with lesions but no count proposes nothing', () => {
    expect(
      stagingInputsFromResults(
        [r('a', 'bone_imaging', '2025-01-01', { lesions: 'none' })],
        '2025-03-01',
      ).inputs.boneLesionCount,
    ).toBe(0);
    expect(
      stagingInputsFromResults(
        [r('a', 'bone_imaging', '2025-01-01', { lesions: 'sclerotic' })],
        '2025-03-01',
      ).inputs,
    ).toEqual({});
  });

  it('what the hematologist recorded wins over the proposal; an empty field keeps the proposal', () => {
    expect(
      mergeStagingInputs(
        { boneLesionCount: 2, marrowClone: 'absent' },
        { boneLesionCount: 3, marrowClone: null },
      ),
    ).toEqual({
      boneLesionCount: 3,
      marrowClone: 'absent',
    });
    expect(mergeStagingInputs({ boneLesionCount: 2 }, undefined)).toEqual({
      boneLesionCount: 2,
    });
  });
});
