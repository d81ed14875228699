import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  domainAt,
  FollowupStory,
  lineOf,
  onls,
  timePointOf,
  vegf,
} from '../../../testing/followup.fixtures';

/**
 * Worked example 19 (poems-followup.md §7): a `limited` patient; radiation 2025-02-01 to
 * 2025-03-14 (the anchor); plasma VEGF 400 on 2025-01-20; the ONLS rises on 2025-04-20; VEGF 650 on
 * 2025-06-10. The ONLS result is interim, not categorized; 2025-06-10 falls in the M3 window
 * (2025-05-15…07-14) → VEGF progression (650 ≥ 600), unconfirmed; flag `consider_systemic_therapy`.
 */
describe('Limited disease after radiation: VEGF progression raises consider_systemic_therapy', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const story = FollowupStory.diagnosed('2025-01-15', {
    staging: { boneLesionCount: 1, marrowClone: 'absent' },
  })
    .line(
      aLine({
        regimenClass: 'radiation',
        startDate: '2025-02-01',
        endDate: '2025-03-14',
        stopReason: 'completed',
      }),
    )
    .result('vegf', '2025-01-20', vegf(400))
    .result('neuro_exam', '2025-01-20', onls(1, 3))
    .result('neuro_exam', '2025-04-20', onls(2, 4))
    .result('vegf', '2025-06-10', vegf(650));
  const evaluation = story.evaluate('2025-06-15');
  const line = lineOf(evaluation);

  it('stages the patient limited and anchors the radiation line on its end date', () => {
    expect(evaluation.staging.class).toBe('limited');
    expect(line.anchor).toMatchObject({
      date: '2025-03-14',
      field: 'end_date',
    });
    expect(timePointOf(line, 'M3')).toMatchObject({
      windowStart: '2025-05-15',
      windowEnd: '2025-07-14',
    });
  });

  it('the ONLS rise of 2025-04-20 is interim: shown, never categorized', () => {
    expect(
      line.results.find((r) => r.resultId === 'neuro_exam@2025-04-20'),
    ).toMatchObject({ placement: 'interim' });
    expect(domainAt(line, 'M3', 'neurological')).toMatchObject({
      status: 'pending',
    });
  });

  it('VEGF 650 ≥ 1.5 × 400 at M3 is progression, unconfirmed', () => {
    expect(assessedAt(line, 'M3', 'vegf')).toMatchObject({
      category: 'progression',
      confirmation: 'unconfirmed',
      relapse: false,
    });
    expect(timePointOf(line, 'M3').summary.value).toBe(
      'progression_unconfirmed',
    );
  });

  it('raises consider_systemic_therapy with its sources', () => {
    expect(evaluation.flags).toEqual([
      expect.objectContaining({
        key: 'consider_systemic_therapy',
        timePoint: 'M3',
        domain: 'vegf',
        date: '2025-06-10',
        sources: ['F1', 'F2'],
      }),
    ]);
    expect(evaluation.flags[0].trackerDefaults).toEqual(
      expect.arrayContaining([
        'time_points',
        'limited_max_lesions',
        'vegf_progression',
      ]),
    );
  });

  it('a patient staged disseminated gets no such flag', () => {
    const disseminated = story
      .staging({ boneLesionCount: 1, marrowClone: 'present' })
      .evaluate('2025-06-15');
    expect(disseminated.flags).toEqual([]);
  });
});
