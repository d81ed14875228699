import fc from 'fast-check';
import { evaluate } from '../evaluation/evaluate';
import type { EvaluationItem } from '../evaluation/evaluation.types';
import type { CriterionKey } from '../protocol/criteria';
import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import { POEMS_DISPENZIERI_V2 } from '../protocol/poems-dispenzieri.v2';
import { FINDING_VALUES, type Finding } from './findings';
import { ITEM_STATUSES } from './item-status';
import { planUpgrade, upgradedItems } from './upgrade';

const v1 = POEMS_DISPENZIERI_V1;
const v2 = POEMS_DISPENZIERI_V2;

const findings = (criteria: readonly CriterionKey[]): fc.Arbitrary<Finding[]> =>
  fc
    .tuple(
      ...criteria.map((criterion) =>
        fc.option(
          fc.record({
            criterion: fc.constant(criterion),
            value: fc.constantFrom(...FINDING_VALUES),
            source: fc.constantFrom('inferred' as const, 'asserted' as const),
          }),
          { nil: undefined },
        ),
      ),
    )
    .map((list) => list.filter((f): f is Finding => f !== undefined));

/** A random v1 workup: every item with a random status, findings and recorded chains. */
const v1Workup: fc.Arbitrary<EvaluationItem[]> = fc.tuple(
  ...v1.items.map((entry) =>
    fc
      .record({
        status: fc.constantFrom(...ITEM_STATUSES),
        active: entry.required ? fc.constant(true) : fc.boolean(),
        findings: findings([...entry.establishes, ...entry.supports]),
        lightChain: fc.constantFrom(undefined, 'kappa' as const, 'lambda' as const),
        closure: fc.option(fc.record({ reason: fc.string(), by: fc.string() }), {
          nil: undefined,
        }),
      })
      .map((state): EvaluationItem => ({ key: entry.key, ...state })),
  ),
);

describe('upgrade properties', () => {
  it('never loses a result: every item is kept exactly as it was', () => {
    fc.assert(
      fc.property(v1Workup, (items) => {
        const plan = planUpgrade({
          status: 'open',
          from: v1,
          to: v2,
          itemKeys: items.map((i) => i.key),
        });
        const after = upgradedItems(items, plan);
        for (const item of items) {
          expect(after.filter((i) => i.key === item.key)).toEqual([item]);
        }
        expect(after.map((i) => i.key).sort()).toEqual(
          v2.items.map((i) => i.key).sort(),
        );
        for (const added of after.filter((i) => !items.includes(i))) {
          expect(added).toMatchObject({ status: 'planned', findings: [] });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every met criterion met, and criteria met stays met', () => {
    fc.assert(
      fc.property(v1Workup, (items) => {
        const plan = planUpgrade({
          status: 'open',
          from: v1,
          to: v2,
          itemKeys: items.map((i) => i.key),
        });
        const before = evaluate({ protocol: v1, items });
        const after = evaluate({ protocol: v2, items: upgradedItems(items, plan) });
        for (const criterion of before.criteria.filter((c) => c.status === 'met')) {
          expect(after.criteria.find((c) => c.key === criterion.key)?.status).toBe('met');
        }
        if (before.overall === 'criteria_met') {
          expect(after.overall).toBe('criteria_met');
        }
      }),
      { numRuns: 200 },
    );
  });
});
