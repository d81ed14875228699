import fc from 'fast-check';
import { CRITERION_KEYS, type CriterionKey } from '../protocol/criteria';
import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import { FINDING_VALUES, findingFor, type Finding } from '../workup/findings';
import {
  ITEM_STATUSES,
  isDone,
  isOpen,
  type ItemStatus,
} from '../workup/item-status';
import type { SignKey } from '../protocol/signs';
import { evaluate } from './evaluate';
import { itemPriority } from '../protocol/priority';
import type {
  CriterionStatus,
  Evaluation,
  EvaluationItem,
} from './evaluation.types';

const protocol = POEMS_DISPENZIERI_V1;
const RUNS = { numRuns: 150 };

/** Statuses weighted towards done, so that every overall result turns up often. */
const status: fc.Arbitrary<ItemStatus> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<ItemStatus>('resulted', 'reviewed') },
  { weight: 2, arbitrary: fc.constantFrom(...ITEM_STATUSES) },
);

const finding = (criterion: CriterionKey): fc.Arbitrary<readonly Finding[]> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<Finding[]>([]) },
    {
      weight: 3,
      arbitrary: fc.array(
        fc.record({
          criterion: fc.constant(criterion),
          value: fc.oneof(
            { weight: 3, arbitrary: fc.constant('present' as const) },
            { weight: 2, arbitrary: fc.constantFrom(...FINDING_VALUES) },
          ),
          source: fc.constantFrom('inferred' as const, 'asserted' as const),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    },
  );

/** A random workup of protocol v1: every catalog item once, with a random state and findings. */
const workup: fc.Arbitrary<EvaluationItem[]> = fc.tuple(
  ...protocol.items.map((entry) =>
    fc
      .record({
        status,
        active: entry.required ? fc.constant(true) : fc.boolean(),
        findings: fc
          .tuple(...[...entry.establishes, ...entry.supports].map(finding))
          .map((lists) => lists.flat()),
        lightChain: fc.constantFrom(
          undefined,
          'kappa' as const,
          'lambda' as const,
        ),
        heavyChain: fc.constantFrom(undefined, 'IgG' as const, 'IgM' as const),
        signs: fc.constantFrom<SignKey[]>([], ['lymphadenopathy'], ['edema']),
      })
      .map((state): EvaluationItem => ({ key: entry.key, ...state })),
  ),
);

const entryOf = (key: string) => protocol.items.find((i) => i.key === key);
const establishes = (item: EvaluationItem, criterion: CriterionKey) =>
  entryOf(item.key)?.establishes.includes(criterion) ?? false;
const statusOf = (
  e: Evaluation,
  key: CriterionKey,
): CriterionStatus | undefined => e.criteria.find((c) => c.key === key)?.status;

const isClosedWithoutResult = (i: EvaluationItem | undefined) =>
  i?.status === 'cancelled' || i?.status === 'not_indicated';

/** Domain reference §5, restated: the status of a criterion from the items alone. */
function expectedStatus(
  items: readonly EvaluationItem[],
  criterion: CriterionKey,
): CriterionStatus {
  const establishing = items.filter(
    (i) => i.active && establishes(i, criterion),
  );
  const done = establishing.filter((i) => isDone(i.status));
  if (done.some((i) => findingFor(i.findings, criterion) === 'present')) {
    return 'met';
  }
  if (establishing.some((i) => isOpen(i.status))) {
    return 'pending';
  }
  if (criterion === 'castleman_disease') {
    // The node biopsy is inactive (else it is among the establishing items above): Castleman
    // stays pending while lymphadenopathy can still be found or has been found, unless a
    // hematologist closed the biopsy.
    const biopsy = items.find((i) => i.key === 'lymph_node_biopsy');
    if (!biopsy?.active && !isClosedWithoutResult(biopsy)) {
      const lymphadenopathy = items.some(
        (i) =>
          i.active &&
          isDone(i.status) &&
          (i.signs ?? []).includes('lymphadenopathy'),
      );
      const searchOpen = items.some(
        (i) =>
          ['body_imaging', 'physical_exam'].includes(i.key) &&
          i.active &&
          isOpen(i.status),
      );
      if (lymphadenopathy || searchOpen) {
        return 'pending';
      }
    }
  }
  return done.some((i) => findingFor(i.findings, criterion) === 'indeterminate')
    ? 'indeterminate'
    : 'not_met';
}

/** Domain reference §1 on a set of criteria: both mandatory, one other major, one minor. */
function ruleHoldsOn(
  e: Evaluation,
  counted: readonly CriterionStatus[],
): boolean {
  const group = (g: string) =>
    e.criteria
      .filter((c) => c.group === g)
      .map((c) => counted.includes(c.status));
  return (
    group('mandatory').every(Boolean) &&
    group('major').some(Boolean) &&
    group('minor').some(Boolean)
  );
}

const M: CriterionStatus[] = ['met'];
const P: CriterionStatus[] = ['met', 'pending'];
const A: CriterionStatus[] = ['met', 'pending', 'indeterminate'];

describe('evaluation properties', () => {
  it('gives every criterion the status §5 defines', () => {
    fc.assert(
      fc.property(workup, (items) => {
        const evaluation = evaluate({ protocol, items });
        for (const criterion of CRITERION_KEYS) {
          expect(statusOf(evaluation, criterion)).toBe(
            expectedStatus(items, criterion),
          );
        }
      }),
      RUNS,
    );
  });

  it('gives the overall result §5 defines from the rule on M, P and A', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(workup, (items) => {
        const evaluation = evaluate({ protocol, items });
        seen.add(evaluation.overall);
        const expected = ruleHoldsOn(evaluation, M)
          ? 'criteria_met'
          : ruleHoldsOn(evaluation, P)
            ? 'incomplete'
            : ruleHoldsOn(evaluation, A)
              ? 'indeterminate'
              : 'criteria_not_met';
        expect(evaluation.overall).toBe(expected);
      }),
      RUNS,
    );
    // The generator must exercise all four outcomes, or the property above proves little.
    expect([...seen].sort()).toEqual([
      'criteria_met',
      'criteria_not_met',
      'incomplete',
      'indeterminate',
    ]);
  });

  it('never lets an indeterminate finding make the result criteria not met where a present one would not', () => {
    const establishingPairs = protocol.items.flatMap((entry) =>
      entry.establishes.map((criterion) => [entry.key, criterion] as const),
    );
    let checked = 0;
    fc.assert(
      fc.property(
        workup,
        fc.constantFrom(...establishingPairs),
        (items, [key, criterion]) => {
          const withFinding = (value: 'present' | 'indeterminate') =>
            evaluate({
              protocol,
              items: items.map((i) =>
                i.key === key
                  ? {
                      ...i,
                      active: true,
                      status: 'resulted',
                      findings: [
                        ...i.findings.filter((f) => f.criterion !== criterion),
                        { criterion, value, source: 'asserted' },
                      ],
                    }
                  : i,
              ),
            });
          if (withFinding('present').overall !== 'criteria_not_met') {
            checked += 1;
            expect(withFinding('indeterminate').overall).not.toBe(
              'criteria_not_met',
            );
          }
        },
      ),
      RUNS,
    );
    expect(checked).toBeGreaterThan(0);
  });

  it('is criteria not met only when no criterion is indeterminate that could still satisfy the rule', () => {
    fc.assert(
      fc.property(workup, (items) => {
        const e = evaluate({ protocol, items });
        if (e.overall === 'criteria_not_met') {
          expect(ruleHoldsOn(e, A)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('raises the Castleman variant flag exactly for Castleman met without an established clone', () => {
    fc.assert(
      fc.property(workup, (items) => {
        const e = evaluate({ protocol, items });
        expect(e.flags.includes('possible_castleman_variant')).toBe(
          statusOf(e, 'castleman_disease') === 'met' &&
            ['not_met', 'indeterminate'].includes(
              statusOf(e, 'monoclonal_plasma_cell_disorder') ?? '',
            ),
        );
        if (
          e.flags.includes('kappa_clone_review') ||
          e.flags.includes('igm_clone_review')
        ) {
          expect(statusOf(e, 'monoclonal_plasma_cell_disorder')).toBe('met');
        }
      }),
      RUNS,
    );
  });

  it('lists next tests only while the verdict can change, for criteria of missing groups, in priority order', () => {
    fc.assert(
      fc.property(workup, (items) => {
        const e = evaluate({ protocol, items });
        if (e.overall === 'criteria_met') {
          expect(e.missing).toEqual([]);
          expect(e.nextTests).toEqual([]);
          return;
        }
        if (e.overall === 'incomplete' || e.overall === 'indeterminate') {
          // Something can be done for every group still short of the rule.
          for (const group of e.missing) {
            expect(
              e.nextTests.some(
                (t) =>
                  e.criteria.find((c) => c.key === t.criterion)?.group ===
                  group,
              ),
            ).toBe(true);
          }
        }
        const ranks = e.nextTests.map((t) =>
          itemPriority(protocol, t.items[0]),
        );
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        for (const test of e.nextTests) {
          const criterion = e.criteria.find((c) => c.key === test.criterion);
          expect(criterion?.status).not.toBe('met');
          expect(e.missing).toContain(criterion?.group);
          expect(test.why.length).toBeGreaterThan(0);
          const item = (key: string) => items.find((i) => i.key === key);
          for (const key of test.items) {
            const status = item(key)?.status;
            switch (test.action) {
              case 'complete':
                expect(status && isOpen(status)).toBe(true);
                break;
              case 'repeat':
                expect(status && isDone(status)).toBe(true);
                expect(
                  findingFor(item(key)?.findings ?? [], test.criterion),
                ).toBe('indeterminate');
                break;
              case 'reopen':
                expect(['cancelled', 'not_indicated']).toContain(status);
                expect(e.overall).not.toBe('incomplete');
                break;
              case 'activate':
                expect(item(key)?.active).toBe(false);
                break;
            }
          }
          if (test.action === 'complete' && criterion?.status === 'pending') {
            const open = items
              .filter(
                (i) =>
                  i.active &&
                  isOpen(i.status) &&
                  establishes(i, test.criterion),
              )
              .map((i) => i.key);
            expect(test.items).toEqual(expect.arrayContaining(open));
          }
        }
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the items', () => {
    fc.assert(
      fc.property(
        workup.chain((items) =>
          fc.tuple(
            fc.constant(items),
            fc.shuffledSubarray(items, {
              minLength: items.length,
              maxLength: items.length,
            }),
          ),
        ),
        ([items, shuffled]) => {
          expect(evaluate({ protocol, items: shuffled })).toEqual(
            evaluate({ protocol, items }),
          );
        },
      ),
      RUNS,
    );
  });

  it('stays criteria met when a done establishing item adds a present finding', () => {
    const establishingPairs = protocol.items.flatMap((entry) =>
      entry.establishes.map((criterion) => [entry.key, criterion] as const),
    );
    let metBefore = 0;
    fc.assert(
      fc.property(
        workup,
        fc.constantFrom(...establishingPairs),
        fc.constantFrom<ItemStatus>('resulted', 'reviewed'),
        (items, [key, criterion], done) => {
          const before = evaluate({ protocol, items });
          const after = evaluate({
            protocol,
            items: items.map((i) =>
              i.key === key && i.active
                ? {
                    ...i,
                    status: done,
                    findings: [
                      ...i.findings,
                      { criterion, value: 'present', source: 'asserted' },
                    ],
                  }
                : i,
            ),
          });
          const metCriteria = (e: Evaluation) =>
            e.criteria.filter((c) => c.status === 'met').map((c) => c.key);
          expect(metCriteria(after)).toEqual(
            expect.arrayContaining(metCriteria(before)),
          );
          if (before.overall === 'criteria_met') {
            metBefore += 1;
            expect(after.overall).toBe('criteria_met');
          }
        },
      ),
      RUNS,
    );
    expect(metBefore).toBeGreaterThan(0);
  });

  it('never turns criteria not met into criteria met by marking an open item not indicated', () => {
    let notMetBefore = 0;
    fc.assert(
      fc.property(workup, fc.nat(), (items, pick) => {
        const open = items.filter((i) => isOpen(i.status));
        fc.pre(open.length > 0);
        const target = open[pick % open.length].key;
        const before = evaluate({ protocol, items });
        const after = evaluate({
          protocol,
          items: items.map((i) =>
            i.key === target ? { ...i, status: 'not_indicated' } : i,
          ),
        });
        if (before.overall !== 'criteria_met') {
          expect(after.overall).not.toBe('criteria_met');
        }
        if (before.overall === 'criteria_not_met') {
          notMetBefore += 1;
          expect(after.overall).toBe('criteria_not_met');
        }
      }),
      RUNS,
    );
    expect(notMetBefore).toBeGreaterThan(0);
  });
});
