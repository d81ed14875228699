import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { evaluateStaging } from '../staging/staging';
import { POEMS_FOLLOWUP_V1 } from '../protocol/poems-followup.v1';
import { resolveParameters } from '../protocol/registry';
import { FollowupStory } from '../../../testing/followup.fixtures';

/**
 * Worked example 2 (poems-followup.md §7): 3 lesions, marrow `absent` → `limited`; with
 * `limited_max_lesions` = 2 → `disseminated`.
 */
describe('Staging: three lesions are limited by default, disseminated with a limit of 2', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const inputs = { boneLesionCount: 3, marrowClone: 'absent' as const };

  it('is limited with the default limit of 3', () => {
    const staging = evaluateStaging(
      POEMS_FOLLOWUP_V1,
      inputs,
      resolveParameters(POEMS_FOLLOWUP_V1),
    );
    expect(staging).toMatchObject({
      class: 'limited',
      step: 5,
      total: 3,
      limitedMaxLesions: 3,
    });
  });

  it('is disseminated when the clinic sets limited_max_lesions to 2', () => {
    const staging = evaluateStaging(
      POEMS_FOLLOWUP_V1,
      inputs,
      resolveParameters(POEMS_FOLLOWUP_V1, { limited_max_lesions: 2 }),
    );
    expect(staging).toMatchObject({
      class: 'disseminated',
      step: 2,
      limitedMaxLesions: 2,
    });
    expect(staging.explanation).toBe(
      '3 lesions exceed the limit of 2 for limited disease: disseminated.',
    );
  });

  it('the whole evaluation records the parameter it used', () => {
    const evaluation = FollowupStory.diagnosed('2025-03-01')
      .staging(inputs)
      .evaluate('2025-03-01', { parameters: { limited_max_lesions: 2 } });
    expect(evaluation.parameters.limited_max_lesions).toBe(2);
    expect(evaluation.staging.class).toBe('disseminated');
  });
});
