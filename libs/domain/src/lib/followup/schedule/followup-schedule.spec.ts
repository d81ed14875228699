import { POEMS_FOLLOWUP_V1 } from '../protocol/poems-followup.v1';
import { lineTimeline } from '../response/line-timeline';
import type { FollowupResult } from '../results/followup-result';
import {
  aLine,
  echo,
  FollowupStory,
  ifePositive,
  lineOf,
  marrow,
  pet,
  spep,
  vegf,
} from '../../../testing/followup.fixtures';
import {
  closingResult,
  instanceKey,
  instancesClosedBy,
  lineSchedule,
  planLineSchedule,
  scheduleConditions,
  supersededCancellations,
  SUPERSEDED_BY_LINE,
} from './followup-schedule';

const ldexLine = aLine({
  regimenClass: 'lenalidomide_dexamethasone',
  startDate: '2025-01-15',
});
const timeline = lineTimeline(
  POEMS_FOLLOWUP_V1,
  [ldexLine],
  ldexLine,
  '2025-06-01',
);
const r = (
  id: string,
  itemKey: string,
  date: string,
  result: FollowupResult['result'],
): FollowupResult => ({ id, itemKey, date, result });
const plannedFor = (results: FollowupResult[]) =>
  planLineSchedule(POEMS_FOLLOWUP_V1, timeline, results);
const pointsOf = (results: FollowupResult[], itemKey: string) =>
  plannedFor(results)
    .filter((i) => i.itemKey === itemKey)
    .map((i) => i.timePoint);
const window = (today: string) => ({ today, dueSoonUntil: today });

