import {
  CRITERION_KEYS,
  OTHER_SIGNS,
  type CriterionGroup,
  type CriterionKey,
} from './criteria';
import { POEMS_DISPENZIERI_V1 } from './poems-dispenzieri.v1';
import type { ItemKind } from './protocol.types';

const LOINC = 'http://loinc.org';
const CPT = 'http://www.ama-assn.org/go/cpt';
const protocol = POEMS_DISPENZIERI_V1;
const item = (key: string) => {
  const found = protocol.items.find((i) => i.key === key);
  if (!found) {
    throw new Error(`missing catalog item ${key}`);
  }
  return found;
};

/** Domain reference §1, written out. */
const REFERENCE_CRITERIA: readonly [CriterionKey, CriterionGroup][] = [
  ['polyneuropathy', 'mandatory'],
  ['monoclonal_plasma_cell_disorder', 'mandatory'],
  ['castleman_disease', 'major'],
  ['sclerotic_bone_lesions', 'major'],
  ['vegf_elevation', 'major'],
  ['organomegaly', 'minor'],
  ['extravascular_volume_overload', 'minor'],
  ['endocrinopathy', 'minor'],
  ['skin_changes', 'minor'],
  ['papilledema', 'minor'],
  ['thrombocytosis_polycythemia', 'minor'],
];

/** Domain reference §2, written out: key, kind, establishes, supports. */
const REFERENCE_ITEMS: readonly [
  string,
  ItemKind,
  CriterionKey[],
  CriterionKey[],
][] = [
  ['emg_ncs', 'study', ['polyneuropathy'], []],
  ['neuro_exam', 'exam', [], ['polyneuropathy']],
  ['spep', 'lab', [], ['monoclonal_plasma_cell_disorder']],
  ['serum_ife', 'lab', ['monoclonal_plasma_cell_disorder'], []],
  ['urine_ife', 'lab', ['monoclonal_plasma_cell_disorder'], []],
  ['serum_flc', 'lab', [], ['monoclonal_plasma_cell_disorder']],
  ['bone_marrow_biopsy', 'procedure', ['monoclonal_plasma_cell_disorder'], []],
  ['vegf', 'lab', ['vegf_elevation'], []],
  ['cbc', 'lab', ['thrombocytosis_polycythemia'], []],
  [
    'bone_imaging',
    'imaging',
    ['sclerotic_bone_lesions'],
    ['organomegaly', 'extravascular_volume_overload'],
  ],
  [
    'body_imaging',
    'imaging',
    ['organomegaly', 'extravascular_volume_overload'],
    [],
  ],
  ['endocrine_panel', 'lab', ['endocrinopathy'], []],
  [
    'physical_exam',
    'exam',
    ['skin_changes', 'extravascular_volume_overload'],
    ['organomegaly'],
  ],
  ['fundoscopy', 'exam', ['papilledema'], []],
  ['lymph_node_biopsy', 'procedure', ['castleman_disease'], []],
  ['echocardiogram', 'study', [], ['extravascular_volume_overload']],
  ['pft', 'study', [], []],
];

/** Domain reference §2 codes column and §4 endocrine table, written out. */
const REFERENCE_CODES: Readonly<Record<string, readonly [string, string][]>> = {
  emg_ncs: [
    ...['95907', '95908', '95909', '95910', '95911', '95912', '95913'].map(
      (c): [string, string] => [CPT, c],
    ),
    ...['95885', '95886', '95887'].map((c): [string, string] => [CPT, c]),
  ],
  spep: [[LOINC, '33358-3']],
  serum_ife: [[LOINC, '25700-6']],
  // Lab-interface reference §4: urine immunofixation interpretation (the catalog had no code).
  urine_ife: [[LOINC, '13440-3']],
  serum_flc: [
    [LOINC, '36916-5'],
    [LOINC, '33944-0'],
    [LOINC, '48378-4'],
  ],
  bone_marrow_biopsy: [
    [CPT, '38222'],
    [CPT, '38220'],
    [CPT, '38221'],
    [CPT, '88305'],
  ],
  vegf: [[LOINC, '75628-8']],
  cbc: [
    [LOINC, '777-3'],
    [LOINC, '718-7'],
    [LOINC, '4544-3'],
  ],
  endocrine_panel: [
    '2986-8',
    '2243-4',
    '10501-5',
    '15067-2', // gonadal
    '2842-3', // prolactin / pituitary
    '3016-3',
    '3024-7', // thyroid
    '2143-6',
    '2141-0', // adrenal
    '2731-8',
    '17861-6', // parathyroid
    '2345-7',
    '4548-4', // glucose
  ].map((c): [string, string] => [LOINC, c]),
};

