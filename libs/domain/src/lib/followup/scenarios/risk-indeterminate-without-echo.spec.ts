import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  bodyCt,
  chemistry,
  FollowupStory,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 9 (poems-followup.md §7): age 40; no effusion; echo not done; eGFR 70 → min 0
 * (`low`), max 1 (`intermediate`) → `indeterminate`; missing `pulmonary_hypertension`.
 */
describe('Risk: a missing echocardiogram that could change the group is indeterminate', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('gives low to intermediate, so indeterminate, listing pulmonary hypertension', () => {
    const risk = FollowupStory.diagnosed('2025-03-01', {
      birthDate: '1984-07-01',
    })
      .result('body_imaging', '2025-02-18', bodyCt())
      .result(
        'chemistry_panel',
        '2025-02-20',
        chemistry({ egfr: 70, method: 'ckd_epi_2021' }),
      )
      .evaluate('2025-03-05').risk;
    expect(risk).toMatchObject({
      group: 'indeterminate',
      min: 0,
      minGroup: 'low',
      max: 1,
      maxGroup: 'intermediate',
      missingInputs: ['pulmonary_hypertension'],
    });
    expect(risk.explanation).toBe(
      'Between 0 (low) and 1 (intermediate) factors: indeterminate until recorded: pulmonary_hypertension.',
    );
  });
});
