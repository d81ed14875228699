import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  bodyCt,
  chemistry,
  echo,
  FollowupStory,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 8 (poems-followup.md §7): born 1974-06-15, diagnosed 2025-03-01 (50 y); PASP 50;
 * eGFR 30; no effusion → 1 factor (pulmonary hypertension) → `intermediate`.
 */
describe('Risk: at the edges, age 50 and eGFR 30 do not count, PASP 50 does', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('counts only pulmonary hypertension: intermediate', () => {
    const risk = FollowupStory.diagnosed('2025-03-01', {
      birthDate: '1974-06-15',
    })
      .result('echocardiogram', '2025-02-20', echo(50))
      .result(
        'chemistry_panel',
        '2025-02-20',
        chemistry({ egfr: 30, method: 'ckd_epi_2021' }),
      )
      .result('body_imaging', '2025-02-18', bodyCt())
      .evaluate('2025-03-05').risk;
    expect(risk).toMatchObject({ group: 'intermediate', min: 1, max: 1 });
    expect(
      Object.fromEntries(risk.factors.map((f) => [f.key, f.state])),
    ).toEqual({
      age_gt_50: 'absent',
      pulmonary_hypertension: 'present',
      pleural_effusion: 'absent',
      egfr_lt_30: 'absent',
    });
    expect(risk.factors[0].basis).toBe(
      '50 completed years at diagnosis (≤ 50)',
    );
  });
});
