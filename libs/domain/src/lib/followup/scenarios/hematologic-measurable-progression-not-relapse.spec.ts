import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  FollowupStory,
  ifePositive,
  lineOf,
  spep,
  timePointOf,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 15 (poems-followup.md §7): baseline M-spike 1.2 g/dL IgG-λ; M3 0.5; M6 0.4;
 * M12 0.7 (IFE positive). M3 PR; M6 PR; M12 progression (nadir 0.4; 0.7 ≥ 0.6 and > 0.5),
 * unconfirmed, not a relapse.
 */
describe('Hematologic: measurable M-spike, partial response, then progression', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const story = FollowupStory.diagnosed('2024-12-20')
    .line(
      aLine({
        regimenClass: 'melphalan_dexamethasone',
        startDate: '2025-01-15',
      }),
    )
    .result('serum_ife', '2025-01-05', ifePositive('IgG', 'lambda'))
    .result('spep', '2025-01-05', spep(1.2))
    .result('spep', '2025-04-15', spep(0.5))
    .result('spep', '2025-07-15', spep(0.4))
    .result('spep', '2026-01-15', spep(0.7))
    .result('serum_ife', '2026-01-15', ifePositive('IgG', 'lambda'));

  it('classes the baseline measurable (M-spike 1.2 > 0.5 g/dL)', () => {
    const line = lineOf(story.evaluate('2026-02-01'));
    expect(
      line.baselines.find((b) => b.domain === 'hematologic')?.hematologicClass,
    ).toBe('measurable');
  });

  it('M3 0.5 and M6 0.4 are PR (≤ 0.5 × 1.2)', () => {
    const line = lineOf(story.evaluate('2026-02-01'));
    expect(assessedAt(line, 'M3', 'hematologic').category).toBe('PR');
    expect(assessedAt(line, 'M6', 'hematologic').category).toBe('PR');
  });

  it('M12 0.7 ≥ 1.5 × nadir 0.4 and > 0.5 is progression, unconfirmed, not a relapse', () => {
    const line = lineOf(story.evaluate('2026-02-01'));
    expect(assessedAt(line, 'M12', 'hematologic')).toMatchObject({
      category: 'progression',
      confirmation: 'unconfirmed',
      relapse: false,
      measures: {
        domain: 'hematologic',
        mSpike: 0.7,
        mSpikeNadir: 0.4,
        mSpikeBaseline: 1.2,
      },
    });
    expect(timePointOf(line, 'M12').summary.value).toBe(
      'progression_unconfirmed',
    );
    expect(line.event).toBeNull();
  });

  it('a repeat M-spike still ≥ 1.5 × nadir confirms it, as a progression (not a relapse)', () => {
    const line = lineOf(
      story.result('spep', '2026-02-20', spep(0.8)).evaluate('2026-03-01'),
    );
    expect(assessedAt(line, 'M12', 'hematologic').confirmation).toBe(
      'confirmed',
    );
    expect(line.event).toMatchObject({
      kind: 'progression',
      date: '2026-01-15',
      types: ['hematologic'],
    });
  });

  it('a repeat M-spike back below 1.5 × nadir leaves it not confirmed', () => {
    const line = lineOf(
      story.result('spep', '2026-02-20', spep(0.5)).evaluate('2026-03-01'),
    );
    expect(assessedAt(line, 'M12', 'hematologic').confirmation).toBe(
      'not_confirmed',
    );
    expect(timePointOf(line, 'M12').summary.value).toBe('stable');
  });
});
