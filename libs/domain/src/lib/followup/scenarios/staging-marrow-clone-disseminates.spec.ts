import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  FollowupStory,
  lowDoseCt,
  marrow,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 4 (poems-followup.md §7): 1 lesion; the marrow shows λ-restricted plasma cells
 * (3%) → `disseminated`.
 */
describe('Staging: a clonal iliac-crest marrow disseminates a single lesion', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const story = FollowupStory.diagnosed('2025-03-01').result(
    'bone_imaging',
    '2025-02-10',
    lowDoseCt(1),
  );

  it('is disseminated at step 1, whatever the lesion count', () => {
    const evaluation = story
      .result('bone_marrow_biopsy', '2025-02-12', {
        ...marrow('lambda'),
        report: 'λ-restricted plasma cells, 3% of cellularity',
      })
      .evaluate('2025-03-01');
    expect(evaluation.staging).toMatchObject({
      class: 'disseminated',
      step: 1,
      inputs: { marrowClone: 'present' },
    });
    expect(evaluation.staging.trackerDefaults).toEqual([]);
    expect(evaluation.staging.implications[0].sources).toEqual(['F4']);
  });

  it('a clone in a biopsy of the lesion itself does not count as marrow involvement', () => {
    const evaluation = story
      .result('bone_marrow_biopsy', '2025-02-12', marrow('lambda', 'lesion'))
      .evaluate('2025-03-01');
    expect(evaluation.staging).toMatchObject({
      class: 'indeterminate',
      missingInputs: ['marrow_clone'],
    });
  });
});
