import fc from 'fast-check';
import { addDays } from '../schedule/due-date';
import { isOpen } from '../workup/item-status';
import type { ResultInput } from '../workup/result';
import { PET_IMPRESSIONS } from '../workup/result-measures';
import {
  flc,
  ifeNegative,
  ifePositive,
  marrow,
  onls,
  pet,
  spep,
  vegf,
} from '../../testing/followup.fixtures';
import { evaluateFollowup, type FollowupEvaluation } from './evaluate-followup';
import { POEMS_FOLLOWUP_V1 } from './protocol/poems-followup.v1';
import { resolveParameters } from './protocol/registry';
import type { FollowupResult } from './results/followup-result';
import type { AssessedDomain } from './response/response.types';
import { timePointWindows } from './response/time-points';
import { evaluateRisk } from './risk/risk';
import type { RiskObservation } from './risk/risk.types';
import { evaluateStaging } from './staging/staging';
import type { MarrowCloneState } from './staging/staging.types';
import type { TreatmentLine } from './treatment/treatment-line.types';

const RUNS = { numRuns: 120 };
const FIRST_DAY = '2024-10-20';
/** Days after FIRST_DAY up to ~6 years: baseline window, on-treatment, interim and a dozen ranges. */
const dayOffset = fc.integer({ min: 0, max: 2300 });
const AS_OF = '2031-06-01';

const LINES: readonly TreatmentLine[][] = [
  [
    {
      id: 'line-1',
      lineNumber: 1,
      intent: 'first_line',
      regimenClass: 'lenalidomide_dexamethasone',
      startDate: '2025-01-15',
    },
  ],
  [
    {
      id: 'line-1',
      lineNumber: 1,
      intent: 'first_line',
      regimenClass: 'radiation',
      startDate: '2025-01-15',
      endDate: '2025-02-28',
      stopReason: 'completed',
    },
  ],
  [
    {
      id: 'line-1',
      lineNumber: 1,
      intent: 'first_line',
      regimenClass: 'asct_melphalan',
      startDate: '2025-01-15',
      transplantDate: '2025-04-01',
    },
  ],
];

const resultBody: fc.Arbitrary<{ itemKey: string; result: ResultInput }> =
  fc.oneof(
    fc.record({
      itemKey: fc.constant('vegf'),
      result: fc
        .tuple(fc.integer({ min: 20, max: 1500 }), fc.boolean())
        .map(([v, serum]) =>
          serum ? vegf(v * 4, { specimen: 'serum', uln: 1000 }) : vegf(v),
        ),
    }),
    fc.record({
      itemKey: fc.constant('neuro_exam'),
      result: fc
        .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 7 }))
        .map(([a, l]) => onls(a, l)),
    }),
    fc.record({
      itemKey: fc.constant('spep'),
      result: fc.integer({ min: 0, max: 25 }).map((v) => spep(v / 10)),
    }),
    fc.record({
      itemKey: fc.constantFrom('serum_ife', 'urine_ife'),
      result: fc
        .boolean()
        .map((p) => (p ? ifePositive('IgA', 'lambda') : ifeNegative)),
    }),
    fc.record({
      itemKey: fc.constant('serum_flc'),
      result: fc
        .tuple(
          fc.integer({ min: 5, max: 40 }),
          fc.integer({ min: 5, max: 400 }),
        )
        .map(([k, l]) => flc({ kappa: k, lambda: l, ratio: k / l })),
    }),
    fc.record({
      itemKey: fc.constant('bone_imaging'),
      result: fc
        .record({
          avid: fc.integer({ min: 0, max: 4 }),
          newLesion: fc.boolean(),
          impression: fc.constantFrom(...PET_IMPRESSIONS),
        })
        .map((r) =>
          pet({
            ...r,
            impression:
              r.avid > 0 && r.impression === 'resolved'
                ? 'improved'
                : r.impression,
          }),
        ),
    }),
    fc.record({
      itemKey: fc.constant('bone_marrow_biopsy'),
      result: fc.constantFrom(
        marrow('none'),
        marrow('lambda'),
        marrow('lambda', 'lesion'),
      ),
    }),
  );

