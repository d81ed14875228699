import { DomainError } from '../errors';
import { evaluate } from '../evaluation/evaluate';
import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import { POEMS_DISPENZIERI_V2 } from '../protocol/poems-dispenzieri.v2';
import type { ProtocolDefinition } from '../protocol/protocol.types';
import { CLINIC_NOW, criterionOf } from '../../testing/evaluation.helpers';
import { WorkupBuilder } from '../../testing/workup.builder';
import { planUpgrade, protocolChanges, upgradedItems } from './upgrade';

const v1 = POEMS_DISPENZIERI_V1;
const v2 = POEMS_DISPENZIERI_V2;

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a refusal');
};

/**
 * A v1 workup with sclerotic lesions and a marrow without a clone moves to v2: everything recorded
 * stays, the lesion biopsy arrives inactive, and the evaluation now offers it.
 */
describe('upgrading a v1 workup to v2 (§2b)', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const v1Workup = WorkupBuilder.opened({ protocol: v1 })
    .asserted('emg_ncs', { polyneuropathy: 'present' })
    .result('serum_ife', { heavyChain: 'none' })
    .result('urine_ife', { heavyChain: 'none' })
    .asserted('bone_marrow_biopsy', { monoclonal_plasma_cell_disorder: 'absent' })
    .result('bone_imaging', { modality: 'pet_ct', lesions: 'sclerotic' })
    .close('spep', 'not_indicated', 'IFE done', 'Dr Rao');

  it('names what changes: the lesion biopsy, a conditional item', () => {
    expect(protocolChanges(v1, v2)).toEqual({
      from: { key: 'poems-dispenzieri', version: 1 },
      to: { key: 'poems-dispenzieri', version: 2 },
      addedItems: [
        {
          key: 'lesion_biopsy',
          name: 'Biopsy of a bone lesion or plasmacytoma (CD138, κ/λ)',
          required: false,
        },
      ],
    });
  });

  it('keeps every item by key and adds the lesion biopsy planned and inactive', () => {
    const items = v1Workup.build();
    const plan = planUpgrade({
      status: 'open',
      from: v1,
      to: v2,
      itemKeys: items.map((i) => i.key),
    });
    expect(plan.kept).toEqual(items.map((i) => i.key));
    expect(plan.added).toEqual([
      { key: 'lesion_biopsy', required: false, active: false, status: 'planned' },
    ]);
    const after = upgradedItems(items, plan);
    for (const item of items) {
      expect(after.find((i) => i.key === item.key)).toBe(item);
    }
  });

  it('recomputes the evaluation: the clone turns pending and the lesion biopsy is offered', () => {
    const items = v1Workup.build();
    const before = evaluate({ protocol: v1, items });
    expect(criterionOf(before, 'monoclonal_plasma_cell_disorder').status).toBe(
      'not_met',
    );
    const plan = planUpgrade({
      status: 'open',
      from: v1,
      to: v2,
      itemKeys: items.map((i) => i.key),
    });
    const after = evaluate({ protocol: v2, items: upgradedItems(items, plan) });
    expect(after.protocol).toEqual({ key: 'poems-dispenzieri', version: 2 });
    expect(criterionOf(after, 'monoclonal_plasma_cell_disorder').status).toBe(
      'pending',
    );
    expect(after.nextTests).toContainEqual(
      expect.objectContaining({ action: 'activate', items: ['lesion_biopsy'] }),
    );
  });

  it.each<[string, 'open' | 'closed', ProtocolDefinition, ProtocolDefinition, string]>([
    ['a closed workup', 'closed', v1, v2, 'illegal_transition'],
    ['the same version', 'open', v2, v2, 'illegal_transition'],
    ['an older version', 'open', v2, v1, 'illegal_transition'],
    ['another protocol', 'open', v1, { ...v2, key: 'chiba-2019' }, 'illegal_transition'],
  ])('refuses %s', (_case, status, from, to, code) => {
    expect(
      refusal(() =>
        planUpgrade({ status, from, to, itemKeys: from.items.map((i) => i.key) }),
      ).code,
    ).toBe(code);
  });

  it('refuses a version that would drop an item the workup has', () => {
    const shrunk: ProtocolDefinition = {
      ...v2,
      version: 3,
      items: v2.items.filter((i) => i.key !== 'pft'),
    };
    const error = refusal(() =>
      planUpgrade({ status: 'open', from: v1, to: shrunk, itemKeys: v1.items.map((i) => i.key) }),
    );
    expect(error.code).toBe('unprocessable');
    expect(error.details).toEqual({ dropped: ['pft'] });
  });
});
