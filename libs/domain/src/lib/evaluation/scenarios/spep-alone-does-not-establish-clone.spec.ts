import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  flcRatio,
  noMonoclonalProtein,
  spepMSpike,
} from '../../../testing/results.fixtures';

/**
 * A small M-spike on SPEP and an abnormal κ/λ ratio, but immunofixation of serum and urine is
 * negative and the marrow shows no clonal plasma cells: SPEP and FLC support, never establish.
 */
describe('SPEP alone does not establish the clone', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const supportOnly = aClassicLambdaWorkup()
    .status('serum_ife', 'planned')
    .result('spep', spepMSpike(0.2))
    .result('serum_flc', flcRatio(0.12));

  it('keeps the criterion pending while immunofixation and marrow are open, support shown', () => {
    const evaluation = supportOnly.evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({
      status: 'pending',
      evidence: [],
      supportedBy: ['spep', 'serum_flc'],
      openItems: ['serum_ife', 'urine_ife', 'bone_marrow_biopsy'],
      explanation:
        'Pending: serum immunofixation, urine immunofixation, bone marrow biopsy.',
    });
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.missing).toEqual(['mandatory']);
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'monoclonal_plasma_cell_disorder',
        action: 'complete',
        items: ['serum_ife', 'urine_ife', 'bone_marrow_biopsy'],
        why: 'Complete serum immunofixation, urine immunofixation, bone marrow biopsy: a present finding would meet monoclonal plasma cell-proliferative disorder.',
      },
    ]);
  });

  it('is not met when every establishing test is negative, however positive SPEP and FLC are', () => {
    const evaluation = supportOnly
      .result('serum_ife', noMonoclonalProtein)
      .result('urine_ife', noMonoclonalProtein)
      .asserted('bone_marrow_biopsy', {
        monoclonal_plasma_cell_disorder: 'absent',
      })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({
      status: 'not_met',
      evidence: ['serum_ife', 'urine_ife', 'bone_marrow_biopsy'],
      supportedBy: ['spep', 'serum_flc'],
      openItems: [],
    });
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').explanation,
    ).toMatch(
      /^Not met: serum immunofixation: no monoclonal protein on immunofixation; urine immunofixation: no monoclonal protein on immunofixation; bone marrow biopsy: asserted absent/,
    );
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.explanation).toMatch(
      /^Criteria cannot be met with the current results\. Mandatory: monoclonal plasma cell-proliferative disorder not met;/,
    );
    expect(evaluation.flags).toEqual([]);
  });

  it('is met as soon as immunofixation shows the protein the SPEP hinted at', () => {
    const evaluation = supportOnly
      .result('urine_ife', { heavyChain: 'none', lightChain: 'lambda' })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({
      status: 'met',
      evidence: ['urine_ife'],
      supportedBy: ['spep', 'serum_flc'],
    });
    expect(evaluation.overall).toBe('criteria_met');
  });
});
