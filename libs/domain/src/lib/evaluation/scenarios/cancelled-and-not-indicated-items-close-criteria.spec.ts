import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { aClassicLambdaWorkup, signs } from '../../../testing/results.fixtures';

/** Fundoscopy cancelled (patient declined), CBC judged not indicated, body imaging cancelled. */
describe('cancelled and not-indicated items close a criterion', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const closed = aClassicLambdaWorkup()
    .close('fundoscopy', 'cancelled', 'patient declined', 'Dr Hale')
    .status('cbc', 'not_indicated')
    .status('body_imaging', 'cancelled')
    .result('physical_exam', signs('hyperpigmentation'));

  it('makes a criterion whose only establishing item was cancelled not met, not assessed', () => {
    expect(criterionOf(closed.evaluate(), 'papilledema')).toMatchObject({
      status: 'not_met',
      assessed: false,
      openItems: [],
      explanation:
        'Not assessed: fundoscopy cancelled by Dr Hale (patient declined).',
    });
  });

  it('does the same for not indicated', () => {
    expect(
      criterionOf(closed.evaluate(), 'thrombocytosis_polycythemia'),
    ).toMatchObject({ status: 'not_met', assessed: false });
  });

  it('closes a criterion when one establishing item is cancelled and the other found it absent', () => {
    expect(
      criterionOf(closed.evaluate(), 'extravascular_volume_overload'),
    ).toMatchObject({
      status: 'not_met',
      evidence: ['physical_exam'],
      explanation:
        'Not met: physical examination: no sign of it recorded; body imaging cancelled.',
    });
    expect(criterionOf(closed.evaluate(), 'organomegaly')).toMatchObject({
      status: 'not_met',
      assessed: false,
    });
  });

  it('lets the remaining minors carry the rule', () => {
    expect(closed.evaluate().overall).toBe('criteria_met');
  });

  it('makes the criterion pending again when the item is reopened', () => {
    expect(
      criterionOf(
        closed.status('fundoscopy', 'planned').evaluate(),
        'papilledema',
      ),
    ).toMatchObject({ status: 'pending', openItems: ['fundoscopy'] });
  });

  it('counts closed items in completion without counting them done', () => {
    expect(closed.completion()).toMatchObject({
      done: 6,
      closed: 9,
      total: 16,
    });
  });
});
