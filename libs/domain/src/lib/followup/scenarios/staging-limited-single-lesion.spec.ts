import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  FollowupStory,
  lowDoseCt,
  marrow,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 1 (poems-followup.md §7): low-dose CT shows one sclerotic L2 lesion; the iliac
 * crest marrow shows no clone → `limited`; text: radiation [F9].
 */
describe('Staging: one sclerotic lesion and a clean iliac-crest marrow is limited', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const evaluation = FollowupStory.diagnosed('2025-03-01')
    .result('bone_imaging', '2025-02-10', lowDoseCt(1))
    .result('bone_marrow_biopsy', '2025-02-12', marrow('none'))
    .evaluate('2025-03-01');

  it('reads the count from the CT and the marrow from the iliac-crest biopsy, and stages limited at step 5', () => {
    expect(evaluation.staging).toMatchObject({
      class: 'limited',
      step: 5,
      total: 1,
      limitedMaxLesions: 3,
      missingInputs: [],
      inputs: {
        boneLesionCount: 1,
        boneImagingModality: 'low_dose_whole_body_ct',
        marrowClone: 'absent',
        extramedullaryPlasmacytomaCount: 0,
      },
      fromResults: {
        boneLesionCount: 'bone_imaging@2025-02-10',
        marrowClone: 'bone_marrow_biopsy@2025-02-12',
      },
    });
  });

  it('gives radiation as the published first-line approach, citing Humeniuk [F9]', () => {
    expect(evaluation.staging.implications[0]).toEqual({
      text: 'The published first-line approach is radiation to the lesion(s).',
      sources: ['F2', 'F4', 'F9', 'F27'],
    });
    expect(evaluation.staging.implications.flatMap((s) => s.sources)).toContain(
      'F9',
    );
  });

  it('marks the lesion limit as a tracker default', () => {
    expect(evaluation.staging.trackerDefaults).toEqual(['limited_max_lesions']);
    expect(evaluation.staging.rules).toEqual([
      'staging_rule',
      'limited_max_lesions',
    ]);
  });
});
