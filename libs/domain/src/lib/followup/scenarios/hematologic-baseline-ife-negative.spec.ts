import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  FollowupStory,
  ifeNegative,
  ifePositive,
  lineOf,
  marrow,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 16 (poems-followup.md §7): a radiation patient whose serum and urine IFE are
 * negative, the clone shown only in the lesion biopsy: hematologic `not_evaluable`
 * (`baseline_ife_negative`) for the whole line.
 */
describe('Hematologic: clone only in the lesion, IFE negative at baseline', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const story = FollowupStory.diagnosed('2025-01-10')
    .line(
      aLine({
        regimenClass: 'radiation',
        startDate: '2025-02-01',
        endDate: '2025-03-14',
        stopReason: 'completed',
      }),
    )
    .result('serum_ife', '2025-01-20', ifeNegative)
    .result('urine_ife', '2025-01-20', ifeNegative)
    .result('bone_marrow_biopsy', '2025-01-12', marrow('lambda', 'lesion'))
    .result('serum_ife', '2025-06-14', ifePositive('IgA', 'lambda'));

  it('is not evaluable for the whole line, whatever the later immunofixations show', () => {
    const line = lineOf(story.evaluate('2026-06-01'));
    expect(
      line.baselines.find((b) => b.domain === 'hematologic'),
    ).toMatchObject({
      status: 'not_evaluable',
      reason: 'baseline_ife_negative',
    });
    const assessed = line.timePoints.map((tp) =>
      assessedAt(line, tp.key, 'hematologic'),
    );
    expect(assessed.length).toBeGreaterThan(0);
    for (const a of assessed) {
      expect(a).toMatchObject({
        category: 'not_evaluable',
        reason: 'baseline_ife_negative',
      });
    }
  });
});
