import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { WorkupBuilder } from '../../../testing/workup.builder';

/** The lymph node biopsy is conditional: part of the workup only once activated. */
describe('conditional lymph node biopsy', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const opened = WorkupBuilder.opened();
  const activated = opened.activate('lymph_node_biopsy');

  it('while inactive: Castleman is pending while body imaging or the exam could find lymphadenopathy', () => {
    const evaluation = opened.evaluate();
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'pending',
      assessed: false,
      evidence: [],
      openItems: ['body_imaging', 'physical_exam'],
      explanation:
        'Pending: body imaging, physical examination (lymphadenopathy may yet call for lymph node biopsy).',
    });
    expect(
      evaluation.nextTests.find((t) => t.criterion === 'castleman_disease'),
    ).toMatchObject({
      action: 'complete',
      items: ['body_imaging', 'physical_exam'],
    });
    expect(evaluation.explanation).toContain(
      'major: still needed — body imaging, physical examination, skeletal imaging, VEGF pending',
    );
  });

  it('while inactive and no lymphadenopathy found: not met, "not assessed", never a next test', () => {
    const evaluation = opened
      .asserted('body_imaging', { organomegaly: 'absent' })
      .asserted('physical_exam', { skin_changes: 'absent' })
      .evaluate();
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'not_met',
      assessed: false,
      openItems: [],
      explanation:
        'Not assessed: no lymphadenopathy found, so lymph node biopsy was not activated.',
    });
    expect(evaluation.nextTests.map((t) => t.criterion)).not.toContain(
      'castleman_disease',
    );
  });

  it('while inactive: excluded from completion (16 of 17 items)', () => {
    expect(opened.completion()).toEqual({
      done: 0,
      closed: 0,
      total: 16,
      percent: 0,
    });
  });

  it('once activated: Castleman is pending on the biopsy and completion counts it', () => {
    const evaluation = activated.evaluate();
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'pending',
      openItems: ['lymph_node_biopsy'],
      explanation: 'Pending: lymph node biopsy.',
    });
    expect(evaluation.nextTests).toContainEqual({
      criterion: 'castleman_disease',
      action: 'complete',
      items: ['lymph_node_biopsy'],
      why: 'Complete lymph node biopsy: a present finding would meet Castleman disease.',
    });
    expect(activated.completion()).toEqual({
      done: 0,
      closed: 0,
      total: 17,
      percent: 0,
    });
  });

  it('once resulted: counted as done, Castleman settled by the histology', () => {
    const resulted = activated.asserted('lymph_node_biopsy', {
      castleman_disease: 'absent',
    });
    expect(criterionOf(resulted.evaluate(), 'castleman_disease')).toMatchObject(
      { status: 'not_met', assessed: true, evidence: ['lymph_node_biopsy'] },
    );
    expect(resulted.completion()).toEqual({
      done: 1,
      closed: 1,
      total: 17,
      percent: 6,
    });
  });

  it('an inactive biopsy with a recorded finding is still not part of the workup', () => {
    const evaluation = opened
      .asserted('lymph_node_biopsy', { castleman_disease: 'present' })
      .evaluate();
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'pending',
      evidence: [],
    });
  });
});
