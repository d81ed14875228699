import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  FollowupStory,
  lineOf,
  timePointOf,
  vegf,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 11 (poems-followup.md §7): LDex started 2025-01-15; plasma VEGF 600 on 2025-01-05;
 * M3 (window 2025-03-16…05-15) 300 on 2025-04-20; M6 90 on 2025-07-10. M3 PR (300 ≤ 300); M6 CR.
 * Had M3 been 320, stable.
 */
describe('VEGF: partial, then complete response on lenalidomide–dexamethasone', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const start = FollowupStory.diagnosed('2024-12-20')
    .line(
      aLine({
        regimenClass: 'lenalidomide_dexamethasone',
        startDate: '2025-01-15',
      }),
    )
    .result('vegf', '2025-01-05', vegf(600));
  const story = start
    .result('vegf', '2025-04-20', vegf(300))
    .result('vegf', '2025-07-10', vegf(90));

  it('anchors LDex on the start date and opens the M3 window 2025-03-16 to 2025-05-15', () => {
    const line = lineOf(story.evaluate('2025-08-01'));
    expect(line.anchor.date).toBe('2025-01-15');
    expect(timePointOf(line, 'M3')).toMatchObject({
      targetDate: '2025-04-15',
      windowStart: '2025-03-16',
      windowEnd: '2025-05-15',
      dueDate: '2025-05-15',
    });
  });

  it('reads the 2025-01-05 VEGF as the baseline (inside the 90-day window)', () => {
    const line = lineOf(story.evaluate('2025-08-01'));
    expect(line.baselines.find((b) => b.domain === 'vegf')).toMatchObject({
      status: 'available',
      value: 600,
      specimen: 'plasma',
      resultIds: ['vegf@2025-01-05'],
    });
  });

  it('M3: 300 ≤ 0.5 × 600 is PR; M6: 90 ≤ ULN 96.2 is CR', () => {
    const line = lineOf(story.evaluate('2025-08-01'));
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'PR',
      resultIds: ['vegf@2025-04-20'],
    });
    expect(assessedAt(line, 'M6', 'vegf')).toMatchObject({
      category: 'CR',
      resultIds: ['vegf@2025-07-10'],
    });
    expect(timePointOf(line, 'M3').summary.value).toBe('response');
    expect(timePointOf(line, 'M6').summary.value).toBe('response');
  });

  it('M3 at 320 is stable: above half the baseline and below 1.5 × nadir', () => {
    const line = lineOf(
      start.result('vegf', '2025-04-20', vegf(320)).evaluate('2025-05-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'stable',
    });
    expect(timePointOf(line, 'M3').summary.value).toBe('stable');
  });

  it('names the tracker defaults the PR rests on, the 50% threshold among them', () => {
    const pr = assessedAt(lineOf(story.evaluate('2025-08-01')), 'M3', 'vegf');
    expect(pr.trackerDefaults).toEqual(
      expect.arrayContaining([
        'anchor',
        'baseline_window',
        'time_points',
        'vegf_partial_response',
        'vegf_progression',
        'nadir',
      ]),
    );
    const cr = assessedAt(lineOf(story.evaluate('2025-08-01')), 'M6', 'vegf');
    expect(cr.rules).toContain('vegf_normalisation');
    expect(cr.trackerDefaults).not.toContain('vegf_normalisation');
  });
});
