import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { FollowupStory, lowDoseCt } from '../../../testing/followup.fixtures';

/**
 * Worked example 6 (poems-followup.md §7): 2 lesions; marrow `not_done` → `indeterminate`; missing
 * `marrow_clone`.
 */
describe('Staging: two lesions without a marrow biopsy are indeterminate', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('lists the marrow clone as the missing input', () => {
    const evaluation = FollowupStory.diagnosed('2025-03-01')
      .result('bone_imaging', '2025-02-10', lowDoseCt(2))
      .staging({ marrowClone: 'not_done' })
      .evaluate('2025-03-01');
    expect(evaluation.staging).toMatchObject({
      class: 'indeterminate',
      step: 3,
      total: 2,
      missingInputs: ['marrow_clone'],
      explanation: 'Indeterminate until recorded: marrow_clone.',
    });
  });

  it('an unrecorded marrow is read as not done, never as absent', () => {
    const evaluation = FollowupStory.diagnosed('2025-03-01')
      .result('bone_imaging', '2025-02-10', lowDoseCt(2))
      .evaluate('2025-03-01');
    expect(evaluation.staging).toMatchObject({
      class: 'indeterminate',
      missingInputs: ['marrow_clone'],
    });
  });
});
