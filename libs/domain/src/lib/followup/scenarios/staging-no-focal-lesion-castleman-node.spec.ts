import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { FollowupStory, marrow, pet } from '../../../testing/followup.fixtures';

/**
 * Worked example 5 (poems-followup.md §7): PET/CT shows no bone lesion; marrow `absent`; a Castleman
 * lymph node → `no_focal_lesion` (the Castleman node is not a plasmacytoma).
 */
describe('Staging: no bone lesion, a Castleman node, and a clean marrow', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('is no focal lesion: the node adds nothing to the lesion total', () => {
    const evaluation = FollowupStory.diagnosed('2025-03-01')
      .result('bone_imaging', '2025-02-10', {
        ...pet({ avid: 0, lesions: 0 }),
        lesions: 'none',
      })
      .result('bone_marrow_biopsy', '2025-02-12', marrow('none'))
      .result('lymph_node_biopsy', '2025-02-14', {
        findings: [{ criterion: 'castleman_disease', value: 'present' }],
      })
      .evaluate('2025-03-01');
    expect(evaluation.staging).toMatchObject({
      class: 'no_focal_lesion',
      step: 4,
      total: 0,
      inputs: { extramedullaryPlasmacytomaCount: 0 },
    });
    expect(evaluation.staging.implications).toEqual([
      {
        text: 'There is nothing to irradiate: systemic therapy is indicated in the "absence of any bone lesion".',
        sources: ['F24'],
      },
    ]);
  });
});
