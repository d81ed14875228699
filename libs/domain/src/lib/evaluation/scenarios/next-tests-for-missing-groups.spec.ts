import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  endocrinePanel,
  monoclonalProtein,
  noMonoclonalProtein,
} from '../../../testing/results.fixtures';
import { WorkupBuilder } from '../../../testing/workup.builder';

/**
 * What the hematologist should order next: the criteria of missing groups that could still change
 * the verdict, with the items to complete, in the protocol's priority order (§2b).
 */
describe('next tests', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('lists every pending criterion with its establishing items on a fresh workup', () => {
    const evaluation = WorkupBuilder.opened().evaluate();
    expect(evaluation.missing).toEqual(['mandatory', 'major', 'minor']);
    expect(
      evaluation.nextTests.map((t) => [t.criterion, t.action, t.items]),
    ).toEqual([
      ['vegf_elevation', 'complete', ['vegf']],
      [
        'monoclonal_plasma_cell_disorder',
        'complete',
        ['serum_ife', 'urine_ife', 'bone_marrow_biopsy'],
      ],
      ['polyneuropathy', 'complete', ['emg_ncs']],
      ['sclerotic_bone_lesions', 'complete', ['bone_imaging']],
      ['thrombocytosis_polycythemia', 'complete', ['cbc']],
      ['endocrinopathy', 'complete', ['endocrine_panel']],
      ['castleman_disease', 'complete', ['body_imaging', 'physical_exam']],
      ['organomegaly', 'complete', ['body_imaging']],
      [
        'extravascular_volume_overload',
        'complete',
        ['body_imaging', 'physical_exam'],
      ],
      ['skin_changes', 'complete', ['physical_exam']],
      ['papilledema', 'complete', ['fundoscopy']],
    ]);
    expect(evaluation.nextTests[0].why).toBe(
      'Complete VEGF: a present finding would meet VEGF elevation.',
    );
  });

  it('never lists supporting-only items (neurological exam, SPEP, FLC, echo, PFT)', () => {
    const listed = WorkupBuilder.opened()
      .evaluate()
      .nextTests.flatMap((t) => t.items);
    for (const key of [
      'neuro_exam',
      'spep',
      'serum_flc',
      'echocardiogram',
      'pft',
    ]) {
      expect(listed).not.toContain(key);
    }
  });

  it('drops groups that are satisfied and criteria already met within a missing group', () => {
    const evaluation = WorkupBuilder.opened()
      .asserted('emg_ncs', { polyneuropathy: 'present' })
      .result('endocrine_panel', endocrinePanel(['adrenal']))
      .evaluate();
    expect(evaluation.missing).toEqual(['mandatory', 'major']);
    expect(evaluation.nextTests.map((t) => t.criterion)).toEqual([
      'vegf_elevation',
      'monoclonal_plasma_cell_disorder',
      'sclerotic_bone_lesions',
      'castleman_disease',
    ]);
  });

  it('lists only the establishing items still open, and offers no reopening while the workup is incomplete', () => {
    const evaluation = WorkupBuilder.opened()
      .asserted('emg_ncs', { polyneuropathy: 'present' })
      .result('serum_ife', noMonoclonalProtein)
      .status('urine_ife', 'cancelled')
      .status('bone_marrow_biopsy', 'scheduled')
      .status('vegf', 'not_indicated')
      .evaluate();
    expect(
      evaluation.nextTests.slice(0, 3).map((t) => [t.criterion, t.items]),
    ).toEqual([
      ['sclerotic_bone_lesions', ['bone_imaging']],
      ['monoclonal_plasma_cell_disorder', ['bone_marrow_biopsy']],
      ['thrombocytosis_polycythemia', ['cbc']],
    ]);
    expect(evaluation.nextTests.map((t) => t.criterion)).not.toContain(
      'vegf_elevation',
    );
    expect(evaluation.nextTests.map((t) => t.action)).not.toContain('reopen');
  });

  it('is empty when the overall result is decided', () => {
    const decided = WorkupBuilder.opened()
      .asserted('emg_ncs', { polyneuropathy: 'absent' })
      .evaluate();
    expect(decided.overall).toBe('criteria_not_met');
    expect(decided.missing).toEqual(['mandatory', 'major', 'minor']);
    expect(decided.nextTests).toEqual([]);
  });

  it('names the open items in the explanation of a missing group', () => {
    const evaluation = WorkupBuilder.opened()
      .asserted('emg_ncs', { polyneuropathy: 'present' })
      .result('serum_ife', monoclonalProtein('IgG', 'lambda'))
      .result('endocrine_panel', endocrinePanel(['prolactin']))
      .evaluate();
    expect(evaluation.explanation).toBe(
      'Both mandatory criteria met; major: still needed — body imaging, physical examination, skeletal imaging, VEGF pending; minor: endocrinopathy.',
    );
  });
});
