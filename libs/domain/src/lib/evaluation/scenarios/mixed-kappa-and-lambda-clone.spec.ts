import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  monoclonalProtein,
} from '../../../testing/results.fixtures';

/** κ on serum immunofixation, λ on urine immunofixation (or in marrow): not a κ-only clone. */
describe('mixed κ and λ: no κ review flag', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('raises no flag when urine shows λ beside serum κ', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('serum_ife', monoclonalProtein('IgG', 'kappa'))
      .result('urine_ife', { heavyChain: 'none', lightChain: 'lambda' })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({ status: 'met', evidence: ['serum_ife', 'urine_ife'] });
    expect(evaluation.overall).toBe('criteria_met');
    expect(evaluation.flags).toEqual([]);
  });

  it('raises no flag when the marrow shows λ-restricted plasma cells beside serum κ', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('serum_ife', monoclonalProtein('IgA', 'kappa'))
      .result('bone_marrow_biopsy', { lightChain: 'lambda' })
      .evaluate();
    expect(evaluation.flags).not.toContain('kappa_clone_review');
  });

  it('ignores a κ light chain on an item whose finding was overruled to absent', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('urine_ife', {
        lightChain: 'kappa',
        findings: [
          { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
        ],
      })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').evidence,
    ).toEqual(['serum_ife']);
    expect(evaluation.flags).toEqual([]);
  });
});
