import { POEMS_DISPENZIERI_V1 } from './poems-dispenzieri.v1';
import type { CatalogItem, ProtocolDefinition } from './protocol.types';

/*
 * Protocol `poems-dispenzieri`, version 2 (domain reference §2b). Version 1 stays as published for
 * the workups pinned to it; this version keeps its criteria, rule, thresholds and codes and adds:
 *
 * - `lesion_biopsy`, a conditional item establishing the clonal plasma cell disorder. The criterion
 *   counts "clonal plasma cells in marrow or a lesion biopsy" (Dispenzieri, Blood 2012;119:5650,
 *   Table 1, PMC3425020; restated in the Am J Hematol updates 2019 doi:10.1002/ajh.25495, 2021
 *   doi:10.1002/ajh.26240, 2023 doi:10.1002/ajh.27081): a sclerotic lesion may show the clone when
 *   the marrow does not. The evaluation offers it once sclerotic lesions are found while the
 *   marrow showed no clone (domain reference §2b); a hematologist activates it. No procedure code
 *   is given: the reference lists none, and codes are left out rather than guessed.
 * - a priority for every item: the order of next tests. First line as the AJH updates list the
 *   initial evaluation — plasma VEGF, serum and urine immunofixation, serum free light chains,
 *   NCS/EMG, skeletal imaging (low-dose whole-body CT or PET/CT), bone marrow; then the minor-criteria
 *   work-up; then the conditional biopsies and the supporting studies.
 * - biclonal immunofixation: an immunofixation result may report more than one clone, each a
 *   heavy/light chain pair (`clones`), each counting as a clone (domain reference §2b).
 */

/** §2b priority, first line first. */
const PRIORITY: readonly string[] = [
  'vegf',
  'serum_ife',
  'urine_ife',
  'serum_flc',
  'emg_ncs',
  'bone_imaging',
  'bone_marrow_biopsy',
  'cbc',
  'endocrine_panel',
  'body_imaging',
  'physical_exam',
  'fundoscopy',
  'lesion_biopsy',
  'lymph_node_biopsy',
  'spep',
  'neuro_exam',
  'echocardiogram',
  'pft',
];

const LESION_BIOPSY: Omit<CatalogItem, 'priority'> = {
  key: 'lesion_biopsy',
  name: 'Biopsy of a bone lesion or plasmacytoma (CD138, κ/λ)',
  shortName: 'lesion biopsy',
  kind: 'procedure',
  required: false,
  offeredWhen: {
    criterionMet: 'sclerotic_bone_lesions',
    notFoundBy: ['bone_marrow_biopsy'],
    because: 'sclerotic lesions were found while the bone marrow showed no clone',
  },
  establishes: ['monoclonal_plasma_cell_disorder'],
  supports: [],
  otherSigns: [],
  codes: [],
  inference: ['clonal_plasma_cells'],
  resultFields: ['chains'],
  note:
    'Conditional: offered when sclerotic lesions are found while the marrow showed no clone; a ' +
    'hematologist activates it. Record the light chain of clonal plasma cells when restriction is shown.',
};

const withClones = (item: CatalogItem): CatalogItem =>
  item.inference.includes('immunofixation_chain')
    ? { ...item, resultFields: [...item.resultFields, 'clones'] }
    : item;

const CATALOG: readonly Omit<CatalogItem, 'priority'>[] = [
  ...POEMS_DISPENZIERI_V1.items.flatMap((item) =>
    // Beside the marrow: both look for clonal plasma cells.
    item.key === 'bone_marrow_biopsy' ? [item, LESION_BIOPSY] : [item],
  ),
];

/** Version 2 of the Mayo (Dispenzieri) workup: lesion biopsy, priorities, biclonal immunofixation. */
export const POEMS_DISPENZIERI_V2: ProtocolDefinition = {
  ...POEMS_DISPENZIERI_V1,
  version: 2,
  effectiveFrom: '2026-12-07',
  items: CATALOG.map((item) => {
    const rank = PRIORITY.indexOf(item.key);
    if (rank < 0) {
      throw new Error(`poems-dispenzieri v2 gives ${item.key} no priority`);
    }
    return withClones({ ...item, priority: rank + 1 } as CatalogItem);
  }),
  sources: [
    ...POEMS_DISPENZIERI_V1.sources,
    {
      label:
        'Project domain reference, poems-workup.md §2b: protocol version 2 (lesion biopsy, item priorities, biclonal immunofixation)',
    },
  ],
};
