import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  flc,
  FollowupStory,
  ifeNegative,
  ifePositive,
  lineOf,
  spep,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 14 (poems-followup.md §7): baseline serum IFE IgA-λ positive, M-spike 0.3 g/dL,
 * urine IFE negative, FLC ratio 1.2 (normal). M3: serum IFE positive, M-spike 0.2. M6: serum and
 * urine IFE negative. `ife_only`; M3 stable; M6 CR. Without the M6 urine IFE: `cr_workup_incomplete`.
 */
describe('Hematologic: IFE-only baseline reaching CR', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const throughM3 = FollowupStory.diagnosed('2024-12-20')
    .line(
      aLine({
        regimenClass: 'lenalidomide_dexamethasone',
        startDate: '2025-01-15',
      }),
    )
    .result('serum_ife', '2025-01-05', ifePositive('IgA', 'lambda'))
    .result('spep', '2025-01-05', spep(0.3))
    .result('urine_ife', '2025-01-05', ifeNegative)
    .result('serum_flc', '2025-01-05', flc({ ratio: 1.2 }))
    .result('serum_ife', '2025-04-15', ifePositive('IgA', 'lambda'))
    .result('spep', '2025-04-15', spep(0.2));
  const serumNegativeAtM6 = throughM3.result(
    'serum_ife',
    '2025-07-15',
    ifeNegative,
  );
  const complete = serumNegativeAtM6.result(
    'urine_ife',
    '2025-07-15',
    ifeNegative,
  );

  it('classes the baseline IFE only: positive immunofixation, M-spike 0.3 g/dL not measurable', () => {
    const line = lineOf(complete.evaluate('2025-08-01'));
    expect(
      line.baselines.find((b) => b.domain === 'hematologic'),
    ).toMatchObject({
      status: 'available',
      hematologicClass: 'ife_only',
    });
  });

  it('M3 is stable: serum IFE still positive, and PR needs a measurable baseline', () => {
    const line = lineOf(complete.evaluate('2025-08-01'));
    expect(assessedAt(line, 'M3', 'hematologic')).toMatchObject({
      category: 'stable',
      measures: {
        domain: 'hematologic',
        baselineClass: 'ife_only',
        serumIfe: 'positive',
        mSpike: 0.2,
      },
    });
  });

  it('M6 is CR: serum and urine IFE negative, the baseline FLC ratio was normal', () => {
    const line = lineOf(complete.evaluate('2025-08-01'));
    expect(assessedAt(line, 'M6', 'hematologic')).toMatchObject({
      category: 'CR',
      resultIds: ['serum_ife@2025-07-15', 'urine_ife@2025-07-15'],
    });
  });

  it('without the M6 urine IFE the CR workup is incomplete', () => {
    const line = lineOf(serumNegativeAtM6.evaluate('2025-08-01'));
    expect(assessedAt(line, 'M6', 'hematologic')).toMatchObject({
      category: 'not_evaluable',
      reason: 'cr_workup_incomplete',
    });
    expect(assessedAt(line, 'M6', 'hematologic').explanation).toMatch(
      /urine IFE/,
    );
  });
});
