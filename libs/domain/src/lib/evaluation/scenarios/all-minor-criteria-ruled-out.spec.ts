import {
  criterionOf,
  CLINIC_NOW,
  statusesOf,
} from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  cbcResult,
  endocrinePanel,
  signs,
} from '../../../testing/results.fixtures';

/** Mandatory and major criteria met, but every minor criterion is examined and absent. */
describe('all six minor criteria ruled out', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const fiveMinorsOut = aClassicLambdaWorkup()
    .result('physical_exam', signs())
    .result('body_imaging', signs())
    .result('endocrine_panel', endocrinePanel(['glucose']))
    .result('fundoscopy', signs());

  it('is incomplete while the CBC could still show thrombocytosis', () => {
    const evaluation = fiveMinorsOut.evaluate();
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.missing).toEqual(['minor']);
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'thrombocytosis_polycythemia',
        action: 'complete',
        items: ['cbc'],
        why: 'Complete complete blood count: a present finding would meet thrombocytosis / polycythemia.',
      },
    ]);
    expect(evaluation.explanation).toBe(
      'Both mandatory criteria met; major: sclerotic bone lesions, VEGF elevation; minor: still needed — complete blood count pending.',
    );
  });

  it('is criteria not met once a normal CBC closes the last minor criterion', () => {
    const evaluation = fiveMinorsOut.result('cbc', cbcResult()).evaluate();
    expect(statusesOf(evaluation)).toMatchObject({
      organomegaly: 'not_met',
      extravascular_volume_overload: 'not_met',
      endocrinopathy: 'not_met',
      skin_changes: 'not_met',
      papilledema: 'not_met',
      thrombocytosis_polycythemia: 'not_met',
    });
    expect(
      criterionOf(evaluation, 'extravascular_volume_overload').evidence,
    ).toEqual(['body_imaging', 'physical_exam']);
    expect(criterionOf(evaluation, 'endocrinopathy').explanation).toBe(
      'Not met: endocrine panel: diabetes mellitus alone does not meet the criterion.',
    );
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.explanation).toMatch(/minor: none met\.$/);
  });

  it('treats a polycythemic CBC as the one minor that still makes the rule', () => {
    expect(
      fiveMinorsOut.result('cbc', cbcResult({ hemoglobin: 18.2 })).evaluate()
        .overall,
    ).toBe('criteria_met');
  });
});
