import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  plasmaVegf,
  signs,
} from '../../../testing/results.fixtures';

/** Both mandatory criteria and minors met; lesions purely lytic, plasma VEGF normal, no node biopsied. */
describe('all three other major criteria ruled out', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const lymphNodesOpen = aClassicLambdaWorkup()
    .result('bone_imaging', { lesions: 'lytic', modality: 'pet_ct' })
    .result('vegf', plasmaVegf(120));
  const noMajor = lymphNodesOpen.result('body_imaging', signs('splenomegaly'));

  it('keeps Castleman pending while body imaging could still find lymphadenopathy', () => {
    const evaluation = lymphNodesOpen.evaluate();
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'pending',
      openItems: ['body_imaging'],
      explanation:
        'Pending: body imaging (lymphadenopathy may yet call for lymph node biopsy).',
    });
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'castleman_disease',
        action: 'complete',
        items: ['body_imaging'],
        why: 'Complete body imaging: lymphadenopathy found there calls for a lymph node biopsy, which can establish Castleman disease.',
      },
    ]);
  });

  it('offers the node biopsy for activation once lymphadenopathy is found', () => {
    const evaluation = lymphNodesOpen
      .result('body_imaging', signs('lymphadenopathy'))
      .evaluate();
    expect(criterionOf(evaluation, 'castleman_disease').status).toBe('pending');
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'castleman_disease',
        action: 'activate',
        items: ['lymph_node_biopsy'],
        why: 'Activate lymph node biopsy: lymphadenopathy was found, and node histology can establish Castleman disease.',
      },
    ]);
  });

  it('is criteria not met once imaging and exam found no lymphadenopathy, saying so', () => {
    const evaluation = noMajor.evaluate();
    expect(criterionOf(evaluation, 'sclerotic_bone_lesions')).toMatchObject({
      status: 'not_met',
      explanation:
        'Not met: skeletal imaging: purely lytic lesions (not sclerotic).',
    });
    expect(criterionOf(evaluation, 'vegf_elevation')).toMatchObject({
      status: 'not_met',
      explanation: 'Not met: VEGF: plasma VEGF 120 pg/mL < 200 pg/mL.',
    });
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'not_met',
      assessed: false,
      evidence: [],
      openItems: [],
      explanation:
        'Not assessed: no lymphadenopathy found, so lymph node biopsy was not activated.',
    });
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.nextTests).toEqual([]);
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
      {
        criterion: 'castleman_disease',
        action: 'complete',
        items: ['lymph_node_biopsy'],
        why: 'Complete lymph node biopsy: a present finding would meet Castleman disease.',
      },
    ]);
  });

  it('is not met when a hematologist marked the node biopsy not indicated, naming who and why', () => {
    const evaluation = lymphNodesOpen
      .close(
        'lymph_node_biopsy',
        'not_indicated',
        'no palpable nodes',
        'Dr Hale',
      )
      .evaluate();
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'not_met',
      explanation:
        'Not assessed: lymph node biopsy marked not indicated by Dr Hale (no palpable nodes).',
    });
    expect(evaluation.overall).toBe('criteria_not_met');
    // Reopening the biopsy could change the verdict, so it is offered.
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'castleman_disease',
        action: 'reopen',
        items: ['lymph_node_biopsy'],
        why: 'Reopen lymph node biopsy marked not indicated by Dr Hale (no palpable nodes): it could still establish Castleman disease and change the verdict.',
      },
    ]);
  });

  it('stays incomplete while one major is still pending', () => {
    const evaluation = aClassicLambdaWorkup()
      .result('body_imaging', signs())
      .result('bone_imaging', { lesions: 'none' })
      .status('vegf', 'scheduled')
      .evaluate();
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'vegf_elevation',
        action: 'complete',
        items: ['vegf'],
        why: 'Complete VEGF: a present finding would meet VEGF elevation.',
      },
    ]);
  });
});
