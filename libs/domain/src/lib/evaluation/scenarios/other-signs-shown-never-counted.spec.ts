import { CLINIC_NOW, statusesOf } from '../../../testing/evaluation.helpers';
import { signs } from '../../../testing/results.fixtures';
import { WorkupBuilder } from '../../../testing/workup.builder';

/** Clubbing and weight loss on exam, pulmonary hypertension on echo, restrictive PFTs. */
describe('other signs are shown, never counted', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const withSigns = WorkupBuilder.opened()
    .result('physical_exam', signs('clubbing', 'weight_loss'))
    .result('echocardiogram', signs('pulmonary_hypertension'))
    .result('pft', signs('restrictive_lung_disease', 'clubbing'));

  it('lists each other sign with the items that recorded it, in reference order', () => {
    expect(withSigns.evaluate().otherSigns).toEqual([
      { sign: 'clubbing', items: ['physical_exam', 'pft'] },
      { sign: 'weight_loss', items: ['physical_exam'] },
      { sign: 'pulmonary_hypertension', items: ['echocardiogram'] },
      { sign: 'restrictive_lung_disease', items: ['pft'] },
    ]);
  });

  it('meets no criterion with them', () => {
    const statuses = Object.values(statusesOf(withSigns.evaluate()));
    expect(statuses).not.toContain('met');
    expect(withSigns.evaluate().overall).toBe('incomplete');
  });

  it('shows only signs of done items', () => {
    expect(withSigns.status('pft', 'performed').evaluate().otherSigns).toEqual([
      { sign: 'clubbing', items: ['physical_exam'] },
      { sign: 'weight_loss', items: ['physical_exam'] },
      { sign: 'pulmonary_hypertension', items: ['echocardiogram'] },
    ]);
  });

  it('does not list criterion signs as other signs', () => {
    expect(
      WorkupBuilder.opened()
        .result('physical_exam', signs('edema', 'hyperpigmentation'))
        .evaluate().otherSigns,
    ).toEqual([]);
  });
});
