import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  FollowupStory,
  lineOf,
  vegf,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 12 (poems-followup.md §7): (a) baseline serum VEGF 2400, M3 plasma 150 →
 * `specimen_mismatch`; (b) baseline plasma 80 → `baseline_not_elevated` at every Mk; (c) start
 * 2025-01-15 with the only earlier VEGF on 2024-09-17 → `no_baseline` (the window opens 2024-10-17).
 */
describe('VEGF not evaluable: specimen mismatch, baseline not elevated, no baseline', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const ldex = FollowupStory.diagnosed('2024-12-20').line(
    aLine({
      regimenClass: 'lenalidomide_dexamethasone',
      startDate: '2025-01-15',
    }),
  );

  it('(a) a serum baseline is never compared with a plasma result: specimen_mismatch', () => {
    const line = lineOf(
      ldex
        .result(
          'vegf',
          '2025-01-05',
          vegf(2400, { specimen: 'serum', uln: 1000 }),
        )
        .result('vegf', '2025-04-15', vegf(150))
        .evaluate('2025-05-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'not_evaluable',
      reason: 'specimen_mismatch',
      resultIds: ['vegf@2025-04-15'],
    });
  });

  it('(b) a plasma baseline of 80 (ULN 96.2) leaves VEGF not evaluable at every time point', () => {
    const line = lineOf(
      ldex
        .result('vegf', '2025-01-05', vegf(80))
        .result('vegf', '2025-04-15', vegf(60))
        .result('vegf', '2025-07-15', vegf(300))
        .evaluate('2035-06-01'),
    );
    expect(line.baselines.find((b) => b.domain === 'vegf')).toMatchObject({
      status: 'not_evaluable',
      reason: 'baseline_not_elevated',
    });
    expect(line.timePoints).toHaveLength(13);
    for (const tp of line.timePoints) {
      expect(assessedAt(line, tp.key, 'vegf')).toMatchObject({
        category: 'not_evaluable',
        reason: 'baseline_not_elevated',
      });
    }
  });

  it('(c) a VEGF on 2024-09-17 is outside the window opening 2024-10-17: no_baseline for the whole line', () => {
    const line = lineOf(
      ldex
        .result('vegf', '2024-09-17', vegf(600))
        .result('vegf', '2025-04-15', vegf(300))
        .evaluate('2025-05-01'),
    );
    expect(line.baselineWindow).toEqual({
      from: '2024-10-17',
      to: '2025-01-15',
    });
    expect(line.baselines.find((b) => b.domain === 'vegf')).toMatchObject({
      status: 'not_evaluable',
      reason: 'no_baseline',
    });
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'not_evaluable',
      reason: 'no_baseline',
    });
  });

  it('(c) the window is inclusive: a VEGF on 2024-10-17 is a baseline, one the day before is not', () => {
    const onEdge = lineOf(
      ldex.result('vegf', '2024-10-17', vegf(600)).evaluate('2025-05-01'),
    );
    expect(onEdge.baselines.find((b) => b.domain === 'vegf')?.status).toBe(
      'available',
    );
    const dayBefore = lineOf(
      ldex.result('vegf', '2024-10-16', vegf(600)).evaluate('2025-05-01'),
    );
    expect(dayBefore.baselines.find((b) => b.domain === 'vegf')?.reason).toBe(
      'no_baseline',
    );
  });
});
