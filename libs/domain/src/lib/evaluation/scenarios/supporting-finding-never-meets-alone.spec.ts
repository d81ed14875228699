import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { signs } from '../../../testing/results.fixtures';
import { WorkupBuilder } from '../../../testing/workup.builder';

/**
 * Clinical neuropathy on examination, a pericardial effusion on echo, hepatomegaly on the PET/CT
 * read for bones: each supports a criterion, none establishes it.
 */
describe('a supporting finding never meets a criterion alone', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const supported = WorkupBuilder.opened()
    .asserted('neuro_exam', { polyneuropathy: 'present' })
    .result('echocardiogram', signs('pericardial_effusion'))
    .result('bone_imaging', { lesions: 'none', signs: ['hepatomegaly'] });

  it('shows support while the establishing items are open, status pending', () => {
    const evaluation = supported.evaluate();
    expect(criterionOf(evaluation, 'polyneuropathy')).toMatchObject({
      status: 'pending',
      supportedBy: ['neuro_exam'],
      evidence: [],
      openItems: ['emg_ncs'],
    });
    expect(
      criterionOf(evaluation, 'extravascular_volume_overload'),
    ).toMatchObject({ status: 'pending', supportedBy: ['echocardiogram'] });
    expect(criterionOf(evaluation, 'organomegaly')).toMatchObject({
      status: 'pending',
      supportedBy: ['bone_imaging'],
    });
  });

  it('is not met when the establishing items close without a present finding', () => {
    const evaluation = supported
      .asserted('emg_ncs', { polyneuropathy: 'absent' })
      .result('body_imaging', signs())
      .result('physical_exam', signs('hyperpigmentation'))
      .evaluate();
    expect(criterionOf(evaluation, 'polyneuropathy')).toMatchObject({
      status: 'not_met',
      supportedBy: ['neuro_exam'],
      evidence: ['emg_ncs'],
    });
    expect(
      criterionOf(evaluation, 'extravascular_volume_overload'),
    ).toMatchObject({ status: 'not_met', supportedBy: ['echocardiogram'] });
    expect(criterionOf(evaluation, 'organomegaly')).toMatchObject({
      status: 'not_met',
      supportedBy: ['bone_imaging'],
    });
    expect(evaluation.overall).toBe('criteria_not_met');
  });

  it('is not met when the establishing item was cancelled, even with every supporting item positive', () => {
    const evaluation = supported.status('emg_ncs', 'cancelled').evaluate();
    expect(criterionOf(evaluation, 'polyneuropathy')).toMatchObject({
      status: 'not_met',
      supportedBy: ['neuro_exam'],
    });
  });

  it('shows only done supporting items with a present finding', () => {
    const evaluation = supported
      .status('echocardiogram', 'performed')
      .asserted('neuro_exam', { polyneuropathy: 'absent' })
      .evaluate();
    expect(
      criterionOf(evaluation, 'extravascular_volume_overload').supportedBy,
    ).toEqual([]);
    expect(criterionOf(evaluation, 'polyneuropathy').supportedBy).toEqual([]);
  });
});
