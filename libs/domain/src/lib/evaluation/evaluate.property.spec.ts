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
import { evaluate } from './evaluate';
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
const closedOut = (s: CriterionStatus | undefined) =>
  s === 'not_met' || s === 'indeterminate';

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
  return done.some((i) => findingFor(i.findings, criterion) === 'indeterminate')
    ? 'indeterminate'
    : 'not_met';
}

/** Domain reference §1: both mandatory, at least one other major, at least one minor. */
function ruleHolds(e: Evaluation): boolean {
  const group = (g: string) => e.criteria.filter((c) => c.group === g);
  return (
    group('mandatory').every((c) => c.status === 'met') &&
    group('major').some((c) => c.status === 'met') &&
    group('minor').some((c) => c.status === 'met')
  );
}

function ruleUnreachable(e: Evaluation): boolean {
  const group = (g: string) => e.criteria.filter((c) => c.group === g);
  return (
    group('mandatory').some((c) => closedOut(c.status)) ||
    group('major').every((c) => closedOut(c.status)) ||
    group('minor').every((c) => closedOut(c.status))
  );
}

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

  it('is criteria met exactly when the rule holds on the criterion statuses, not met exactly when it no longer can', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(workup, (items) => {
        const evaluation = evaluate({ protocol, items });
        seen.add(evaluation.overall);
        expect(evaluation.overall === 'criteria_met').toBe(
          ruleHolds(evaluation),
        );
        expect(evaluation.overall === 'criteria_not_met').toBe(
          !ruleHolds(evaluation) && ruleUnreachable(evaluation),
        );
      }),
      RUNS,
    );
    // The generator must exercise all three outcomes, or the property above proves little.
    expect([...seen].sort()).toEqual([
      'criteria_met',
      'criteria_not_met',
      'incomplete',
    ]);
  });

  it('raises the Castleman variant flag exactly for Castleman met without an established clone', () => {
    fc.assert(
      fc.property(workup, (items) => {
        const e = evaluate({ protocol, items });
        expect(e.flags.includes('possible_castleman_variant')).toBe(
          statusOf(e, 'castleman_disease') === 'met' &&
            statusOf(e, 'monoclonal_plasma_cell_disorder') !== 'met',
        );
        if (e.flags.includes('kappa_clone_review')) {
          expect(statusOf(e, 'monoclonal_plasma_cell_disorder')).toBe('met');
        }
      }),
      RUNS,
    );
  });

  it('lists next tests only when incomplete: pending criteria of missing groups, with their open establishing items', () => {
    fc.assert(
      fc.property(workup, (items) => {
        const e = evaluate({ protocol, items });
        if (e.overall !== 'incomplete') {
          expect(e.missing).toEqual([]);
          expect(e.nextTests).toEqual([]);
          return;
        }
        for (const group of e.missing) {
          expect(
            e.nextTests.some(
              (t) =>
                e.criteria.find((c) => c.key === t.criterion)?.group === group,
            ),
          ).toBe(true);
        }
        for (const test of e.nextTests) {
          const criterion = e.criteria.find((c) => c.key === test.criterion);
          expect(criterion?.status).toBe('pending');
          expect(e.missing).toContain(criterion?.group);
          const open = items
            .filter(
              (i) =>
                i.active && isOpen(i.status) && establishes(i, test.criterion),
            )
            .map((i) => i.key);
          expect([...test.items].sort()).toEqual(open.sort());
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
