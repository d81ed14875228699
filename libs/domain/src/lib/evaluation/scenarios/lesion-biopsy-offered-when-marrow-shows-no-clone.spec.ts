import { POEMS_DISPENZIERI_V1 } from '../../protocol/poems-dispenzieri.v1';
import { POEMS_DISPENZIERI_V2 } from '../../protocol/poems-dispenzieri.v2';
import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { WorkupBuilder } from '../../../testing/workup.builder';

/**
 * Version 2 (§2b): sclerotic lesions on skeletal imaging, a marrow without clonal plasma cells and
 * negative immunofixations. The lesion biopsy may still show the clone, so the clone criterion
 * stays pending and the biopsy is offered with `activate`; version 1 knows no such item.
 */
describe('lesion biopsy offered when the marrow shows no clone (protocol v2)', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const clinicalPicture = (protocol = POEMS_DISPENZIERI_V2) =>
    WorkupBuilder.opened({ protocol })
      .asserted('emg_ncs', { polyneuropathy: 'present' })
      .result('serum_ife', { heavyChain: 'none' })
      .result('urine_ife', { heavyChain: 'none' })
      .asserted('bone_marrow_biopsy', {
        monoclonal_plasma_cell_disorder: 'absent',
      })
      .result('vegf', {
        specimen: 'plasma',
        values: [{ name: 'VEGF', value: 420, unit: 'pg/mL' }],
      })
      .result('cbc', {
        values: [
          { name: 'Platelets', value: 612, unit: '10*9/L', low: 150, high: 450 },
        ],
      });

  const lesionsFound = clinicalPicture().result('bone_imaging', {
    modality: 'low_dose_whole_body_ct',
    lesions: 'sclerotic',
  });

  it('offers the lesion biopsy with activate, keeping the clone pending', () => {
    const evaluation = lesionsFound.closeRemaining('not_indicated').evaluate();
    expect(criterionOf(evaluation, 'monoclonal_plasma_cell_disorder')).toMatchObject({
      status: 'pending',
      explanation:
        'Pending: sclerotic lesions were found while the bone marrow showed no clone — activate lesion biopsy.',
    });
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.nextTests).toContainEqual({
      criterion: 'monoclonal_plasma_cell_disorder',
      action: 'activate',
      items: ['lesion_biopsy'],
      why: 'Activate lesion biopsy: sclerotic lesions were found while the bone marrow showed no clone, and its histology can establish monoclonal plasma cell-proliferative disorder.',
    });
  });

  it('meets the criteria once the activated biopsy shows λ-restricted plasma cells', () => {
    const evaluation = lesionsFound
      .closeRemaining('not_indicated')
      .activate('lesion_biopsy')
      .result('lesion_biopsy', { lightChain: 'lambda' })
      .evaluate();
    expect(criterionOf(evaluation, 'monoclonal_plasma_cell_disorder')).toMatchObject({
      status: 'met',
      evidence: ['lesion_biopsy'],
    });
    expect(evaluation.overall).toBe('criteria_met');
    expect(evaluation.nextTests).toEqual([]);
  });

  it('while skeletal imaging is open, the clone stays pending: lesions may yet call for the biopsy', () => {
    const evaluation = clinicalPicture().evaluate();
    expect(criterionOf(evaluation, 'monoclonal_plasma_cell_disorder')).toMatchObject({
      status: 'pending',
      openItems: ['bone_imaging'],
      explanation:
        'Pending: skeletal imaging (sclerotic bone lesions may yet call for lesion biopsy).',
    });
    expect(
      evaluation.nextTests.find(
        (t) => t.criterion === 'monoclonal_plasma_cell_disorder',
      ),
    ).toEqual({
      criterion: 'monoclonal_plasma_cell_disorder',
      action: 'complete',
      items: ['bone_imaging'],
      why: 'Complete skeletal imaging: sclerotic bone lesions found there calls for a lesion biopsy, which can establish monoclonal plasma cell-proliferative disorder.',
    });
  });

  it('is not offered without sclerotic lesions: the clone is then not met', () => {
    const evaluation = clinicalPicture()
      .result('bone_imaging', { modality: 'pet_ct', lesions: 'none' })
      .evaluate();
    expect(criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').status).toBe(
      'not_met',
    );
    expect(evaluation.nextTests.flatMap((t) => t.items)).not.toContain(
      'lesion_biopsy',
    );
  });

  it('is not offered while the marrow is still open', () => {
    const evaluation = WorkupBuilder.opened({ protocol: POEMS_DISPENZIERI_V2 })
      .result('bone_imaging', { modality: 'pet_ct', lesions: 'sclerotic' })
      .evaluate();
    expect(
      evaluation.nextTests.filter((t) => t.items.includes('lesion_biopsy')),
    ).toEqual([]);
  });

  it('marked not indicated by a hematologist, the clone is not met and reopening is offered with who and why', () => {
    const evaluation = lesionsFound
      .closeRemaining('not_indicated')
      .close('lesion_biopsy', 'not_indicated', 'lesion not accessible', 'Dr Rao')
      .evaluate();
    expect(criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').status).toBe(
      'not_met',
    );
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.nextTests).toContainEqual(
      expect.objectContaining({
        criterion: 'monoclonal_plasma_cell_disorder',
        action: 'reopen',
        items: ['lesion_biopsy'],
        why: expect.stringContaining(
          'lesion biopsy marked not indicated by Dr Rao (lesion not accessible)',
        ),
      }),
    );
  });

  it('version 1 has no lesion biopsy: the same picture does not meet the clone', () => {
    const evaluation = clinicalPicture(POEMS_DISPENZIERI_V1)
      .result('bone_imaging', {
        modality: 'low_dose_whole_body_ct',
        lesions: 'sclerotic',
      })
      .closeRemaining('not_indicated')
      .evaluate();
    expect(criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').status).toBe(
      'not_met',
    );
    expect(evaluation.overall).toBe('criteria_not_met');
  });
});
