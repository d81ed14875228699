import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { bodyCt, FollowupStory } from '../../../testing/followup.fixtures';

/**
 * Worked example 10 (poems-followup.md §7): age 60; effusion present; echo not done; eGFR unknown →
 * min 2, max 4, both `high` → `high`.
 */
describe('Risk: two factors already make high, whatever the unknown inputs', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('is high, still listing the unknown inputs', () => {
    const risk = FollowupStory.diagnosed('2025-03-01', {
      birthDate: '1964-06-01',
    })
      .result(
        'body_imaging',
        '2025-02-18',
        bodyCt('pleural_effusion', 'ascites'),
      )
      .evaluate('2025-03-05').risk;
    expect(risk).toMatchObject({
      group: 'high',
      min: 2,
      max: 4,
      minGroup: 'high',
      maxGroup: 'high',
      missingInputs: ['pulmonary_hypertension', 'egfr_lt_30'],
    });
  });
});
