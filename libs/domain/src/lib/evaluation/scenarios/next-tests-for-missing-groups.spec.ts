import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  endocrinePanel,
  monoclonalProtein,
  noMonoclonalProtein,
} from '../../../testing/results.fixtures';
import { WorkupBuilder } from '../../../testing/workup.builder';

/** What the hematologist should order next: only pending criteria of missing groups, with their open establishing items. */
describe('next tests', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('lists every pending criterion with its establishing items on a fresh workup', () => {
    const evaluation = WorkupBuilder.opened().evaluate();
    expect(evaluation.missing).toEqual(['mandatory', 'major', 'minor']);
    expect(evaluation.nextTests).toEqual([
      { criterion: 'polyneuropathy', items: ['emg_ncs'] },
      {
        criterion: 'monoclonal_plasma_cell_disorder',
        items: ['serum_ife', 'urine_ife', 'bone_marrow_biopsy'],
      },
      { criterion: 'sclerotic_bone_lesions', items: ['bone_imaging'] },
      { criterion: 'vegf_elevation', items: ['vegf'] },
      { criterion: 'organomegaly', items: ['body_imaging'] },
      {
        criterion: 'extravascular_volume_overload',
        items: ['body_imaging', 'physical_exam'],
      },
      { criterion: 'endocrinopathy', items: ['endocrine_panel'] },
      { criterion: 'skin_changes', items: ['physical_exam'] },
      { criterion: 'papilledema', items: ['fundoscopy'] },
      { criterion: 'thrombocytosis_polycythemia', items: ['cbc'] },
    ]);
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
      'monoclonal_plasma_cell_disorder',
      'sclerotic_bone_lesions',
      'vegf_elevation',
    ]);
  });

  it('lists only the establishing items still open', () => {
    const evaluation = WorkupBuilder.opened()
      .asserted('emg_ncs', { polyneuropathy: 'present' })
      .result('serum_ife', noMonoclonalProtein)
      .status('urine_ife', 'cancelled')
      .status('bone_marrow_biopsy', 'scheduled')
      .status('vegf', 'not_indicated')
      .evaluate();
    expect(evaluation.nextTests.slice(0, 3)).toEqual([
      {
        criterion: 'monoclonal_plasma_cell_disorder',
        items: ['bone_marrow_biopsy'],
      },
      { criterion: 'sclerotic_bone_lesions', items: ['bone_imaging'] },
      { criterion: 'organomegaly', items: ['body_imaging'] },
    ]);
    expect(evaluation.nextTests.map((t) => t.criterion)).not.toContain(
      'vegf_elevation',
    );
  });

  it('is empty when the overall result is decided', () => {
    const decided = WorkupBuilder.opened()
      .asserted('emg_ncs', { polyneuropathy: 'absent' })
      .evaluate();
    expect(decided.overall).toBe('criteria_not_met');
    expect(decided.missing).toEqual([]);
    expect(decided.nextTests).toEqual([]);
  });

  it('names the open items in the explanation of a missing group', () => {
    const evaluation = WorkupBuilder.opened()
      .asserted('emg_ncs', { polyneuropathy: 'present' })
      .result('serum_ife', monoclonalProtein('IgG', 'lambda'))
      .result('endocrine_panel', endocrinePanel(['prolactin']))
      .evaluate();
    expect(evaluation.explanation).toBe(
      'Both mandatory criteria met; major: still needed — skeletal imaging, VEGF pending; minor: endocrinopathy.',
    );
  });
});
