import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { FollowupStory } from '../../../testing/followup.fixtures';

/**
 * Worked example 3 (poems-followup.md §7): 4 lesions, marrow `not_done` → `disseminated` (step 2
 * applies before step 3).
 */
describe('Staging: four lesions are disseminated even without a marrow', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('decides at step 2, before the missing marrow could make it indeterminate', () => {
    const evaluation = FollowupStory.diagnosed('2025-03-01')
      .staging({ boneLesionCount: 4, marrowClone: 'not_done' })
      .evaluate('2025-03-01');
    expect(evaluation.staging).toMatchObject({
      class: 'disseminated',
      step: 2,
      total: 4,
      missingInputs: [],
    });
  });
});
