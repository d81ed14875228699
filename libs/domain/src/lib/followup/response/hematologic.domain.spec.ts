import {
  aLine,
  assessedAt,
  flc,
  FollowupStory,
  ifeNegative,
  ifePositive,
  lineOf,
  marrow,
  spep,
  timePointOf,
} from '../../../testing/followup.fixtures';

const ldex = FollowupStory.diagnosed('2024-12-20').line(
  aLine({
    regimenClass: 'lenalidomide_dexamethasone',
    startDate: '2025-01-15',
  }),
);
// Anchor 2025-01-15: M3 2025-04-15, M6 2025-07-15, M12 2026-01-15, M18 2026-07-15.
const ifeOnly = ldex
  .result('serum_ife', '2025-01-05', ifePositive('IgA', 'lambda'))
  .result('urine_ife', '2025-01-05', ifeNegative)
  .result('serum_flc', '2025-01-05', flc({ ratio: 1.2 }));

describe('hematologic domain', () => {
  it('a dFLC above 100 mg/L is measurable; halved it is PR, back ≥ 1.5 × nadir above 100 it is progression', () => {
    const story = ldex
      .result('serum_ife', '2025-01-05', ifePositive('none', 'lambda'))
      .result('urine_ife', '2025-01-05', ifeNegative)
      .result(
        'serum_flc',
        '2025-01-05',
        flc({ kappa: 10, lambda: 250, ratio: 0.04 }),
      )
      .result(
        'serum_flc',
        '2025-04-15',
        flc({ kappa: 10, lambda: 100, ratio: 0.1 }),
      )
      .result(
        'serum_flc',
        '2025-07-15',
        flc({ kappa: 10, lambda: 200, ratio: 0.05 }),
      );
    const line = lineOf(story.evaluate('2025-08-01'));
    expect(line.baselines[1]).toMatchObject({ hematologicClass: 'measurable' });
    expect(assessedAt(line, 'M3', 'hematologic')).toMatchObject({
      category: 'PR',
      measures: { dflc: 90, dflcBaseline: 240, involvedLightChain: 'lambda' },
    });
    expect(assessedAt(line, 'M6', 'hematologic')).toMatchObject({
      category: 'progression',
      confirmation: 'unconfirmed',
      measures: { dflc: 190, dflcNadir: 90 },
    });
  });

  it('PR needs the measure that was measurable: a small M-spike halving is not PR', () => {
    const story = ldex
      .result('serum_ife', '2025-01-05', ifePositive('IgG', 'lambda'))
      .result('spep', '2025-01-05', spep(0.4))
      .result(
        'serum_flc',
        '2025-01-05',
        flc({ kappa: 10, lambda: 250, ratio: 0.04 }),
      )
      .result('spep', '2025-04-15', spep(0.1));
    expect(
      assessedAt(lineOf(story.evaluate('2025-05-01')), 'M3', 'hematologic')
        .category,
    ).toBe('stable');
  });

  it('a monoclonal protein reappearing after CR is a relapse, confirmed by the next positive immunofixation', () => {
    const relapse = ifeOnly
      .result('serum_ife', '2025-07-15', ifeNegative)
      .result('urine_ife', '2025-07-15', ifeNegative)
      .result('serum_ife', '2026-01-15', ifePositive('IgA', 'lambda'));
    const unconfirmed = lineOf(relapse.evaluate('2026-02-01'));
    expect(assessedAt(unconfirmed, 'M6', 'hematologic').category).toBe('CR');
    expect(assessedAt(unconfirmed, 'M12', 'hematologic')).toMatchObject({
      category: 'progression',
      relapse: true,
      confirmation: 'unconfirmed',
    });
    const confirmed = lineOf(
      relapse
        .result('serum_ife', '2026-02-20', ifePositive('IgA', 'lambda'))
        .evaluate('2026-03-01'),
    );
    expect(assessedAt(confirmed, 'M12', 'hematologic').confirmation).toBe(
      'confirmed',
    );
    expect(confirmed.event).toMatchObject({
      kind: 'relapse',
      types: ['hematologic'],
      date: '2026-01-15',
    });
    const refuted = lineOf(
      relapse
        .result('serum_ife', '2026-02-20', ifeNegative)
        .evaluate('2026-03-01'),
    );
    expect(assessedAt(refuted, 'M12', 'hematologic').confirmation).toBe(
      'not_confirmed',
    );
  });

  it('a first urine IFE later in the range is the time point’s own urine result, not a confirmation', () => {
    const line = lineOf(
      ifeOnly
        .result('serum_ife', '2025-07-15', ifeNegative)
        .result('urine_ife', '2025-07-15', ifeNegative)
        .result('serum_ife', '2026-01-15', ifePositive('IgA', 'lambda'))
        .result('urine_ife', '2026-02-20', ifePositive('none', 'lambda'))
        .evaluate('2026-03-01'),
    );
    expect(assessedAt(line, 'M12', 'hematologic')).toMatchObject({
      category: 'progression',
      confirmation: 'unconfirmed',
      resultIds: ['serum_ife@2026-01-15', 'urine_ife@2026-02-20'],
      date: '2026-01-15',
    });
  });

  it('a positive immunofixation without an earlier CR is not progression', () => {
    const line = lineOf(
      ifeOnly
        .result('serum_ife', '2025-04-15', ifePositive('IgA', 'lambda'))
        .evaluate('2025-05-01'),
    );
    expect(assessedAt(line, 'M3', 'hematologic').category).toBe('stable');
  });

  it('an iliac-crest marrow with a clone in the range blocks CR; a lesion biopsy does not', () => {
    const negative = ifeOnly
      .result('serum_ife', '2026-01-15', ifeNegative)
      .result('urine_ife', '2026-01-15', ifeNegative);
    const clonal = lineOf(
      negative
        .result('bone_marrow_biopsy', '2026-01-20', marrow('lambda'))
        .evaluate('2026-02-01'),
    );
    expect(assessedAt(clonal, 'M12', 'hematologic')).toMatchObject({
      category: 'stable',
      measures: { marrowClone: true },
      resultIds: expect.arrayContaining(['bone_marrow_biopsy@2026-01-20']),
    });
    const lesion = lineOf(
      negative
        .result('bone_marrow_biopsy', '2026-01-20', marrow('lambda', 'lesion'))
        .evaluate('2026-02-01'),
    );
    expect(assessedAt(lesion, 'M12', 'hematologic').category).toBe('CR');
  });

  it('with an abnormal baseline ratio, CR needs the ratio back in range', () => {
    const abnormal = ldex
      .result('serum_ife', '2025-01-05', ifePositive('IgG', 'lambda'))
      .result('urine_ife', '2025-01-05', ifeNegative)
      .result(
        'serum_flc',
        '2025-01-05',
        flc({ kappa: 10, lambda: 60, ratio: 0.17 }),
      )
      .result('serum_ife', '2025-07-15', ifeNegative)
      .result('urine_ife', '2025-07-15', ifeNegative);
    expect(
      assessedAt(lineOf(abnormal.evaluate('2025-08-01')), 'M6', 'hematologic'),
    ).toMatchObject({
      category: 'not_evaluable',
      reason: 'cr_workup_incomplete',
    });
    expect(
      assessedAt(
        lineOf(
          abnormal
            .result('serum_flc', '2025-07-15', flc({ ratio: 0.2 }))
            .evaluate('2025-08-01'),
        ),
        'M6',
        'hematologic',
      ).category,
    ).toBe('stable');
    expect(
      assessedAt(
        lineOf(
          abnormal
            .result('serum_flc', '2025-07-15', flc({ ratio: 0.8 }))
            .evaluate('2025-08-01'),
        ),
        'M6',
        'hematologic',
      ).category,
    ).toBe('CR');
  });

  it('with no baseline ratio at all, CR also needs a ratio in range: cannot tell is not normal', () => {
    const line = lineOf(
      ldex
        .result('serum_ife', '2025-01-05', ifePositive('IgG', 'lambda'))
        .result('urine_ife', '2025-01-05', ifeNegative)
        .result('serum_ife', '2025-07-15', ifeNegative)
        .result('urine_ife', '2025-07-15', ifeNegative)
        .evaluate('2025-08-01'),
    );
    expect(assessedAt(line, 'M6', 'hematologic')).toMatchObject({
      reason: 'cr_workup_incomplete',
    });
    expect(assessedAt(line, 'M6', 'hematologic').explanation).toMatch(
      /baseline ratio unknown/,
    );
  });

  it('PR wins over an incomplete CR workup', () => {
    const line = lineOf(
      ldex
        .result('serum_ife', '2025-01-05', ifePositive('IgG', 'lambda'))
        .result('spep', '2025-01-05', spep(1.2))
        .result('serum_ife', '2025-04-15', ifeNegative)
        .result('spep', '2025-04-15', spep(0))
        .evaluate('2025-05-01'),
    );
    expect(assessedAt(line, 'M3', 'hematologic').category).toBe('PR');
  });

  it('an absent M-spike counts as 0 g/dL in the nadir', () => {
    const line = lineOf(
      ldex
        .result('serum_ife', '2025-01-05', ifePositive('IgG', 'lambda'))
        .result('spep', '2025-01-05', spep(1.2))
        .result('spep', '2025-04-15', spep(0))
        .result('spep', '2025-07-15', spep(0.6))
        .evaluate('2025-08-01'),
    );
    expect(assessedAt(line, 'M6', 'hematologic')).toMatchObject({
      category: 'progression',
      measures: { mSpikeNadir: 0 },
    });
  });

  it('a negative serum IFE without a urine IFE at baseline is no baseline, never IFE negative', () => {
    const line = lineOf(
      ldex
        .result('serum_ife', '2025-01-05', ifeNegative)
        .evaluate('2025-05-01'),
    );
    expect(line.baselines[1]).toMatchObject({
      status: 'not_evaluable',
      reason: 'no_baseline',
    });
  });

  it('results without a readable value leave the time point incomplete; a marrow alone leaves it pending', () => {
    const unread = lineOf(
      ifeOnly
        .result('serum_ife', '2025-04-15', { report: 'sample haemolysed' })
        .evaluate('2025-05-01'),
    );
    expect(assessedAt(unread, 'M3', 'hematologic')).toMatchObject({
      category: 'not_evaluable',
      reason: 'incomplete_result',
    });
    const marrowOnly = lineOf(
      ifeOnly
        .result('bone_marrow_biopsy', '2025-04-15', marrow('none'))
        .evaluate('2025-05-01'),
    );
    expect(timePointOf(marrowOnly, 'M3').domains[1].status).toBe('pending');
  });
});
