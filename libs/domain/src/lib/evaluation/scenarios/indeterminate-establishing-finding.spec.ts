import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  serumVegf,
} from '../../../testing/results.fixtures';

/**
 * Only a serum VEGF was available and the laboratory sent no upper limit: the value cannot be
 * judged. An indeterminate criterion counts as unable to be met.
 */
describe('indeterminate establishing finding', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const unjudgedVegf = aClassicLambdaWorkup().result('vegf', serumVegf(2400));

  it('makes the criterion indeterminate, explaining why', () => {
    const vegf = criterionOf(unjudgedVegf.evaluate(), 'vegf_elevation');
    expect(vegf).toMatchObject({
      status: 'indeterminate',
      evidence: ['vegf'],
      openItems: [],
      assessed: true,
    });
    expect(vegf.explanation).toBe(
      "Indeterminate: VEGF could not settle it — serum VEGF without the laboratory's upper limit cannot be judged (no fixed serum cut-off).",
    );
  });

  it('treats it as unable to be met: no majors left → criteria not met', () => {
    const evaluation = unjudgedVegf
      .result('bone_imaging', { lesions: 'none' })
      .evaluate();
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.explanation).toContain('major: none met');
  });

  it('does not stop another major from meeting the rule', () => {
    expect(unjudgedVegf.evaluate().overall).toBe('criteria_met');
  });

  it('makes a mandatory criterion block the rule when indeterminate', () => {
    const evaluation = aClassicLambdaWorkup()
      .asserted('emg_ncs', { polyneuropathy: 'indeterminate' })
      .evaluate();
    expect(criterionOf(evaluation, 'polyneuropathy').status).toBe(
      'indeterminate',
    );
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.explanation).toMatch(
      /^Criteria cannot be met with the current results\. Mandatory: polyradiculoneuropathy indeterminate;/,
    );
  });

  it('stays pending while another establishing item is open', () => {
    const evaluation = aClassicLambdaWorkup()
      .asserted('serum_ife', {
        monoclonal_plasma_cell_disorder: 'indeterminate',
      })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({
      status: 'pending',
      evidence: ['serum_ife'],
      openItems: ['urine_ife', 'bone_marrow_biopsy'],
    });
    expect(evaluation.overall).toBe('incomplete');
  });

  it('is overruled by a present finding from another establishing item', () => {
    const evaluation = aClassicLambdaWorkup()
      .asserted('serum_ife', {
        monoclonal_plasma_cell_disorder: 'indeterminate',
      })
      .result('bone_marrow_biopsy', { lightChain: 'lambda' })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({ status: 'met', evidence: ['bone_marrow_biopsy'] });
  });
});
