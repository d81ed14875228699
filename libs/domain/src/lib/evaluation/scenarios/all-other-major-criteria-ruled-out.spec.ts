import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  plasmaVegf,
} from '../../../testing/results.fixtures';

/** Both mandatory criteria and minors met; lesions purely lytic, plasma VEGF normal, no node biopsied. */
describe('all three other major criteria ruled out', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const noMajor = aClassicLambdaWorkup()
    .result('bone_imaging', { lesions: 'lytic', modality: 'pet_ct' })
    .result('vegf', plasmaVegf(120));

  it('is criteria not met, Castleman counted as not met because it was never assessed', () => {
    const evaluation = noMajor.evaluate();
    expect(criterionOf(evaluation, 'sclerotic_bone_lesions')).toMatchObject({
      status: 'not_met',
      explanation:
        'Not met: skeletal imaging found it absent — purely lytic lesions (not sclerotic).',
    });
    expect(criterionOf(evaluation, 'vegf_elevation')).toMatchObject({
      status: 'not_met',
      explanation:
        'Not met: VEGF found it absent — plasma VEGF 120 pg/mL < 200 pg/mL.',
    });
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'not_met',
      assessed: false,
      evidence: [],
      openItems: [],
      explanation: 'Not assessed (lymph node biopsy not activated).',
    });
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.explanation).toContain('major: none met');
  });

  it('becomes incomplete again when the lymph node biopsy is activated', () => {
    const evaluation = noMajor.activate('lymph_node_biopsy').evaluate();
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'pending',
      openItems: ['lymph_node_biopsy'],
    });
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.missing).toEqual(['major']);
    expect(evaluation.nextTests).toEqual([
      { criterion: 'castleman_disease', items: ['lymph_node_biopsy'] },
    ]);
  });

  it('stays incomplete while one major is still pending', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('bone_imaging', { lesions: 'none' })
      .status('vegf', 'scheduled')
      .evaluate();
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.nextTests).toEqual([
      { criterion: 'vegf_elevation', items: ['vegf'] },
    ]);
  });
});