describe('follow-up schedule plan', () => {
  it('plans each item at its time points (§6)', () => {
    const core = [
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
    ];
    for (const item of [
      'vegf',
      'serum_ife',
      'serum_flc',
      'cbc',
      'physical_exam',
      'neuro_exam',
      'chemistry_panel',
      'spep',
    ]) {
      expect(pointsOf([], item)).toEqual(core);
    }
    expect(pointsOf([], 'urine_ife')).toEqual([
      'M6',
      'M12',
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
    expect(pointsOf([], 'bone_imaging')).toEqual([
      'M6',
      'M12',
      'M24',
      'M36',
      'M48',
      'M60',
    ]);
    expect(pointsOf([], 'bone_marrow_biopsy')).toEqual(['M12']);
    expect(pointsOf([], 'emg_ncs')).toEqual(['M12', 'M24']);
    expect(pointsOf([], 'endocrine_panel')).toEqual([
      'M12',
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
    expect(pointsOf([], 'echocardiogram')).toEqual(['M6', 'M12']);
    expect(pointsOf([], 'pft')).toEqual(['M12']);
    expect(pointsOf([], 'fundoscopy')).toEqual(['M6']);
  });

  it('dates each instance from its time point, due at the end of the window', () => {
    const m6 = plannedFor([]).find(
      (i) => i.itemKey === 'vegf' && i.timePoint === 'M6',
    );
    expect(m6).toMatchObject({
      targetDate: '2025-07-15',
      dueDate: '2025-08-29',
      windowStart: '2025-05-31',
      rangeEnd: '2025-11-16',
    });
    expect(m6?.trackerDefaults).toEqual([
      'anchor',
      'time_points',
      'followup_schedule',
    ]);
    expect(
      instanceKey(m6 ?? { lineId: '', itemKey: '', timePoint: 'M3' }),
    ).toBe('line-1/vegf/M6');
  });

  it('plans nothing before the anchor is known', () => {
    const ongoing = aLine({
      regimenClass: 'radiation',
      startDate: '2025-02-01',
    });
    expect(
      planLineSchedule(
        POEMS_FOLLOWUP_V1,
        lineTimeline(POEMS_FOLLOWUP_V1, [ongoing], ongoing, '2025-03-01'),
        [],
      ),
    ).toEqual([]);
  });

  it('reads each condition from the latest result on or before the start', () => {
    const results = [
      r('s', 'spep', '2024-06-01', spep(0.3)),
      r('p', 'bone_imaging', '2025-01-10', pet({ avid: 2 })),
      r('m', 'bone_marrow_biopsy', '2025-01-10', marrow('lambda')),
      r('e', 'endocrine_panel', '2025-01-10', {
        axes: { gonadal: 'abnormal' },
      }),
      r('h', 'echocardiogram', '2025-01-10', echo(55)),
      r('h2', 'echocardiogram', '2025-01-20', echo(20)),
      r('d', 'pft', '2025-01-10', { dlcoPercentPredicted: 70 }),
      r('f', 'fundoscopy', '2025-01-10', { signs: ['papilledema'] }),
    ];
    const conditions = scheduleConditions(POEMS_FOLLOWUP_V1, timeline, results);
    expect(
      Object.fromEntries(
        Object.entries(conditions).map(([k, v]) => [k, v.met]),
      ),
    ).toEqual({
      always: true,
      baseline_m_spike_present: true,
      baseline_pet_avid: true,
      baseline_marrow_clone: true,
      baseline_abnormal_axis: true,
      baseline_pasp_ge_50: true,
      baseline_dlco_abnormal: true,
      baseline_papilledema: true,
    });
    expect(conditions.baseline_pasp_ge_50.resultId).toBe('h');
    expect(scheduleConditions(POEMS_FOLLOWUP_V1, timeline, [])).toMatchObject({
      baseline_pet_avid: {
        met: undefined,
        basis: 'no PET with an avid lesion count before the start',
      },
    });
  });
});

describe('follow-up schedule as of a day', () => {
  const planned = plannedFor([]);

  it('conditional instances without their condition are activatable, not scheduled; activation adds them', () => {
    const view = lineSchedule(
      POEMS_FOLLOWUP_V1,
      planned,
      [],
      [],
      window('2025-06-01'),
      false,
    );
    expect(view.instances.some((i) => i.itemKey === 'bone_marrow_biopsy')).toBe(
      false,
    );
    expect(view.activatable.map((i) => i.itemKey)).toContain(
      'bone_marrow_biopsy',
    );
    const activated = lineSchedule(
      POEMS_FOLLOWUP_V1,
      planned,
      [
        {
          lineId: 'line-1',
          itemKey: 'bone_marrow_biopsy',
          timePoint: 'M12',
          status: 'planned',
          activated: true,
        },
      ],
      [],
      window('2025-06-01'),
      false,
    );
    expect(
      activated.instances.find((i) => i.itemKey === 'bone_marrow_biopsy'),
    ).toMatchObject({ active: true, status: 'planned' });
  });

  it('the first done result in the range closes an instance, late or not', () => {
    const results = [
      r('a', 'vegf', '2025-09-20', vegf(200)),
      r('b', 'vegf', '2025-10-01', vegf(150)),
    ];
    const m6 = lineSchedule(
      POEMS_FOLLOWUP_V1,
      planned,
      [],
      results,
      window('2025-10-05'),
      false,
    ).instances.find((i) => i.itemKey === 'vegf' && i.timePoint === 'M6');
    expect(m6).toMatchObject({
      status: 'resulted',
      closedByResultId: 'a',
      closedOn: '2025-09-20',
      late: true,
      dueState: 'closed',
    });
    expect(closingResult(planned[1], results)?.id).toBe('a');
  });

  it('overdue follows the one due-date rule; a cancelled instance keeps its reason', () => {
    const view = (today: string) =>
      lineSchedule(
        POEMS_FOLLOWUP_V1,
        planned,
        [
          {
            lineId: 'line-1',
            itemKey: 'cbc',
            timePoint: 'M3',
            status: 'cancelled',
            reason: 'patient declined',
          },
        ],
        [],
        window(today),
        false,
      ).instances;
    expect(
      view('2025-05-15').find(
        (i) => i.itemKey === 'vegf' && i.timePoint === 'M3',
      )?.dueState,
    ).toBe('due_soon');
    expect(
      view('2025-05-16').find(
        (i) => i.itemKey === 'vegf' && i.timePoint === 'M3',
      )?.dueState,
    ).toBe('overdue');
    expect(
      view('2025-05-16').find(
        (i) => i.itemKey === 'cbc' && i.timePoint === 'M3',
      ),
    ).toMatchObject({
      status: 'cancelled',
      reason: 'patient declined',
      dueState: 'closed',
    });
  });

  it('a recorded result closes the open instance of its range', () => {
    const instances = lineSchedule(
      POEMS_FOLLOWUP_V1,
      planned,
      [],
      [],
      window('2025-04-01'),
      false,
    ).instances;
    expect(
      instancesClosedBy(instances, r('x', 'vegf', '2025-05-30', vegf(100))).map(
        instanceKey,
      ),
    ).toEqual(['line-1/vegf/M3']);
    expect(
      instancesClosedBy(
        instances,
        r('x', 'urine_ife', '2025-05-30', ifePositive('none', 'lambda')),
      ),
    ).toEqual([]);
  });

  it('a superseded line’s open instances are cancelled superseded_by_line; closed ones stay', () => {
    const results = [r('a', 'vegf', '2025-04-15', vegf(200))];
    const before = lineSchedule(
      POEMS_FOLLOWUP_V1,
      planned,
      [],
      results,
      window('2025-06-01'),
      false,
    ).instances;
    const cancellations = supersededCancellations(before);
    expect(cancellations).toContainEqual({
      lineId: 'line-1',
      itemKey: 'vegf',
      timePoint: 'M6',
      status: 'cancelled',
      reason: SUPERSEDED_BY_LINE,
    });
    expect(
      cancellations.some((c) => c.itemKey === 'vegf' && c.timePoint === 'M3'),
    ).toBe(false);
    const after = lineSchedule(
      POEMS_FOLLOWUP_V1,
      planned,
      [],
      results,
      window('2025-06-01'),
      true,
    ).instances;
    expect(
      after.find((i) => i.itemKey === 'vegf' && i.timePoint === 'M6'),
    ).toMatchObject({ status: 'cancelled', reason: SUPERSEDED_BY_LINE });
    expect(
      after.find((i) => i.itemKey === 'vegf' && i.timePoint === 'M6')
        ?.trackerDefaults,
    ).toContain('line_superseding');
    expect(
      after.find((i) => i.itemKey === 'vegf' && i.timePoint === 'M3'),
    ).toMatchObject({ status: 'resulted' });
  });
});

describe('schedule inside the evaluation', () => {
  it('VEGF instances carry the baseline’s specimen', () => {
    const line = lineOf(
      FollowupStory.diagnosed('2024-12-20')
        .line(ldexLine)
        .result(
          'vegf',
          '2025-01-05',
          vegf(2400, { specimen: 'serum', uln: 1000 }),
        )
        .evaluate('2025-02-01'),
    );
    expect(
      line.schedule.instances.find((i) => i.itemKey === 'vegf')?.specimen,
    ).toBe('serum');
  });

  it('recording line 2 cancels line 1’s open instances and ends its follow-up at line 2’s start', () => {
    const story = FollowupStory.diagnosed('2024-12-20')
      .line(ldexLine)
      .line(
        aLine({
          id: 'line-2',
          lineNumber: 2,
          intent: 'salvage',
          regimenClass: 'asct_melphalan',
          startDate: '2025-09-01',
        }),
      )
      .result('vegf', '2025-01-05', vegf(600))
      .result('neuro_exam', '2025-01-05', { onls: 4 })
      .result('vegf', '2025-04-15', vegf(300))
      .result('vegf', '2025-08-20', vegf(700))
      .result('vegf', '2025-09-10', vegf(900));
    const recorded = lineOf(story.evaluate('2025-08-25'), 1);
    expect(recorded).toMatchObject({
      followUpEnd: '2025-09-01',
      supersededByLineId: 'line-2',
    });
    expect(recorded.timePoints.map((t) => t.key)).toEqual(['M3', 'M6']);
    expect(
      recorded.schedule.instances.find(
        (i) => i.itemKey === 'neuro_exam' && i.timePoint === 'M6',
      ),
    ).toMatchObject({
      status: 'cancelled',
      reason: SUPERSEDED_BY_LINE,
    });
    expect(
      recorded.schedule.instances.find(
        (i) => i.itemKey === 'vegf' && i.timePoint === 'M6',
      ),
    ).toMatchObject({
      status: 'resulted',
      closedByResultId: 'vegf@2025-08-20',
    });
    expect(domainOf(recorded, 'neurological')).toMatchObject({
      category: 'not_evaluable',
      reason: 'no_result_in_window',
    });

    const later = story.evaluate('2025-10-01');
    const line1 = lineOf(later, 1);
    expect(
      line1.results.find((x) => x.resultId === 'vegf@2025-09-10')?.placement,
    ).toBe('next_line');
    expect(domainOf(line1, 'vegf')).toMatchObject({
      category: 'progression',
      resultIds: ['vegf@2025-08-20'],
      confirmation: 'unconfirmed',
    });
    const line2 = lineOf(later, 2);
    expect(line2.anchor.date).toBeNull();
    expect(line2.timePoints).toEqual([]);
    expect(line2.baselines[0]).toMatchObject({
      status: 'available',
      resultIds: ['vegf@2025-08-20'],
    });
    expect(
      line2.results.find((x) => x.resultId === 'vegf@2025-09-10')?.placement,
    ).toBe('on_treatment');
  });
});

function domainOf(
  line: ReturnType<typeof lineOf>,
  domain: 'vegf' | 'neurological',
) {
  return line.timePoints
    .find((t) => t.key === 'M6')
    ?.domains.find((d) => d.domain === domain);
}