describe('protocol poems-dispenzieri v1 (domain reference §1–§4)', () => {
  it('is the first version of poems-dispenzieri', () => {
    expect(protocol.key).toBe('poems-dispenzieri');
    expect(protocol.version).toBe(1);
    expect(protocol.rule).toMatch(
      /both mandatory.*at least one other major.*at least one minor/i,
    );
  });

  describe('criteria', () => {
    it('has exactly the eleven criteria of Table 1, in order, with their groups', () => {
      expect(protocol.criteria.map((c) => [c.key, c.group])).toEqual(
        REFERENCE_CRITERIA,
      );
      expect(protocol.criteria.map((c) => c.key)).toEqual([...CRITERION_KEYS]);
    });

    it('has two mandatory, three other major and six minor criteria', () => {
      const count = (g: CriterionGroup) =>
        protocol.criteria.filter((c) => c.group === g).length;
      expect([count('mandatory'), count('major'), count('minor')]).toEqual([
        2, 3, 6,
      ]);
    });

    it('states the diabetes / thyroid footnote in the endocrinopathy criterion', () => {
      const endocrinopathy = protocol.criteria.find(
        (c) => c.key === 'endocrinopathy',
      );
      expect(endocrinopathy?.whatCounts).toMatch(/diabetes/i);
      expect(endocrinopathy?.whatCounts).toMatch(/thyroid/i);
      expect(endocrinopathy?.whatCounts).toMatch(/alone does not meet/i);
    });

    it('states that SPEP and free light chains do not establish the clone', () => {
      const clone = protocol.criteria.find(
        (c) => c.key === 'monoclonal_plasma_cell_disorder',
      );
      expect(clone?.whatCounts).toMatch(
        /SPEP and free light chains support but do not establish/,
      );
    });
  });

  it('lists exactly the eight other signs, shown but never counted', () => {
    expect([...protocol.otherSigns].sort()).toEqual(
      [
        'clubbing',
        'weight_loss',
        'hyperhidrosis',
        'pulmonary_hypertension',
        'restrictive_lung_disease',
        'thrombotic_diathesis',
        'diarrhea',
        'low_vitamin_b12',
      ].sort(),
    );
    expect(protocol.otherSigns).toEqual(OTHER_SIGNS);
  });

  describe('items', () => {
    it('has exactly the seventeen items of §2, in order', () => {
      expect(protocol.items.map((i) => i.key)).toEqual(
        REFERENCE_ITEMS.map(([key]) => key),
      );
    });

    it.each(REFERENCE_ITEMS)(
      '%s is a %s that establishes %j and supports %j',
      (key, kind, establishes, supports) => {
        const entry = item(key);
        expect(entry.kind).toBe(kind);
        expect([...entry.establishes].sort()).toEqual([...establishes].sort());
        expect([...entry.supports].sort()).toEqual([...supports].sort());
      },
    );

    it('makes only the lymph node biopsy conditional, activated by lymphadenopathy', () => {
      expect(
        protocol.items.filter((i) => !i.required).map((i) => i.key),
      ).toEqual(['lymph_node_biopsy']);
      expect(item('lymph_node_biopsy').activatedBySign).toBe('lymphadenopathy');
      expect(
        protocol.items
          .filter((i) => i.activatedBySign !== undefined)
          .map((i) => i.key),
      ).toEqual(['lymph_node_biopsy']);
    });

    it('never lets an item both establish and support the same criterion', () => {
      for (const entry of protocol.items) {
        expect(
          entry.establishes.filter((c) => entry.supports.includes(c)),
        ).toEqual([]);
      }
    });

    it('lets an item of the catalog establish every criterion', () => {
      for (const criterion of CRITERION_KEYS) {
        expect(
          protocol.items.some((i) => i.establishes.includes(criterion)),
        ).toBe(true);
      }
    });

    it('establishes the clone only by immunofixation or marrow (SPEP and FLC support only)', () => {
      const establishing = protocol.items
        .filter((i) =>
          i.establishes.includes('monoclonal_plasma_cell_disorder'),
        )
        .map((i) => i.key);
      const supporting = protocol.items
        .filter((i) => i.supports.includes('monoclonal_plasma_cell_disorder'))
        .map((i) => i.key);
      expect(establishing.sort()).toEqual([
        'bone_marrow_biopsy',
        'serum_ife',
        'urine_ife',
      ]);
      expect(supporting.sort()).toEqual(['serum_flc', 'spep']);
    });

    it('names the other signs the echocardiogram and PFTs show', () => {
      expect(item('echocardiogram').otherSigns).toContain(
        'pulmonary_hypertension',
      );
      expect(item('pft').otherSigns).toContain('restrictive_lung_disease');
      for (const entry of protocol.items) {
        for (const sign of entry.otherSigns) {
          expect(OTHER_SIGNS).toContain(sign);
        }
      }
    });

    it('records the VEGF specimen and confounders, and nothing from an unrelated item', () => {
      expect(item('vegf').resultFields).toEqual(
        expect.arrayContaining(['specimen', 'confounders']),
      );
      expect(
        protocol.items
          .filter((i) => i.resultFields.includes('specimen'))
          .map((i) => i.key),
      ).toEqual(['vegf']);
      expect(item('vegf').inference).toEqual(['vegf_by_specimen']);
    });

    it('records chains on immunofixation and marrow, axes on the endocrine panel, lesions on skeletal imaging', () => {
      const withField = (field: string) =>
        protocol.items
          .filter((i) => (i.resultFields as readonly string[]).includes(field))
          .map((i) => i.key);
      expect(withField('chains').sort()).toEqual([
        'bone_marrow_biopsy',
        'serum_ife',
        'urine_ife',
      ]);
      expect(withField('axes')).toEqual(['endocrine_panel']);
      expect(withField('lesions')).toEqual(['bone_imaging']);
      expect(withField('modality').sort()).toEqual([
        'body_imaging',
        'bone_imaging',
      ]);
    });
  });

  describe('codes', () => {
    it.each(protocol.items.map((i) => i.key))(
      '%s carries exactly the codes of the reference',
      (key) => {
        const codes = item(key).codes.map((c): [string, string] => [
          c.system,
          c.code,
        ]);
        const expected = REFERENCE_CODES[key] ?? [];
        expect([...codes].sort()).toEqual([...expected].sort());
      },
    );

    it('names 33358-3 for what LOINC says it is: the M-spike measure, not the electrophoresis panel', () => {
      const spep = item('spep').codes.find((c) => c.code === '33358-3');
      expect(spep?.display).toMatch(/^Protein\.monoclonal \[Mass\/volume\].*Electrophoresis$/);
    });

    it('gives every code a display and no duplicates', () => {
      for (const entry of protocol.items) {
        const keys = entry.codes.map((c) => `${c.system}|${c.code}`);
        expect(new Set(keys).size).toBe(keys.length);
        entry.codes.forEach((c) => expect(c.display.length).toBeGreaterThan(0));
      }
    });

    it('codes the condition as ORPHA:2905 and OMIM 192240 only (ICD-10-CM and SNOMED not verified)', () => {
      expect(protocol.conditionCodes.map((c) => c.code).sort()).toEqual([
        '192240',
        'ORPHA:2905',
      ]);
    });
  });

  describe('thresholds (§3)', () => {
    it('infers plasma VEGF from 200 pg/mL and defaults the platelet ULN to 450 × 10⁹/L', () => {
      expect(protocol.thresholds.vegfPlasmaPgPerMl).toBe(200);
      expect(protocol.thresholds.plateletUln).toBe(450);
    });

    it('has sex-specific hemoglobin and hematocrit defaults, higher for men', () => {
      const { hemoglobinUln, hematocritUln } = protocol.thresholds;
      expect(hemoglobinUln.male).toBeGreaterThan(hemoglobinUln.female);
      expect(hematocritUln.male).toBeGreaterThan(hematocritUln.female);
      expect(hemoglobinUln).toEqual({ male: 16.6, female: 15.0 });
      expect(hematocritUln).toEqual({ male: 48.6, female: 44.9 });
    });

    it('uses the Katzmann κ/λ ratio interval 0.26–1.65', () => {
      expect(protocol.thresholds.flcRatio).toEqual({ low: 0.26, high: 1.65 });
    });

    it('hard-codes no serum VEGF cut-off', () => {
      expect(
        Object.keys(protocol.thresholds).filter((k) => /serum/i.test(k)),
      ).toEqual([]);
      expect(JSON.stringify(protocol.thresholds)).not.toContain('1920');
    });
  });

  describe('sources', () => {
    const references = protocol.sources.map((s) => s.reference ?? '');
    const labels = protocol.sources.map((s) => s.label).join('\n');

    it('cites Blood 2012 Table 1 and the three Am J Hematol updates', () => {
      expect(references).toEqual(
        expect.arrayContaining([
          'https://pmc.ncbi.nlm.nih.gov/articles/PMC3425020/',
          'https://doi.org/10.1002/ajh.25495',
          'https://doi.org/10.1002/ajh.26240',
          'https://doi.org/10.1002/ajh.27081',
        ]),
      );
    });

    it("cites D'Souza 2011 for the VEGF cut-off and Gandhi 2007 for endocrinopathy", () => {
      expect(labels).toMatch(/D'Souza.*Blood 2011;118:4663/);
      expect(labels).toMatch(/Gandhi.*Mayo Clin Proc 2007;82:836/);
    });
  });
});
