import { addDays } from '../../schedule/due-date';
import { POEMS_FOLLOWUP_V1 } from '../protocol/poems-followup.v1';
import { aLine } from '../../../testing/followup.fixtures';
import { lineTimeline, placementOf, isPostAnchor } from './line-timeline';
import { distanceFromTarget, inRange, timePointWindows } from './time-points';

describe('time points', () => {
  const tps = timePointWindows(POEMS_FOLLOWUP_V1, '2025-01-15');

  it('are M3, M6, M12, M18, M24, then yearly to M120', () => {
    expect(tps.map((t) => t.key)).toEqual([
      'M3',
      'M6',
      'M12',
      'M18',
      'M24',
      'M36',
      'M48',
      'M60',
      'M72',
      'M84',
      'M96',
      'M108',
      'M120',
    ]);
  });

  it('have windows of ±30 days at M3, ±45 at M6 and ±60 from M12, due at the window’s end', () => {
    expect(
      tps
        .slice(0, 3)
        .map((t) => [t.targetDate, t.windowStart, t.windowEnd, t.dueDate]),
    ).toEqual([
      ['2025-04-15', '2025-03-16', '2025-05-15', '2025-05-15'],
      ['2025-07-15', '2025-05-31', '2025-08-29', '2025-08-29'],
      ['2026-01-15', '2025-11-16', '2026-03-16', '2026-03-16'],
    ]);
    expect(tps.map((t) => t.halfWidthDays)).toEqual([
      30, 45, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60,
    ]);
  });

  it('cover [window start of Mk, window start of Mk+1), the last one ending after its window', () => {
    tps
      .slice(0, -1)
      .forEach((t, i) => expect(t.rangeEnd).toBe(tps[i + 1].windowStart));
    expect(tps[12]).toMatchObject({
      targetDate: '2035-01-15',
      windowEnd: '2035-03-16',
      rangeEnd: '2035-03-17',
    });
    expect(inRange(tps[0], '2025-03-16')).toBe(true);
    expect(inRange(tps[0], '2025-05-30')).toBe(true);
    expect(inRange(tps[0], '2025-05-31')).toBe(false);
    expect(inRange(tps[0], '2025-03-15')).toBe(false);
  });

  it('clamp the target to the month’s end', () => {
    const endOfMonth = timePointWindows(POEMS_FOLLOWUP_V1, '2025-08-31');
    expect(endOfMonth.slice(0, 3).map((t) => t.targetDate)).toEqual([
      '2025-11-30',
      '2026-02-28',
      '2026-08-31',
    ]);
  });

  it('stop at the superseding line’s start', () => {
    const cut = timePointWindows(POEMS_FOLLOWUP_V1, '2025-01-15', '2025-08-01');
    expect(cut.map((t) => [t.key, t.rangeEnd])).toEqual([
      ['M3', '2025-05-31'],
      ['M6', '2025-08-01'],
    ]);
  });

  it('measure the distance to the target in days', () => {
    expect(distanceFromTarget(tps[0], '2025-04-10')).toBe(5);
    expect(distanceFromTarget(tps[0], '2025-04-20')).toBe(5);
  });
});

describe('placement of results in a line', () => {
  const rt = aLine({
    regimenClass: 'radiation',
    startDate: '2025-02-01',
    endDate: '2025-03-14',
    stopReason: 'completed',
  });
  const timeline = lineTimeline(POEMS_FOLLOWUP_V1, [rt], rt, '2026-01-01');

  it.each([
    ['2024-11-02', 'before_baseline_window'],
    ['2024-11-03', 'baseline_window'],
    ['2025-02-01', 'baseline_window'],
    ['2025-02-02', 'on_treatment'],
    ['2025-03-14', 'on_treatment'],
    ['2025-03-15', 'interim'],
    ['2025-05-14', 'interim'],
    ['2025-05-15', 'time_point'],
    ['2035-05-15', 'after_follow_up'],
  ])('%s is %s', (date, kind) => {
    expect(placementOf(timeline, date).kind).toBe(kind);
  });

  it('names the time point of a result in a range', () => {
    expect(placementOf(timeline, '2025-06-10')).toEqual({
      kind: 'time_point',
      timePoint: 'M3',
    });
    expect(isPostAnchor(timeline, '2025-04-20')).toBe(true);
    expect(isPostAnchor(timeline, '2025-03-01')).toBe(false);
  });

  it('post-anchor means interim or in a range, on every day of the follow-up', () => {
    const next = aLine({
      id: 'line-2',
      lineNumber: 2,
      regimenClass: 'lenalidomide_dexamethasone',
      startDate: '2026-02-01',
    });
    for (const t of [
      timeline,
      lineTimeline(POEMS_FOLLOWUP_V1, [rt, next], rt, '2026-06-01'),
    ]) {
      for (let day = 0; day < 4200; day += 7) {
        const date = addDays('2024-10-01', day);
        const kind = placementOf(t, date).kind;
        expect(isPostAnchor(t, date)).toBe(
          kind === 'interim' || kind === 'time_point',
        );
      }
    }
  });

  it('while radiation is ongoing everything after the start is on-treatment and there is no time point', () => {
    const ongoing = { ...rt, endDate: null, stopReason: null };
    const t = lineTimeline(POEMS_FOLLOWUP_V1, [ongoing], ongoing, '2025-03-01');
    expect(t.timePoints).toEqual([]);
    expect(placementOf(t, '2025-02-20').kind).toBe('on_treatment');
  });

  it('results from the next line’s start belong to it; a line superseded before M3 keeps only interim results', () => {
    const next = aLine({
      id: 'line-2',
      lineNumber: 2,
      regimenClass: 'lenalidomide_dexamethasone',
      startDate: '2025-04-01',
    });
    const t = lineTimeline(POEMS_FOLLOWUP_V1, [rt, next], rt, '2025-06-01');
    expect(t.timePoints).toEqual([]);
    expect(t.followUpEnd).toBe('2025-04-01');
    expect(placementOf(t, '2025-03-20').kind).toBe('interim');
    expect(placementOf(t, '2025-04-01').kind).toBe('next_line');
  });
});
