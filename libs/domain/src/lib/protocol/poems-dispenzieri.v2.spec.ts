import { POEMS_DISPENZIERI_V1 } from './poems-dispenzieri.v1';
import { POEMS_DISPENZIERI_V2 } from './poems-dispenzieri.v2';
import { itemPriority } from './priority';

const v1 = POEMS_DISPENZIERI_V1;
const v2 = POEMS_DISPENZIERI_V2;
const item = (key: string) => {
  const found = v2.items.find((i) => i.key === key);
  if (!found) {
    throw new Error(`missing catalog item ${key}`);
  }
  return found;
};

/** Domain reference §2b priority list, written out. */
const REFERENCE_PRIORITY = [
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

describe('protocol poems-dispenzieri v2 (domain reference §2b)', () => {
  it('keeps v1 criteria, rule, thresholds and codes', () => {
    expect(v2.key).toBe(v1.key);
    expect(v2.version).toBe(2);
    expect(v2.criteria).toEqual(v1.criteria);
    expect(v2.rule).toBe(v1.rule);
    expect(v2.thresholds).toEqual(v1.thresholds);
    expect(v2.conditionCodes).toEqual(v1.conditionCodes);
  });

  it('adds only lesion_biopsy to the v1 items and leaves v1 without it', () => {
    expect(v2.items.map((i) => i.key).filter((k) => !v1.items.some((i) => i.key === k))).toEqual([
      'lesion_biopsy',
    ]);
    expect(v1.items.map((i) => i.key)).not.toContain('lesion_biopsy');
    for (const before of v1.items) {
      const { resultFields: _v1Fields, ...rest } = before;
      const { resultFields: _v2Fields, ...after } = item(before.key);
      expect(after).toEqual(rest);
    }
  });

  it('makes the lesion biopsy a conditional procedure establishing the clone, offered on sclerotic lesions without a marrow clone', () => {
    expect(item('lesion_biopsy')).toMatchObject({
      kind: 'procedure',
      required: false,
      establishes: ['monoclonal_plasma_cell_disorder'],
      supports: [],
      inference: ['clonal_plasma_cells'],
      resultFields: ['chains'],
      offeredWhen: {
        criterionMet: 'sclerotic_bone_lesions',
        notFoundBy: ['bone_marrow_biopsy'],
      },
    });
    expect(item('lesion_biopsy').activatedBySign).toBeUndefined();
  });

  it('gives every item a unique priority, in the order §2b lists them', () => {
    const ranked = [...v2.items].sort((a, b) => a.priority - b.priority);
    expect(ranked.map((i) => i.key)).toEqual(REFERENCE_PRIORITY);
    expect(new Set(v2.items.map((i) => i.priority)).size).toBe(v2.items.length);
    expect(REFERENCE_PRIORITY.map((k) => itemPriority(v2, k))).toEqual(
      REFERENCE_PRIORITY.map((_, index) => index + 1),
    );
  });

  it('orders v1 items the same way (its next tests never change order)', () => {
    const ranked = [...v1.items].sort((a, b) => a.priority - b.priority);
    expect(ranked.map((i) => i.key)).toEqual(
      REFERENCE_PRIORITY.filter((k) => k !== 'lesion_biopsy'),
    );
  });

  it('accepts several clones on serum and urine immunofixation only', () => {
    expect(
      v2.items.filter((i) => i.resultFields.includes('clones')).map((i) => i.key),
    ).toEqual(['serum_ife', 'urine_ife']);
    expect(v1.items.some((i) => i.resultFields.includes('clones'))).toBe(false);
  });

  it('puts unknown keys last', () => {
    expect(itemPriority(v2, 'mri_spine')).toBeGreaterThan(
      Math.max(...v2.items.map((i) => i.priority)),
    );
  });

  it('cites its sources', () => {
    expect(v2.sources.length).toBeGreaterThan(v1.sources.length);
    expect(v2.sources.map((s) => s.reference)).toContain(
      'https://pmc.ncbi.nlm.nih.gov/articles/PMC3425020/',
    );
  });
});
