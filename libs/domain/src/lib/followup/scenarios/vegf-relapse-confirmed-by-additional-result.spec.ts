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
 * Worked example 13 (poems-followup.md §7): plasma VEGF baseline 600; M6 90; M12 60; M18 150; an
 * additional result six weeks later of 170. M6 and M12 CR; M18 progression (nadir 60; 150 ≥ 90 and
 * > ULN), a relapse; the M18 summary is `progression_unconfirmed` until the 170 arrives (≥ 90:
 * confirmed), then `progression`; event type `vegf`, dated at the M18 result.
 */
describe('VEGF relapse confirmed by an additional result', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  // Anchor 2025-01-15: M6 target 2025-07-15, M12 2026-01-15, M18 2026-07-15.
  const beforeConfirmation = FollowupStory.diagnosed('2024-12-20')
    .line(
      aLine({
        regimenClass: 'lenalidomide_dexamethasone',
        startDate: '2025-01-15',
      }),
    )
    .result('vegf', '2025-01-05', vegf(600))
    .result('vegf', '2025-07-15', vegf(90))
    .result('vegf', '2026-01-15', vegf(60))
    .result('vegf', '2026-07-15', vegf(150));
  const confirmed = beforeConfirmation.result('vegf', '2026-08-26', vegf(170));

  it('M6 and M12 are CR', () => {
    const line = lineOf(beforeConfirmation.evaluate('2026-07-20'));
    expect(assessedAt(line, 'M6', 'vegf').category).toBe('CR');
    expect(assessedAt(line, 'M12', 'vegf').category).toBe('CR');
  });

  it('M18: 150 ≥ 1.5 × nadir 60 and above the ULN is progression, a relapse, unconfirmed', () => {
    const line = lineOf(beforeConfirmation.evaluate('2026-07-20'));
    expect(assessedAt(line, 'M18', 'vegf')).toMatchObject({
      category: 'progression',
      relapse: true,
      confirmation: 'unconfirmed',
      measures: {
        domain: 'vegf',
        value: 150,
        nadir: 60,
        baseline: 600,
        uln: 96.2,
      },
    });
    expect(timePointOf(line, 'M18').summary.value).toBe(
      'progression_unconfirmed',
    );
    expect(line.event).toBeNull();
  });

  it('the additional 170 six weeks later confirms it: summary progression, one vegf event dated at the M18 result', () => {
    const line = lineOf(confirmed.evaluate('2026-09-01'));
    const m18 = assessedAt(line, 'M18', 'vegf');
    expect(m18).toMatchObject({
      category: 'progression',
      confirmation: 'confirmed',
      confirmationStep: { resultIds: ['vegf@2026-08-26'], date: '2026-08-26' },
      resultIds: ['vegf@2026-07-15'],
      additionalResultIds: ['vegf@2026-08-26'],
    });
    expect(timePointOf(line, 'M18').summary.value).toBe('progression');
    expect(line.event).toMatchObject({
      kind: 'relapse',
      date: '2026-07-15',
      types: ['vegf'],
      symptomatic: false,
    });
    expect(line.event?.trackerDefaults).toEqual(
      expect.arrayContaining([
        'relapse_event',
        'confirmation',
        'vegf_progression',
      ]),
    );
  });

  it('the additional result is never the M18 category: the result nearest the target is', () => {
    const line = lineOf(confirmed.evaluate('2026-09-01'));
    expect(assessedAt(line, 'M18', 'vegf').measures).toMatchObject({
      value: 150,
    });
  });

  it('evaluated as of a day before the 170, the earlier summary is unchanged', () => {
    const line = lineOf(confirmed.evaluate('2026-08-25'));
    expect(timePointOf(line, 'M18').summary.value).toBe(
      'progression_unconfirmed',
    );
  });
});
