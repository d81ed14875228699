import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  FollowupStory,
  lineOf,
  onls,
  timePointOf,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 18 (poems-followup.md §7): baseline ONLS 6 (arm 1, leg 5); M3 5; M6 3; M12 4;
 * M18 3. M3 and M6 improved; M12 progression (4 ≥ nadir 3 + 1), unconfirmed (summary
 * `progression_unconfirmed`); once M18 (improved) arrives, M12 is `not_confirmed` and its summary
 * `stable`; no event.
 */
describe('Neurological: ONLS progression that the next examination does not confirm', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const throughM12 = FollowupStory.diagnosed('2024-12-20')
    .line(
      aLine({
        regimenClass: 'lenalidomide_dexamethasone',
        startDate: '2025-01-15',
      }),
    )
    .result('neuro_exam', '2025-01-10', onls(1, 5, 3))
    .result('neuro_exam', '2025-04-15', onls(1, 4, 3))
    .result('neuro_exam', '2025-07-15', onls(1, 2, 2))
    .result('neuro_exam', '2026-01-15', onls(1, 3, 2));
  const withM18 = throughM12.result('neuro_exam', '2026-07-15', onls(0, 3, 1));

  it('M3 (5) and M6 (3) are improved: at least one point below the baseline 6', () => {
    const line = lineOf(withM18.evaluate('2026-08-01'));
    expect(assessedAt(line, 'M3', 'neurological').category).toBe('improved');
    expect(assessedAt(line, 'M6', 'neurological').category).toBe('improved');
  });

  it('M12: 4 ≥ nadir 3 + 1 is progression (it is also ≤ 5, and progression comes first), unconfirmed', () => {
    const line = lineOf(throughM12.evaluate('2026-02-01'));
    const m12 = assessedAt(line, 'M12', 'neurological');
    expect(m12).toMatchObject({
      category: 'progression',
      confirmation: 'unconfirmed',
      measures: {
        domain: 'neurological',
        onls: 4,
        onlsArm: 1,
        onlsLeg: 3,
        mrs: 2,
        baseline: 6,
        nadir: 3,
      },
    });
    expect(m12.trackerDefaults).toEqual(
      expect.arrayContaining([
        'category_order',
        'neurological_one_point_step',
        'confirmation',
      ]),
    );
    expect(timePointOf(line, 'M12').summary.value).toBe(
      'progression_unconfirmed',
    );
  });

  it('once M18 (3, improved) arrives, M12 is not confirmed and its summary stable; no event', () => {
    const line = lineOf(withM18.evaluate('2026-08-01'));
    expect(assessedAt(line, 'M18', 'neurological').category).toBe('improved');
    expect(assessedAt(line, 'M12', 'neurological')).toMatchObject({
      category: 'progression',
      confirmation: 'not_confirmed',
      confirmationStep: { resultIds: ['neuro_exam@2026-07-15'] },
    });
    expect(timePointOf(line, 'M12').summary.value).toBe('stable');
    expect(line.event).toBeNull();
  });

  it('shows the mRS beside the ONLS without categorizing it', () => {
    const line = lineOf(withM18.evaluate('2026-08-01'));
    expect(assessedAt(line, 'M18', 'neurological').measures).toMatchObject({
      mrs: 1,
    });
  });
});
