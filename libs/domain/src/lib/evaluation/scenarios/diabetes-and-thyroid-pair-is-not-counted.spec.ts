import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  endocrinePanel,
} from '../../../testing/results.fixtures';

/** Type 2 diabetes and hypothyroidism, every other axis normal: the footnote is silent on the pair. */
describe('diabetes and thyroid together are not counted (conservative reading)', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('is not met, and the explanation says this is a conservative reading', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('endocrine_panel', endocrinePanel(['glucose', 'thyroid']))
      .evaluate();
    const endocrinopathy = criterionOf(evaluation, 'endocrinopathy');
    expect(endocrinopathy.status).toBe('not_met');
    expect(endocrinopathy.evidence).toEqual(['endocrine_panel']);
    expect(endocrinopathy.explanation).toContain('conservative reading');
    expect(endocrinopathy.explanation).toContain(
      'footnote is silent on the pair',
    );
  });

  it('is met when hypogonadism joins the pair', () => {
    const evaluation = aClassicLambdaWorkup()
      .result(
        'endocrine_panel',
        endocrinePanel(['glucose', 'thyroid', 'gonadal']),
      )
      .evaluate();
    expect(criterionOf(evaluation, 'endocrinopathy')).toMatchObject({
      status: 'met',
      explanation: 'Met by endocrine panel: abnormal gonadal axis.',
    });
  });

  it('is indeterminate when the qualifying axes were not tested, saying which', () => {
    const evaluation = aClassicLambdaWorkup()
      .result(
        'endocrine_panel',
        endocrinePanel(['glucose', 'thyroid'], ['gonadal', 'adrenal']),
      )
      .evaluate();
    const endocrinopathy = criterionOf(evaluation, 'endocrinopathy');
    expect(endocrinopathy.status).toBe('indeterminate');
    expect(endocrinopathy.explanation).toMatch(
      /^Indeterminate: endocrine panel could not settle it — .*conservative reading.*; gonadal, adrenal not tested\.$/,
    );
  });
});
