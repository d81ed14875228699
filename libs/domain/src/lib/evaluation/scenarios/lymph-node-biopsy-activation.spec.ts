import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { WorkupBuilder } from '../../../testing/workup.builder';

/** The lymph node biopsy is conditional: part of the workup only once activated. */
describe('conditional lymph node biopsy', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const opened = WorkupBuilder.opened();
  const activated = opened.activate('lymph_node_biopsy');

  it('while inactive: Castleman is not met, "not assessed", and never a next test', () => {
    const evaluation = opened.evaluate();
    expect(criterionOf(evaluation, 'castleman_disease')).toMatchObject({
      status: 'not_met',
      assessed: false,
      evidence: [],
      openItems: [],
      explanation: 'Not assessed (lymph node biopsy not activated).',
    });
    expect(evaluation.nextTests.map((t) => t.criterion)).not.toContain(
      'castleman_disease',
    );
    expect(evaluation.explanation).toContain(
      'major: still needed — skeletal imaging, VEGF pending',
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
      items: ['lymph_node_biopsy'],
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
    expect(criterionOf(evaluation, 'castleman_disease').status).toBe('not_met');
  });
});
