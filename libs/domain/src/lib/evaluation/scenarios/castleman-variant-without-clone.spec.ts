import {
  criterionOf,
  CLINIC_NOW,
  statusesOf,
} from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  noMonoclonalProtein,
  signs,
} from '../../../testing/results.fixtures';
import { flagText } from '../explanation';

/**
 * Lymphadenopathy on CT; the lymph node biopsy (activated) shows Castleman disease; polyneuropathy
 * and VEGF elevation are present, but immunofixation and marrow find no clone. Castleman disease
 * without a clonal plasma cell disorder is a separate entity: never "criteria met".
 */
describe('Castleman variant without a clone', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const castleman = aClassicLambdaWorkup()
    .result('body_imaging', signs('lymphadenopathy', 'splenomegaly'))
    .activate('lymph_node_biopsy')
    .asserted('lymph_node_biopsy', { castleman_disease: 'present' });
  const withoutClone = castleman
    .result('serum_ife', noMonoclonalProtein)
    .result('urine_ife', noMonoclonalProtein)
    .asserted('bone_marrow_biopsy', {
      monoclonal_plasma_cell_disorder: 'absent',
    });

  it('meets Castleman disease by the activated lymph node biopsy', () => {
    expect(
      criterionOf(castleman.evaluate(), 'castleman_disease'),
    ).toMatchObject({
      status: 'met',
      evidence: ['lymph_node_biopsy'],
      explanation: 'Met by lymph node biopsy: asserted present.',
    });
  });

  it('raises possible_castleman_variant and is never criteria met once the clone is ruled out', () => {
    const evaluation = withoutClone.evaluate();
    expect(statusesOf(evaluation)).toMatchObject({
      polyneuropathy: 'met',
      monoclonal_plasma_cell_disorder: 'not_met',
      castleman_disease: 'met',
      vegf_elevation: 'met',
      organomegaly: 'met',
    });
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.flags).toEqual(['possible_castleman_variant']);
    expect(evaluation.explanation).toContain(
      flagText('possible_castleman_variant'),
    );
    expect(evaluation.explanation).toMatch(
      /monoclonal plasma cell-proliferative disorder not met/,
    );
    // Eponyms and acronyms keep their capitals inside the sentence.
    expect(evaluation.explanation).toContain(
      'major: Castleman disease, sclerotic bone lesions, VEGF elevation;',
    );
  });

  it('raises no variant flag while the clone is still being looked for', () => {
    const evaluation = castleman.status('serum_ife', 'ordered').evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').status,
    ).toBe('pending');
    expect(evaluation.overall).toBe('incomplete');
    expect(evaluation.flags).toEqual([]);
  });

  it('raises the variant flag when the clone can only be indeterminate', () => {
    const evaluation = castleman
      .result('serum_ife', noMonoclonalProtein)
      .result('urine_ife', noMonoclonalProtein)
      .asserted('bone_marrow_biopsy', {
        monoclonal_plasma_cell_disorder: 'indeterminate',
      })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').status,
    ).toBe('indeterminate');
    expect(evaluation.overall).toBe('indeterminate');
    expect(evaluation.flags).toEqual(['possible_castleman_variant']);
  });

  it('raises no variant flag when the clone is established: Castleman then counts as a major criterion', () => {
    const evaluation = castleman.evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder').status,
    ).toBe('met');
    expect(evaluation.overall).toBe('criteria_met');
    expect(evaluation.flags).toEqual([]);
  });
});
