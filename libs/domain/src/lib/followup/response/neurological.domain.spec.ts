import {
  aLine,
  assessedAt,
  FollowupStory,
  lineOf,
  onls,
  onlsTotal,
} from '../../../testing/followup.fixtures';

const ldex = FollowupStory.diagnosed('2024-12-20').line(
  aLine({
    regimenClass: 'lenalidomide_dexamethasone',
    startDate: '2025-01-15',
  }),
);
const baseline = ldex.result('neuro_exam', '2025-01-05', onls(2, 4));

describe('neurological domain', () => {
  it('needs a baseline ONLS', () => {
    const line = lineOf(
      ldex
        .result('neuro_exam', '2025-01-05', { mrs: 3 })
        .result('neuro_exam', '2025-04-15', onls(1, 1))
        .evaluate('2025-05-01'),
    );
    expect(line.baselines[3]).toMatchObject({
      status: 'not_evaluable',
      reason: 'no_baseline',
    });
    expect(assessedAt(line, 'M3', 'neurological').reason).toBe('no_baseline');
  });

  it('reads a total recorded without the limbs', () => {
    const line = lineOf(
      baseline
        .result('neuro_exam', '2025-04-15', onlsTotal(5))
        .evaluate('2025-05-01'),
    );
    expect(assessedAt(line, 'M3', 'neurological')).toMatchObject({
      category: 'improved',
      measures: { onls: 5, baseline: 6, nadir: 6 },
    });
  });

  it('one point either way is the step; no change is stable', () => {
    expect(
      assessedAt(
        lineOf(
          baseline
            .result('neuro_exam', '2025-04-15', onlsTotal(6))
            .evaluate('2025-05-01'),
        ),
        'M3',
        'neurological',
      ).category,
    ).toBe('stable');
    expect(
      assessedAt(
        lineOf(
          baseline
            .result('neuro_exam', '2025-04-15', onlsTotal(7))
            .evaluate('2025-05-01'),
        ),
        'M3',
        'neurological',
      ).category,
    ).toBe('progression');
  });

  it('an interim examination counts toward the nadir', () => {
    const line = lineOf(
      baseline
        .result('neuro_exam', '2025-02-20', onlsTotal(3))
        .result('neuro_exam', '2025-04-15', onlsTotal(4))
        .evaluate('2025-05-01'),
    );
    expect(assessedAt(line, 'M3', 'neurological')).toMatchObject({
      category: 'progression',
      measures: { nadir: 3 },
    });
  });

  it('an examination without an ONLS in the range is incomplete, never stable', () => {
    const line = lineOf(
      baseline
        .result('neuro_exam', '2025-04-15', { mrs: 2 })
        .evaluate('2025-05-01'),
    );
    expect(assessedAt(line, 'M3', 'neurological')).toMatchObject({
      category: 'not_evaluable',
      reason: 'incomplete_result',
    });
  });

  it('a confirmed progression is a clinical, symptomatic event', () => {
    const line = lineOf(
      baseline
        .result('neuro_exam', '2025-04-15', onlsTotal(8))
        .result('neuro_exam', '2025-05-20', onlsTotal(8))
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(line, 'M3', 'neurological').confirmation).toBe(
      'confirmed',
    );
    expect(line.event).toMatchObject({
      kind: 'progression',
      types: ['clinical'],
      symptomatic: true,
    });
  });
});
