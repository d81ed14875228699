import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  monoclonalProtein,
} from '../../../testing/results.fixtures';
import { flagText } from '../explanation';

/**
 * The clone on serum immunofixation is IgM λ. POEMS is rarely IgM: the criterion is met, but an
 * anti-MAG neuropathy or Waldenström macroglobulinaemia must be considered (domain reference §5).
 */
describe('an IgM clone raises a review flag', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('meets the clone criterion and raises igm_clone_review', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('serum_ife', monoclonalProtein('IgM', 'lambda'))
      .evaluate();
    expect(evaluation.overall).toBe('criteria_met');
    expect(evaluation.flags).toEqual(['igm_clone_review']);
    expect(evaluation.explanation).toContain(flagText('igm_clone_review'));
  });

  it('raises it beside the κ review for an IgM κ clone', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('serum_ife', monoclonalProtein('IgM', 'kappa'))
      .evaluate();
    expect(evaluation.flags).toEqual([
      'kappa_clone_review',
      'igm_clone_review',
    ]);
  });

  it('raises nothing for an IgA λ clone', () => {
    expect(aClassicLambdaWorkup().evaluate().flags).toEqual([]);
  });
});
