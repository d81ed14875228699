import {
  aLine,
  assessedAt,
  domainAt,
  FollowupStory,
  lineOf,
  vegf,
} from '../../../testing/followup.fixtures';

const ldex = FollowupStory.diagnosed('2024-12-20').line(
  aLine({
    regimenClass: 'lenalidomide_dexamethasone',
    startDate: '2025-01-15',
  }),
);
const withBaseline = ldex.result('vegf', '2025-01-05', vegf(600));
const radiation = FollowupStory.diagnosed('2025-01-10')
  .line(
    aLine({
      regimenClass: 'radiation',
      startDate: '2025-02-01',
      endDate: '2025-03-14',
      stopReason: 'completed',
    }),
  )
  .result('vegf', '2025-01-20', vegf(400));

describe('VEGF domain', () => {
  it('the Mk result is the one nearest the target; a tie goes to the later one', () => {
    const line = lineOf(
      withBaseline
        .result('vegf', '2025-04-10', vegf(500))
        .result('vegf', '2025-04-20', vegf(400))
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      resultIds: ['vegf@2025-04-20'],
      additionalResultIds: ['vegf@2025-04-10'],
      measures: { value: 400, nadir: 500 },
      category: 'stable',
    });
    expect(assessedAt(line, 'M3', 'vegf').trackerDefaults).toContain(
      'time_point_result',
    );
  });

  it('an additional result earlier in the range lowers the nadir', () => {
    const line = lineOf(
      withBaseline
        .result('vegf', '2025-03-20', vegf(100))
        .result('vegf', '2025-04-15', vegf(160))
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'progression',
      measures: { nadir: 100 },
    });
  });

  it('an interim result counts toward the nadir; an on-treatment result does not', () => {
    const interim = lineOf(
      withBaseline
        .result('vegf', '2025-02-20', vegf(100))
        .result('vegf', '2025-04-15', vegf(160))
        .evaluate('2025-06-01'),
    );
    expect(
      interim.results.find((r) => r.resultId === 'vegf@2025-02-20')?.placement,
    ).toBe('interim');
    expect(assessedAt(interim, 'M3', 'vegf')).toMatchObject({
      category: 'progression',
      measures: { nadir: 100 },
    });
    expect(assessedAt(interim, 'M3', 'vegf').trackerDefaults).toContain(
      'interim_results',
    );

    const onTreatment = lineOf(
      radiation
        .result('vegf', '2025-02-20', vegf(100))
        .result('vegf', '2025-06-14', vegf(160))
        .evaluate('2025-07-01'),
    );
    expect(
      onTreatment.results.find((r) => r.resultId === 'vegf@2025-02-20')
        ?.placement,
    ).toBe('on_treatment');
    expect(assessedAt(onTreatment, 'M3', 'vegf')).toMatchObject({
      category: 'PR',
      measures: { nadir: 400 },
    });
  });

  it('never compares across specimens: a serum result beside a plasma one is ignored', () => {
    const line = lineOf(
      withBaseline
        .result(
          'vegf',
          '2025-04-15',
          vegf(5000, { specimen: 'serum', uln: 1000 }),
        )
        .result('vegf', '2025-04-25', vegf(300))
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'PR',
      resultIds: ['vegf@2025-04-25'],
      additionalResultIds: [],
    });
  });

  it('prefers a plasma baseline when both specimens are in the window', () => {
    const line = lineOf(
      withBaseline
        .result(
          'vegf',
          '2025-01-10',
          vegf(2400, { specimen: 'serum', uln: 1000 }),
        )
        .evaluate('2025-02-01'),
    );
    expect(line.baselines[0]).toMatchObject({
      specimen: 'plasma',
      value: 600,
      resultIds: ['vegf@2025-01-05'],
    });
  });

  it('serum: the protocol may normalise at 1000 or 1040 pg/mL instead of the laboratory’s limit', () => {
    const serum = ldex
      .result('vegf', '2025-01-05', vegf(2400, { specimen: 'serum', uln: 500 }))
      .result('vegf', '2025-04-15', vegf(900, { specimen: 'serum', uln: 500 }));
    const lab = assessedAt(lineOf(serum.evaluate('2025-06-01')), 'M3', 'vegf');
    expect(lab).toMatchObject({ category: 'PR', measures: { uln: 500 } });
    expect(lab.trackerDefaults).not.toContain(
      'vegf_serum_normalisation_cutoff',
    );
    const cutOff = assessedAt(
      lineOf(
        serum.evaluate('2025-06-01', {
          parameters: { vegf_serum_normalisation_cutoff: 1000 },
        }),
      ),
      'M3',
      'vegf',
    );
    expect(cutOff).toMatchObject({ category: 'CR', measures: { uln: 1000 } });
    expect(cutOff.trackerDefaults).toContain('vegf_serum_normalisation_cutoff');
  });

  it('the cut-off never applies to plasma', () => {
    const line = lineOf(
      withBaseline
        .result('vegf', '2025-04-15', vegf(250))
        .evaluate('2025-06-01', {
          parameters: { vegf_serum_normalisation_cutoff: 1040 },
        }),
    );
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'PR',
      measures: { uln: 96.2 },
    });
  });

  it('shows confounders beside the category', () => {
    const line = lineOf(
      withBaseline
        .result(
          'vegf',
          '2025-04-15',
          vegf(500, { confounders: ['iron_deficiency'] }),
        )
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      flags: ['vegf_confounder'],
      confounders: ['iron_deficiency'],
    });
  });

  it('reads the laboratory’s flag when no limit came with the values', () => {
    const flagged = (value: number, flag: 'H' | 'N') => ({
      specimen: 'plasma' as const,
      values: [{ name: 'VEGF', value, unit: 'pg/mL', interpretation: flag }],
    });
    const line = lineOf(
      ldex
        .result('vegf', '2025-01-05', flagged(600, 'H'))
        .result('vegf', '2025-04-15', flagged(90, 'N'))
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf').category).toBe('CR');
  });

  it('judges a baseline without a limit by the same specimen’s current limit', () => {
    const line = lineOf(
      ldex
        .result('vegf', '2025-01-05', vegf(600, { uln: null }))
        .result('vegf', '2025-04-15', vegf(300))
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf').category).toBe('PR');
    const low = lineOf(
      ldex
        .result('vegf', '2025-01-05', vegf(80, { uln: null }))
        .result('vegf', '2025-04-15', vegf(60))
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(low, 'M3', 'vegf')).toMatchObject({
      category: 'not_evaluable',
      reason: 'baseline_not_elevated',
    });
  });

  it('without any limit or flag, the result is incomplete, never a category', () => {
    const line = lineOf(
      ldex
        .result('vegf', '2025-01-05', vegf(600, { uln: null }))
        .result('vegf', '2025-04-15', vegf(90, { uln: null }))
        .evaluate('2025-06-01'),
    );
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'not_evaluable',
      reason: 'incomplete_result',
    });
  });

  it('confirmation waits for the next result of the baseline’s specimen', () => {
    const progressed = withBaseline.result('vegf', '2025-04-15', vegf(1000));
    const serumOnly = lineOf(
      progressed
        .result(
          'vegf',
          '2025-05-01',
          vegf(5000, { specimen: 'serum', uln: 1000 }),
        )
        .evaluate('2025-05-10'),
    );
    expect(assessedAt(serumOnly, 'M3', 'vegf').confirmation).toBe(
      'unconfirmed',
    );
    const notConfirmed = lineOf(
      progressed.result('vegf', '2025-05-01', vegf(700)).evaluate('2025-05-10'),
    );
    expect(assessedAt(notConfirmed, 'M3', 'vegf')).toMatchObject({
      confirmation: 'not_confirmed',
      confirmationStep: { resultIds: ['vegf@2025-05-01'], date: '2025-05-01' },
    });
  });

  it('a range without a result: pending while it runs, no_result_in_window once cancelled or passed', () => {
    expect(
      domainAt(lineOf(withBaseline.evaluate('2025-04-01')), 'M3', 'vegf')
        .status,
    ).toBe('pending');
    expect(
      domainAt(lineOf(withBaseline.evaluate('2025-01-20')), 'M3', 'vegf')
        .explanation,
    ).toBe('The M3 window opens on 2025-03-16.');
    expect(
      assessedAt(lineOf(withBaseline.evaluate('2025-05-31')), 'M3', 'vegf'),
    ).toMatchObject({
      category: 'not_evaluable',
      reason: 'no_result_in_window',
    });
    const cancelled = withBaseline.evaluate('2025-04-01', {
      instances: [
        {
          lineId: 'line-1',
          itemKey: 'vegf',
          timePoint: 'M3',
          status: 'cancelled',
          reason: 'patient declined',
        },
      ],
    });
    expect(assessedAt(lineOf(cancelled), 'M3', 'vegf')).toMatchObject({
      reason: 'no_result_in_window',
    });
    expect(assessedAt(lineOf(cancelled), 'M3', 'vegf').explanation).toMatch(
      /cancelled/,
    );
  });
});
