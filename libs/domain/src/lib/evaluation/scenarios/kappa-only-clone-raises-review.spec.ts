import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  monoclonalProtein,
  noMonoclonalProtein,
} from '../../../testing/results.fixtures';
import { flagText } from '../explanation';

/** The same presentation, but the clone is IgG κ on immunofixation and κ-restricted in marrow. */
describe('κ-only clone: met, flagged for review', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const kappa = aClassicLambdaWorkup()
    .result('serum_ife', monoclonalProtein('IgG', 'kappa'))
    .result('bone_marrow_biopsy', { lightChain: 'kappa' });

  it('meets the monoclonal criterion and the rule, and raises kappa_clone_review', () => {
    const evaluation = kappa.evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({
      status: 'met',
      evidence: ['serum_ife', 'bone_marrow_biopsy'],
    });
    expect(evaluation.overall).toBe('criteria_met');
    expect(evaluation.flags).toEqual(['kappa_clone_review']);
    expect(evaluation.explanation).toContain(flagText('kappa_clone_review'));
    expect(evaluation.explanation).toMatch(/^Criteria met\./);
  });

  it('still counts as κ only when urine immunofixation is negative', () => {
    const evaluation = kappa
      .result('urine_ife', noMonoclonalProtein)
      .evaluate();
    expect(evaluation.flags).toEqual(['kappa_clone_review']);
  });

  it('raises no flag while the κ result is not yet done (the clone is not established)', () => {
    const evaluation = kappa
      .status('serum_ife', 'performed')
      .status('bone_marrow_biopsy', 'performed')
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').status,
    ).toBe('pending');
    expect(evaluation.flags).toEqual([]);
  });

  it('raises no flag when the clone was asserted without a recorded light chain', () => {
    const evaluation = aClassicLambdaWorkup()
      .asserted('serum_ife', { monoclonal_plasma_cell_disorder: 'present' })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').status,
    ).toBe('met');
    expect(evaluation.flags).toEqual([]);
  });

  it('raises no flag for the classic λ clone', () => {
    expect(aClassicLambdaWorkup().evaluate().flags).toEqual([]);
  });
});
