import type { EvaluationSnapshotView } from '@poems/contract';
import { causeText } from './verdict-history.component';

const snapshot = (
  overrides: Partial<EvaluationSnapshotView>,
): EvaluationSnapshotView => ({
  id: '1',
  evaluatedAt: '2031-03-08T09:00:00.000Z',
  overall: 'incomplete',
  cause: 'workup opened',
  item: null,
  protocol: { key: 'poems-dispenzieri', version: 1 },
  rulesVersion: 1,
  criteria: [],
  flags: [],
  retracted: false,
  ...overrides,
});

describe('causeText', () => {
  it('names the item a correction or an action was on', () => {
    const vegf = { key: 'vegf', name: 'Plasma VEGF' };
    expect(causeText(snapshot({ cause: 'result corrected', item: vegf }))).toBe(
      'Result corrected: Plasma VEGF',
    );
    expect(
      causeText(snapshot({ cause: 'item not-indicated', item: vegf })),
    ).toBe('Plasma VEGF: not indicated');
  });

  it('says when the rules were corrected, and when no cause was kept', () => {
    expect(causeText(snapshot({ cause: 'rules corrected' }))).toBe(
      'Evaluation rules corrected',
    );
    expect(causeText(snapshot({ cause: null }))).toBe('Cause not recorded');
  });
});