const results: fc.Arbitrary<FollowupResult[]> = fc
  .array(fc.tuple(dayOffset, resultBody), { minLength: 4, maxLength: 40 })
  .map((entries) =>
    entries.map(([day, body], i) => ({
      id: `r${String(i).padStart(3, '0')}`,
      date: addDays(FIRST_DAY, day),
      ...body,
    })),
  );

const story = fc.record({ lines: fc.constantFrom(...LINES), results });

const evaluate = (
  lines: readonly TreatmentLine[],
  rs: readonly FollowupResult[],
  asOf = AS_OF,
): FollowupEvaluation =>
  evaluateFollowup(
    1,
    {
      diagnosisDate: '2025-01-01',
      staging: { boneLesionCount: 1, marrowClone: 'absent' },
    },
    lines,
    rs,
    asOf,
  );

const assessed = (e: FollowupEvaluation): AssessedDomain[] =>
  e.lines[0].timePoints.flatMap((tp) =>
    tp.domains.filter((d): d is AssessedDomain => d.status === 'assessed'),
  );

describe('follow-up properties', () => {
  it('the whole evaluation is independent of the order results arrive in', () => {
    fc.assert(
      fc.property(
        story,
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        ({ lines, results: rs }, keys) => {
          const shuffled = rs
            .map((r, i) => ({ r, k: keys[i] }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.r);
          // Serialised: same values in the same order, and much faster than a deep comparison.
          expect(JSON.stringify(evaluate(lines, shuffled))).toBe(
            JSON.stringify(evaluate(lines, rs)),
          );
        },
      ),
      RUNS,
    );
  });

  it('a later result never changes an earlier time point’s category, only its confirmation', () => {
    fc.assert(
      fc.property(
        story,
        dayOffset,
        resultBody,
        ({ lines, results: rs }, day, body) => {
          const extra = { id: 'zzz', date: addDays(FIRST_DAY, day), ...body };
          const before = evaluate(lines, rs).lines[0];
          const after = evaluate(lines, [...rs, extra]).lines[0];
          before.timePoints.forEach((tp, i) => {
            if (tp.rangeEnd > extra.date) {
              return;
            }
            tp.domains.forEach((d, j) => {
              const {
                confirmation: _c1,
                confirmationStep: _s1,
                explanation: _e1,
                rules: _r1,
                trackerDefaults: _t1,
                ...was
              } = d as AssessedDomain;
              const {
                confirmation: _c2,
                confirmationStep: _s2,
                explanation: _e2,
                rules: _r2,
                trackerDefaults: _t2,
                ...is
              } = after.timePoints[i].domains[j] as AssessedDomain;
              expect(is).toEqual(was);
            });
          });
        },
      ),
      RUNS,
    );
  });

  it('with a plasma baseline, serum VEGF results never change a category a plasma result decided', () => {
    const plasmaStory = story.map(({ lines, results: rs }) => ({
      lines,
      results: [
        { id: 'base', itemKey: 'vegf', date: '2025-01-05', result: vegf(600) },
        ...rs.filter((r) => r.result.specimen !== 'serum'),
      ],
    }));
    const serum = fc.array(
      fc
        .tuple(dayOffset, fc.integer({ min: 100, max: 6000 }))
        .map(([day, v]) => ({
          date: addDays(FIRST_DAY, day),
          itemKey: 'vegf',
          result: vegf(v, { specimen: 'serum', uln: 1000 }),
        })),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(plasmaStory, serum, ({ lines, results: rs }, extra) => {
        const before = evaluate(lines, rs).lines[0];
        const after = evaluate(lines, [
          ...rs,
          ...extra.map((x, i) => ({ ...x, id: `serum-${i}` })),
        ]).lines[0];
        expect(after.baselines[0]).toEqual(before.baselines[0]);
        before.timePoints.forEach((tp, i) => {
          const was = tp.domains[0];
          const is = after.timePoints[i].domains[0];
          if (
            was.status === 'assessed' &&
            was.reason !== 'no_result_in_window'
          ) {
            expect(is).toEqual(was);
          } else if (is.status === 'assessed') {
            expect(
              is.reason === 'specimen_mismatch' ||
                is.reason === 'no_result_in_window',
            ).toBe(true);
          }
        });
        expect(after.event?.domains.find((d) => d.domain === 'vegf')).toEqual(
          before.event?.domains.find((d) => d.domain === 'vegf'),
        );
      }),
      RUNS,
    );
  });

  it('the summary follows its clauses: progression only from a confirmed progression, response only from a response', () => {
    fc.assert(
      fc.property(story, ({ lines, results: rs }) => {
        for (const tp of evaluate(lines, rs).lines[0].timePoints) {
          const domains = tp.domains.filter(
            (d): d is AssessedDomain => d.status === 'assessed',
          );
          const has = (p: (d: AssessedDomain) => boolean) => domains.some(p);
          const confirmed = has(
            (d) =>
              d.category === 'progression' && d.confirmation === 'confirmed',
          );
          expect(tp.summary.value === 'progression').toBe(confirmed);
          if (tp.summary.value === 'response') {
            expect(
              has((d) => ['CR', 'PR', 'improved'].includes(d.category)),
            ).toBe(true);
          }
          if (tp.summary.value === 'not_evaluable') {
            expect(domains.every((d) => d.category === 'not_evaluable')).toBe(
              true,
            );
          }
          if (tp.summary.trackerDefaults.length === 0) {
            throw new Error('a summary always rests on the summary default');
          }
        }
      }),
      RUNS,
    );
  });

  it('every category is explained by its rules: a D rule behind every figure, and never a category from nothing', () => {
    fc.assert(
      fc.property(story, ({ lines, results: rs }) => {
        for (const d of assessed(evaluate(lines, rs))) {
          expect(d.trackerDefaults).toEqual(
            expect.arrayContaining(['anchor', 'time_points']),
          );
          if (d.category === 'not_evaluable') {
            expect(d.reason).toBeDefined();
          } else {
            expect(d.resultIds.length).toBeGreaterThan(0);
          }
          if (d.category === 'progression') {
            expect(d.confirmation).toBeDefined();
          }
        }
      }),
      RUNS,
    );
  });

  it('one event per line, only from confirmed progressions, dated at the earliest', () => {
    fc.assert(
      fc.property(story, ({ lines, results: rs }) => {
        const e = evaluate(lines, rs);
        const confirmed = assessed(e).filter(
          (d) => d.category === 'progression' && d.confirmation === 'confirmed',
        );
        const event = e.lines[0].event;
        expect(event === null).toBe(confirmed.length === 0);
        if (event) {
          expect(event.date).toBe(confirmed.map((d) => d.date).sort()[0]);
          expect(event.symptomatic).toBe(event.types.includes('clinical'));
        }
      }),
      RUNS,
    );
  });

  it('an instance is overdue exactly when it is open and due before the day', () => {
    fc.assert(
      fc.property(
        story,
        fc.integer({ min: 0, max: 2300 }),
        ({ lines, results: rs }, day) => {
          const asOf = addDays(FIRST_DAY, day);
          for (const i of evaluate(lines, rs, asOf).lines[0].schedule
            .instances) {
            expect(i.dueState === 'overdue').toBe(
              isOpen(i.status) && i.dueDate < asOf,
            );
            if (i.closedByResultId !== null) {
              expect(i.status).toBe('resulted');
              expect(i.late).toBe((i.closedOn ?? '') > i.dueDate);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('time-point ranges follow each other without gap or overlap, each window inside its range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), (day) => {
        const tps = timePointWindows(
          POEMS_FOLLOWUP_V1,
          addDays('2020-01-01', day),
        );
        tps.forEach((tp, i) => {
          expect(
            tp.windowStart < tp.targetDate && tp.targetDate < tp.windowEnd,
          ).toBe(true);
          expect(tp.windowEnd < tp.rangeEnd).toBe(true);
          if (i > 0) {
            expect(tps[i - 1].rangeEnd).toBe(tp.windowStart);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('staging properties', () => {
  const marrowState = fc.constantFrom<MarrowCloneState | undefined>(
    'present',
    'absent',
    'not_done',
    undefined,
  );
  const count = fc.integer({ min: 0, max: 12 });
  const limit = fc.constantFrom(2, 3);
  const stage = (
    bone: number | undefined,
    extra: number,
    m: MarrowCloneState | undefined,
    max: number,
  ) =>
    evaluateStaging(
      POEMS_FOLLOWUP_V1,
      {
        boneLesionCount: bone,
        extramedullaryPlasmacytomaCount: extra,
        marrowClone: m,
      },
      resolveParameters(POEMS_FOLLOWUP_V1, { limited_max_lesions: max }),
    ).class;

  it('more lesions never make the disease less disseminated', () => {
    fc.assert(
      fc.property(
        count,
        count,
        count,
        marrowState,
        limit,
        (a, b, extra, m, max) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          if (stage(low, extra, m, max) === 'disseminated') {
            expect(stage(high, extra, m, max)).toBe('disseminated');
          }
          if (high + extra > max) {
            expect(stage(high, extra, m, max)).toBe('disseminated');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a marrow clone always disseminates; a marrow not known never gives limited or no focal lesion', () => {
    fc.assert(
      fc.property(
        fc.option(count, { nil: undefined }),
        count,
        marrowState,
        limit,
        (bone, extra, m, max) => {
          const c = stage(bone, extra, m, max);
          if (m === 'present') {
            expect(c).toBe('disseminated');
          }
          if (m === undefined || m === 'not_done' || bone === undefined) {
            expect(['disseminated', 'indeterminate']).toContain(c);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('risk properties', () => {
  type State = 'present' | 'absent' | 'unknown';
  const state = fc.constantFrom<State>('present', 'absent', 'unknown');
  const build = (age: State, ph: State, effusion: State, renal: State) => {
    const observations: RiskObservation[] = [
      ...(ph === 'unknown'
        ? []
        : [
            {
              kind: 'pasp' as const,
              date: '2025-02-01',
              mmHg: ph === 'present' ? 60 : 30,
            },
          ]),
      ...(effusion === 'unknown'
        ? []
        : [
            {
              kind: 'pleural_effusion' as const,
              date: '2025-02-01',
              present: effusion === 'present',
            },
          ]),
      ...(renal === 'unknown'
        ? []
        : [
            {
              kind: 'egfr' as const,
              date: '2025-02-01',
              value: renal === 'present' ? 20 : 80,
              method: 'mdrd' as const,
            },
          ]),
    ];
    const birthDate =
      age === 'unknown'
        ? null
        : age === 'present'
          ? '1950-01-01'
          : '1990-01-01';
    return evaluateRisk(POEMS_FOLLOWUP_V1, {
      birthDate,
      diagnosisDate: '2025-03-01',
      observations,
    });
  };

  it('min ≤ max; indeterminate exactly when they fall in different groups', () => {
    fc.assert(
      fc.property(state, state, state, state, (a, b, c, d) => {
        const r = build(a, b, c, d);
        expect(r.min).toBeLessThanOrEqual(r.max);
        expect(r.group === 'indeterminate').toBe(r.minGroup !== r.maxGroup);
        expect(r.max - r.min).toBe(r.missingInputs.length);
      }),
    );
  });

  it('recording an unknown factor keeps the count within [min, max] and never contradicts a decided group', () => {
    const known = fc.constantFrom<State>('present', 'absent');
    fc.assert(
      fc.property(
        state,
        state,
        state,
        state,
        known,
        known,
        known,
        known,
        (a, b, c, d, a2, b2, c2, d2) => {
          const partial = build(a, b, c, d);
          const pick = (s: State, filled: State) =>
            s === 'unknown' ? filled : s;
          const full = build(
            pick(a, a2),
            pick(b, b2),
            pick(c, c2),
            pick(d, d2),
          );
          expect(full.min).toBeGreaterThanOrEqual(partial.min);
          expect(full.max).toBeLessThanOrEqual(partial.max);
          if (partial.group !== 'indeterminate') {
            expect(full.group).toBe(partial.group);
          }
        },
      ),
    );
  });
});
