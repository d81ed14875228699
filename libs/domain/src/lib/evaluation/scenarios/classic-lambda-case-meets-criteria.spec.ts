import {
  criterionOf,
  CLINIC_NOW,
  statusesOf,
} from '../../../testing/evaluation.helpers';
import {
  endocrinePanel,
  monoclonalProtein,
  plasmaVegf,
  signs,
} from '../../../testing/results.fixtures';
import { WorkupBuilder } from '../../../testing/workup.builder';

/**
 * A 52-year-old man with a demyelinating polyneuropathy, an IgA λ M-protein, plasma VEGF
 * 850 pg/mL, sclerotic bone lesions, hyperpigmentation, edema and hypogonadism.
 */
describe('classic λ case: the workup reaches criteria met', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const opened = WorkupBuilder.opened({ sex: 'male' });

  it('starts incomplete with every group missing', () => {
    const evaluation = opened.evaluate();
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.missing).toEqual(['mandatory', 'major', 'minor']);
    expect(evaluation.flags).toEqual([]);
    expect(evaluation.protocol).toEqual({
      key: 'poems-dispenzieri',
      version: 1,
    });
  });

  const neuropathyAndClone = WorkupBuilder.opened({ sex: 'male' })
    .asserted('emg_ncs', { polyneuropathy: 'present' })
    .result('serum_ife', monoclonalProtein('IgA', 'lambda'));

  it('meets both mandatory criteria once EMG and immunofixation are resulted', () => {
    const evaluation = neuropathyAndClone.evaluate();
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.missing).toEqual(['major', 'minor']);
    expect(criterionOf(evaluation, 'polyneuropathy')).toMatchObject({
      status: 'met',
      evidence: ['emg_ncs'],
      explanation: 'Met by nerve conduction studies / EMG: asserted present.',
    });
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({
      status: 'met',
      evidence: ['serum_ife'],
      openItems: ['urine_ife', 'bone_marrow_biopsy'],
      explanation:
        'Met by serum immunofixation: monoclonal protein IgA λ on immunofixation.',
    });
    expect(evaluation.explanation).toMatch(
      /^Both mandatory criteria met; major: still needed — body imaging, physical examination, skeletal imaging, VEGF pending; minor: still needed/,
    );
  });

  const majorsOnly = neuropathyAndClone
    .result('vegf', plasmaVegf(850))
    .result('bone_imaging', {
      lesions: 'sclerotic',
      modality: 'low_dose_whole_body_ct',
    });

  it('still needs a minor criterion with both mandatory and two majors met', () => {
    const evaluation = majorsOnly.evaluate();
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.missing).toEqual(['minor']);
    // In the protocol's priority order: CBC and endocrine panel before imaging and exams.
    expect(evaluation.nextTests.map((t) => t.criterion)).toEqual([
      'thrombocytosis_polycythemia',
      'endocrinopathy',
      'organomegaly',
      'extravascular_volume_overload',
      'skin_changes',
      'papilledema',
    ]);
    expect(evaluation.nextTests.every((t) => t.action === 'complete')).toBe(
      true,
    );
  });

  const classic = majorsOnly.result(
    'physical_exam',
    signs('hyperpigmentation', 'edema'),
  );

  it('reaches criteria met with the rule satisfied in every group', () => {
    const evaluation = classic
      .result('endocrine_panel', endocrinePanel(['gonadal']))
      .evaluate();
    expect(evaluation.overall).toBe('criteria_met');
    expect(statusesOf(evaluation)).toEqual({
      polyneuropathy: 'met',
      monoclonal_plasma_cell_disorder: 'met',
      // Body imaging is still open: lymphadenopathy may yet call for the node biopsy.
      castleman_disease: 'pending',
      sclerotic_bone_lesions: 'met',
      vegf_elevation: 'met',
      organomegaly: 'pending',
      extravascular_volume_overload: 'met',
      endocrinopathy: 'met',
      skin_changes: 'met',
      papilledema: 'pending',
      thrombocytosis_polycythemia: 'pending',
    });
    expect(criterionOf(evaluation, 'vegf_elevation').evidence).toEqual([
      'vegf',
    ]);
    expect(criterionOf(evaluation, 'sclerotic_bone_lesions').evidence).toEqual([
      'bone_imaging',
    ]);
    expect(
      criterionOf(evaluation, 'extravascular_volume_overload'),
    ).toMatchObject({
      evidence: ['physical_exam'],
      openItems: ['body_imaging'],
    });
    expect(criterionOf(evaluation, 'castleman_disease').explanation).toBe(
      'Pending: body imaging (lymphadenopathy may yet call for lymph node biopsy).',
    );
    expect(evaluation.flags).toEqual([]);
    expect(evaluation.missing).toEqual([]);
    expect(evaluation.nextTests).toEqual([]);
    expect(evaluation.explanation).toBe(
      'Criteria met. Both mandatory criteria met; major: sclerotic bone lesions, VEGF elevation; ' +
        'minor: extravascular volume overload, endocrinopathy, skin changes.',
    );
  });
});
