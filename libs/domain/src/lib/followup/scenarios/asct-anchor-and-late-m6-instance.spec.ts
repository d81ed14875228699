import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aLine,
  assessedAt,
  FollowupStory,
  lineOf,
  timePointOf,
  vegf,
} from '../../../testing/followup.fixtures';
import type { LineFollowup } from '../evaluate-followup';

/**
 * Worked example 20 (poems-followup.md §7): ASCT started 2025-01-02, transplant 2025-03-10; VEGF on
 * 2025-06-20; no M6 VEGF yet; a later VEGF on 2025-11-01. 2025-06-20 is the M3 result (window
 * 2025-05-11…07-10). The M6 instance is due 2025-10-25: not overdue as of 2025-10-25, overdue as of
 * 2025-10-26. The 2025-11-01 result (before M12 opens on 2026-01-09) closes M6 late and is the M6
 * result.
 */
describe('ASCT: anchor on the transplant, M6 VEGF overdue then closed late', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const beforeM6 = FollowupStory.diagnosed('2024-12-10')
    .line(
      aLine({
        regimenClass: 'asct_melphalan',
        startDate: '2025-01-02',
        transplantDate: '2025-03-10',
      }),
    )
    .result('vegf', '2024-12-20', vegf(500))
    .result('vegf', '2025-06-20', vegf(300));
  const late = beforeM6.result('vegf', '2025-11-01', vegf(120));
  const m6Vegf = (line: LineFollowup) =>
    line.schedule.instances.find(
      (i) => i.itemKey === 'vegf' && i.timePoint === 'M6',
    );

  it('2025-06-20 is the M3 result (window 2025-05-11 to 2025-07-10)', () => {
    const line = lineOf(beforeM6.evaluate('2025-10-25'));
    expect(timePointOf(line, 'M3')).toMatchObject({
      windowStart: '2025-05-11',
      windowEnd: '2025-07-10',
    });
    expect(assessedAt(line, 'M3', 'vegf').resultIds).toEqual([
      'vegf@2025-06-20',
    ]);
  });

  it('the M6 instance is due 2025-10-25: not overdue that day, overdue the next', () => {
    expect(m6Vegf(lineOf(beforeM6.evaluate('2025-10-25')))).toMatchObject({
      dueDate: '2025-10-25',
      status: 'planned',
      dueState: 'due_soon',
    });
    expect(m6Vegf(lineOf(beforeM6.evaluate('2025-10-26')))).toMatchObject({
      status: 'planned',
      dueState: 'overdue',
    });
  });

  it('the 2025-11-01 result, before M12 opens on 2026-01-09, closes M6 late and is the M6 result (120 ≤ 0.5 × 500: PR)', () => {
    const line = lineOf(late.evaluate('2025-11-02'));
    expect(timePointOf(line, 'M12').windowStart).toBe('2026-01-09');
    expect(m6Vegf(line)).toMatchObject({
      status: 'resulted',
      closedByResultId: 'vegf@2025-11-01',
      late: true,
      dueState: 'closed',
    });
    expect(assessedAt(line, 'M6', 'vegf')).toMatchObject({
      resultIds: ['vegf@2025-11-01'],
      category: 'PR',
    });
  });
});
