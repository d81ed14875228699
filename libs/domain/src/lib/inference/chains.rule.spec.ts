import { runRule } from '../../testing/inference.fixtures';
import { inferClonalPlasmaCells, inferImmunofixation } from './chains.rule';

describe('immunofixation rule (serum and urine)', () => {
  it.each(['serum_ife', 'urine_ife'])(
    '%s: IgG λ is a monoclonal protein → present',
    (item) => {
      expect(
        runRule(inferImmunofixation, item, {
          heavyChain: 'IgG',
          lightChain: 'lambda',
        }),
      ).toEqual([
        {
          criterion: 'monoclonal_plasma_cell_disorder',
          value: 'present',
          source: 'inferred',
          basis: 'monoclonal protein IgG λ on immunofixation',
        },
      ]);
    },
  );

  it('IgA κ → present, described as κ', () => {
    expect(
      runRule(inferImmunofixation, 'serum_ife', {
        heavyChain: 'IgA',
        lightChain: 'kappa',
      }),
    ).toEqual([
      expect.objectContaining({
        value: 'present',
        basis: 'monoclonal protein IgA κ on immunofixation',
      }),
    ]);
  });

  it('a free light chain only (heavy chain none, λ) → present', () => {
    expect(
      runRule(inferImmunofixation, 'urine_ife', {
        heavyChain: 'none',
        lightChain: 'lambda',
      }),
    ).toEqual([
      expect.objectContaining({
        value: 'present',
        basis: 'monoclonal protein λ on immunofixation',
      }),
    ]);
  });

  it('a light chain without a heavy chain recorded → present', () => {
    expect(
      runRule(inferImmunofixation, 'serum_ife', { lightChain: 'kappa' })[0]
        .value,
    ).toBe('present');
  });

  it('negative immunofixation (heavy chain none, no light chain) → absent', () => {
    expect(
      runRule(inferImmunofixation, 'serum_ife', { heavyChain: 'none' }),
    ).toEqual([
      expect.objectContaining({
        value: 'absent',
        basis: 'no monoclonal protein on immunofixation',
      }),
    ]);
  });

  it('nothing recorded → no inference', () => {
    expect(runRule(inferImmunofixation, 'serum_ife', {})).toEqual([]);
    expect(
      runRule(inferImmunofixation, 'serum_ife', {
        report: 'see scanned report',
      }),
    ).toEqual([]);
  });
});

describe('bone marrow rule: clonal plasma cells', () => {
  it.each([
    ['lambda', 'clonal λ-restricted plasma cells'],
    ['kappa', 'clonal κ-restricted plasma cells'],
  ] as const)('%s-restricted plasma cells → present', (lightChain, basis) => {
    expect(
      runRule(inferClonalPlasmaCells, 'bone_marrow_biopsy', { lightChain }),
    ).toEqual([
      {
        criterion: 'monoclonal_plasma_cell_disorder',
        value: 'present',
        source: 'inferred',
        basis,
      },
    ]);
  });

  it('infers nothing without light-chain restriction: a negative marrow is asserted, not inferred', () => {
    expect(runRule(inferClonalPlasmaCells, 'bone_marrow_biopsy', {})).toEqual(
      [],
    );
    expect(
      runRule(inferClonalPlasmaCells, 'bone_marrow_biopsy', {
        heavyChain: 'none',
      }),
    ).toEqual([]);
  });
});
