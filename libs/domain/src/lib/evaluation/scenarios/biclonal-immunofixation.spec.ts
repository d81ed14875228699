import { POEMS_DISPENZIERI_V1 } from '../../protocol/poems-dispenzieri.v1';
import { POEMS_DISPENZIERI_V2 } from '../../protocol/poems-dispenzieri.v2';
import { getCatalogItem } from '../../protocol/registry';
import { validateResult } from '../../workup/result-validation';
import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { WorkupBuilder } from '../../../testing/workup.builder';

/**
 * Version 2 (§2b): serum immunofixation reports two clones, IgG λ and IgA κ. Each pair counts as a
 * clone: the clone criterion is met, and the κ review flag is not raised because a λ clone exists.
 */
describe('biclonal immunofixation (protocol v2)', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const opened = WorkupBuilder.opened({ protocol: POEMS_DISPENZIERI_V2 });
  const serumIfe = getCatalogItem(POEMS_DISPENZIERI_V2, 'serum_ife');

  it('meets the clone criterion with both clones named in the basis', () => {
    const evaluation = opened
      .result('serum_ife', {
        clones: [
          { heavyChain: 'IgG', lightChain: 'lambda' },
          { heavyChain: 'IgA', lightChain: 'kappa' },
        ],
      })
      .evaluate();
    expect(criterionOf(evaluation, 'monoclonal_plasma_cell_disorder')).toMatchObject({
      status: 'met',
      evidence: ['serum_ife'],
    });
    expect(evaluation.flags).toEqual([]);
  });

  it('raises the κ review when every clone is κ, and the IgM review when one clone is IgM', () => {
    const evaluation = opened
      .result('serum_ife', {
        clones: [
          { heavyChain: 'IgG', lightChain: 'kappa' },
          { heavyChain: 'IgM', lightChain: 'kappa' },
        ],
      })
      .evaluate();
    expect(evaluation.flags).toEqual(['kappa_clone_review', 'igm_clone_review']);
  });

  it('refuses one clone as a list, or clones beside a single heavy/light pair', () => {
    expect(
      validateResult(serumIfe, {
        clones: [{ heavyChain: 'IgG', lightChain: 'lambda' }],
      }).map((e) => e.field),
    ).toEqual(['clones']);
    expect(
      validateResult(serumIfe, {
        lightChain: 'lambda',
        clones: [
          { heavyChain: 'IgG', lightChain: 'lambda' },
          { heavyChain: 'IgA', lightChain: 'lambda' },
        ],
      }).map((e) => e.field),
    ).toEqual(['clones']);
  });

  it('is refused by version 1, and by items that are not immunofixations', () => {
    const clones = [
      { heavyChain: 'IgG' as const, lightChain: 'lambda' as const },
      { heavyChain: 'IgA' as const, lightChain: 'kappa' as const },
    ];
    expect(
      validateResult(getCatalogItem(POEMS_DISPENZIERI_V1, 'serum_ife'), {
        clones,
      }).map((e) => e.field),
    ).toEqual(['clones']);
    expect(
      validateResult(getCatalogItem(POEMS_DISPENZIERI_V2, 'bone_marrow_biopsy'), {
        clones,
      }).map((e) => e.field),
    ).toEqual(['clones']);
  });
});
