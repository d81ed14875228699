import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  bodyCt,
  chemistry,
  echo,
  FollowupStory,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 7 (poems-followup.md §7): born 1970-05-01, diagnosed 2025-04-30 (54 y); pleural
 * effusion on CT; PASP 35; eGFR 75 (CKD-EPI 2021); albumin 3.0 g/dL → 2 factors → `high`; flag
 * `low_albumin`.
 */
describe('Risk: age and pleural effusion make two factors, high; low albumin shown', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const risk = FollowupStory.diagnosed('2025-04-30', {
    birthDate: '1970-05-01',
  })
    .result('body_imaging', '2025-04-10', bodyCt('pleural_effusion'))
    .result('echocardiogram', '2025-04-12', echo(35))
    .result(
      'chemistry_panel',
      '2025-04-15',
      chemistry({ egfr: 75, method: 'ckd_epi_2021', albuminGPerDl: 3.0 }),
    )
    .evaluate('2025-05-02').risk;

  it('counts age > 50 and the effusion: 2 factors, high', () => {
    expect(risk).toMatchObject({
      group: 'high',
      min: 2,
      max: 2,
      missingInputs: [],
    });
    expect(
      Object.fromEntries(risk.factors.map((f) => [f.key, f.state])),
    ).toEqual({
      age_gt_50: 'present',
      pulmonary_hypertension: 'absent',
      pleural_effusion: 'present',
      egfr_lt_30: 'absent',
    });
    expect(risk.factors[0].basis).toBe(
      '54 completed years at diagnosis (> 50)',
    );
  });

  it('shows low albumin (3.0 < 3.2 g/dL) without counting it', () => {
    expect(risk.flags).toEqual(['low_albumin']);
    expect(risk.lowAlbumin.state).toBe('present');
  });

  it('carries the score label and names its tracker defaults', () => {
    expect(risk.score).toEqual({
      key: 'beijing-factor-count',
      version: 1,
      label:
        'tracker grouping of the Wang 2016 factors, not the published nomogram',
    });
    expect(risk.trackerDefaults).toEqual(
      expect.arrayContaining([
        'beijing_factor_count',
        'risk_input_window',
        'age_completed_years',
        'pleural_effusion_any_imaging',
      ]),
    );
    expect(risk.trackerDefaults).not.toContain('egfr_lt_30');
  });
});
