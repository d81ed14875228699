import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { aClassicLambdaWorkup } from '../../../testing/results.fixtures';

/** Everything else fits, but nerve conduction studies show no polyneuropathy. */
describe('mandatory polyneuropathy ruled out', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const ruledOut = aClassicLambdaWorkup().asserted('emg_ncs', {
    polyneuropathy: 'absent',
  });

  it('makes the criteria unreachable whatever else is met', () => {
    const evaluation = ruledOut.evaluate();
    expect(criterionOf(evaluation, 'polyneuropathy')).toMatchObject({
      status: 'not_met',
      evidence: ['emg_ncs'],
      explanation: 'Not met: nerve conduction studies / EMG: asserted absent.',
    });
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.missing).toEqual(['mandatory']);
    expect(evaluation.nextTests).toEqual([]);
    expect(evaluation.explanation).toMatch(
      /^Criteria cannot be met with the current results\. Mandatory: polyradiculoneuropathy not met; major: /,
    );
  });

  it('is not rescued by a positive neurological examination (support only)', () => {
    const evaluation = ruledOut
      .asserted('neuro_exam', { polyneuropathy: 'present' })
      .evaluate();
    expect(criterionOf(evaluation, 'polyneuropathy')).toMatchObject({
      status: 'not_met',
      supportedBy: ['neuro_exam'],
    });
    expect(evaluation.overall).toBe('criteria_not_met');
  });

  it('is also criteria not met when the EMG is cancelled and nothing else can establish it', () => {
    const evaluation = aClassicLambdaWorkup()
      .close('emg_ncs', 'cancelled', 'patient declined', 'Dr Hale')
      .evaluate();
    expect(criterionOf(evaluation, 'polyneuropathy')).toMatchObject({
      status: 'not_met',
      explanation:
        'Not assessed: nerve conduction studies / EMG cancelled by Dr Hale (patient declined).',
    });
    expect(evaluation.overall).toBe('criteria_not_met');
    // Reopening the study is the one way the verdict could still change.
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'polyneuropathy',
        action: 'reopen',
        items: ['emg_ncs'],
        why: 'Reopen nerve conduction studies / EMG cancelled by Dr Hale (patient declined): it could still establish polyradiculoneuropathy and change the verdict.',
      },
    ]);
  });
});
