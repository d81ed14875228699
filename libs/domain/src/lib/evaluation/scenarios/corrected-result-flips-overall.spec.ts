import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  plasmaVegf,
  signs,
} from '../../../testing/results.fixtures';
import { planTransition } from '../../workup/lifecycle';

/**
 * VEGF was the only major criterion met. The laboratory then corrects the reviewed value: the
 * sample was mislabelled, the patient's plasma VEGF is 95 pg/mL.
 */
describe('a corrected result flips the overall result', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  // Body imaging found no lymphadenopathy, so Castleman disease is not assessed.
  const onlyVegf = aClassicLambdaWorkup()
    .result('bone_imaging', { lesions: 'lytic' })
    .result('body_imaging', signs())
    .status('vegf', 'reviewed');

  it('is criteria met on the first VEGF', () => {
    const evaluation = onlyVegf.evaluate();
    expect(criterionOf(evaluation, 'vegf_elevation').status).toBe('met');
    expect(evaluation.overall).toBe('criteria_met');
  });

  it('is a correction in the lifecycle: the reviewed item returns to resulted', () => {
    expect(
      planTransition('result', {
        status: 'reviewed',
        active: true,
        conditional: false,
      }),
    ).toEqual({
      from: 'reviewed',
      to: 'resulted',
      active: true,
      correction: true,
    });
  });

  it('is criteria not met on the corrected VEGF', () => {
    const corrected = onlyVegf.result('vegf', plasmaVegf(95), 'resulted');
    const evaluation = corrected.evaluate();
    expect(corrected.item('vegf')).toMatchObject({
      status: 'resulted',
      findings: [expect.objectContaining({ value: 'absent' })],
    });
    expect(criterionOf(evaluation, 'vegf_elevation')).toMatchObject({
      status: 'not_met',
      explanation: 'Not met: VEGF: plasma VEGF 95 pg/mL < 200 pg/mL.',
    });
    expect(evaluation.overall).toBe('criteria_not_met');
  });

  it('is incomplete, not "not met", when another major could still be found', () => {
    const evaluation = onlyVegf
      .activate('lymph_node_biopsy')
      .result('vegf', plasmaVegf(95))
      .evaluate();
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'castleman_disease',
        action: 'complete',
        items: ['lymph_node_biopsy'],
        why: 'Complete lymph node biopsy: a present finding would meet Castleman disease.',
      },
    ]);
  });
});
