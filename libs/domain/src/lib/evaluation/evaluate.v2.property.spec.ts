import fc from 'fast-check';
import type { CriterionKey } from '../protocol/criteria';
import { POEMS_DISPENZIERI_V2 } from '../protocol/poems-dispenzieri.v2';
import { itemPriority } from '../protocol/priority';
import type { SignKey } from '../protocol/signs';
import { FINDING_VALUES, findingFor, type Finding } from '../workup/findings';
import { ITEM_STATUSES, isDone, type ItemStatus } from '../workup/item-status';
import { evaluate } from './evaluate';
import type { EvaluationItem } from './evaluation.types';

/** Properties of protocol version 2 (§2b): priorities as data, the lesion biopsy, biclonal results. */
const protocol = POEMS_DISPENZIERI_V2;
const RUNS = { numRuns: 150 };

const status: fc.Arbitrary<ItemStatus> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<ItemStatus>('resulted', 'reviewed') },
  { weight: 2, arbitrary: fc.constantFrom(...ITEM_STATUSES) },
);

const finding = (criterion: CriterionKey): fc.Arbitrary<readonly Finding[]> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<Finding[]>([]) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...FINDING_VALUES)
        .map((value): Finding[] => [{ criterion, value, source: 'asserted' }]),
    },
  );

const clone = fc.record({
  heavyChain: fc.constantFrom('IgG' as const, 'IgA' as const, 'IgM' as const, 'none' as const),
  lightChain: fc.constantFrom('kappa' as const, 'lambda' as const),
});

/** A random v2 workup: every catalog item once, with a random state, findings and clones. */
const workup: fc.Arbitrary<EvaluationItem[]> = fc.tuple(
  ...protocol.items.map((entry) =>
    fc
      .record({
        status,
        active: entry.required ? fc.constant(true) : fc.boolean(),
        findings: fc
          .tuple(...[...entry.establishes, ...entry.supports].map(finding))
          .map((lists) => lists.flat()),
        clones: entry.resultFields.includes('clones')
          ? fc.option(fc.array(clone, { minLength: 2, maxLength: 3 }), { nil: undefined })
          : fc.constant(undefined),
        signs: fc.constantFrom<SignKey[]>([], ['lymphadenopathy']),
      })
      .map((state): EvaluationItem => ({ key: entry.key, ...state })),
  ),
);

const item = (items: readonly EvaluationItem[], key: string) =>
  items.find((i) => i.key === key);

describe('evaluation properties, protocol v2', () => {
  it('orders next tests by the items’ priorities', () => {
    fc.assert(
      fc.property(workup, (items) => {
        const e = evaluate({ protocol, items });
        const first = e.nextTests.map((t) => itemPriority(protocol, t.items[0]));
        expect(first).toEqual([...first].sort((a, b) => a - b));
        for (const test of e.nextTests) {
          const ranks = test.items.map((k) => itemPriority(protocol, k));
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        }
      }),
      RUNS,
    );
  });

  it('offers the lesion biopsy only once sclerotic lesions are found and the marrow is done without a clone', () => {
    let offered = 0;
    fc.assert(
      fc.property(workup, (items) => {
        const e = evaluate({ protocol, items });
        const activate = e.nextTests.some(
          (t) => t.action === 'activate' && t.items.includes('lesion_biopsy'),
        );
        if (activate) {
          offered += 1;
          const marrow = item(items, 'bone_marrow_biopsy');
          const imaging = item(items, 'bone_imaging');
          expect(item(items, 'lesion_biopsy')?.active).toBe(false);
          expect(marrow && isDone(marrow.status)).toBe(true);
          expect(
            findingFor(marrow?.findings ?? [], 'monoclonal_plasma_cell_disorder'),
          ).not.toBe('present');
          expect(imaging && isDone(imaging.status)).toBe(true);
          expect(findingFor(imaging?.findings ?? [], 'sclerotic_bone_lesions')).toBe(
            'present',
          );
          expect(
            e.criteria.find((c) => c.key === 'monoclonal_plasma_cell_disorder')?.status,
          ).toBe('pending');
        }
      }),
      { numRuns: 300 },
    );
    expect(offered).toBeGreaterThan(0);
  });

  it('does not depend on the order of the items or of the clones', () => {
    fc.assert(
      fc.property(
        workup.chain((items) =>
          fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })),
        ),
        ([items, shuffled]) => {
          const reversedClones = shuffled.map((i) =>
            i.clones ? { ...i, clones: [...i.clones].reverse() } : i,
          );
          const a = evaluate({ protocol, items });
          const b = evaluate({ protocol, items: reversedClones });
          expect(b.overall).toBe(a.overall);
          expect(b.criteria).toEqual(a.criteria);
          expect([...b.flags].sort()).toEqual([...a.flags].sort());
          expect(b.nextTests).toEqual(a.nextTests);
        },
      ),
      RUNS,
    );
  });
});
