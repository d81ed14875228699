import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  plasmaVegf,
} from '../../../testing/results.fixtures';
import { effectiveFindings } from '../../workup/findings';

/**
 * Plasma VEGF 180 pg/mL (inferred absent) drawn on steroids: the hematologist asserts elevation.
 * Skeletal imaging "sclerotic" is read on review as bone islands: asserted absent.
 */
describe('an assertion overrides an inference; both are kept', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const overridden = aClassicLambdaWorkup()
    .result('vegf', {
      ...plasmaVegf(180),
      findings: [{ criterion: 'vegf_elevation', value: 'present' }],
    })
    .result('bone_imaging', {
      lesions: 'sclerotic',
      findings: [{ criterion: 'sclerotic_bone_lesions', value: 'absent' }],
    });

  it('keeps both findings on the item', () => {
    expect(overridden.item('vegf').findings).toEqual([
      expect.objectContaining({
        criterion: 'vegf_elevation',
        value: 'absent',
        source: 'inferred',
      }),
      { criterion: 'vegf_elevation', value: 'present', source: 'asserted' },
    ]);
  });

  it('records what the assertion overrides', () => {
    expect(effectiveFindings(overridden.item('vegf').findings)).toEqual([
      {
        criterion: 'vegf_elevation',
        value: 'present',
        source: 'asserted',
        overrides: 'absent',
      },
    ]);
    expect(
      effectiveFindings(overridden.item('bone_imaging').findings).find(
        (f) => f.criterion === 'sclerotic_bone_lesions',
      ),
    ).toEqual({
      criterion: 'sclerotic_bone_lesions',
      value: 'absent',
      source: 'asserted',
      overrides: 'present',
    });
  });

  it('evaluates with the asserted values', () => {
    const evaluation = overridden.evaluate();
    expect(criterionOf(evaluation, 'vegf_elevation')).toMatchObject({
      status: 'met',
      evidence: ['vegf'],
    });
    expect(criterionOf(evaluation, 'sclerotic_bone_lesions')).toMatchObject({
      status: 'not_met',
      explanation:
        'Not met: skeletal imaging: asserted absent, contradicting the bone lesion rule, which inferred present (sclerotic bone lesions).',
    });
    expect(evaluation.overall).toBe('criteria_met');
  });

  it('turns the overall result when the assertion removes the only major', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('bone_imaging', { lesions: 'none' })
      .result('body_imaging', { signs: [] })
      .result('vegf', {
        ...plasmaVegf(900),
        findings: [{ criterion: 'vegf_elevation', value: 'absent' }],
      })
      .evaluate();
    expect(criterionOf(evaluation, 'vegf_elevation').status).toBe('not_met');
    expect(evaluation.overall).toBe('criteria_not_met');
  });
});
