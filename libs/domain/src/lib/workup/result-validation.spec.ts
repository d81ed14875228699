import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import { getCatalogItem } from '../protocol/registry';
import type { ResultInput } from './result';
import { coveredCriteria, validateResult } from './result-validation';

const validate = (itemKey: string, result: ResultInput) =>
  validateResult(getCatalogItem(POEMS_DISPENZIERI_V1, itemKey), result);
const fields = (itemKey: string, result: ResultInput) =>
  validate(itemKey, result).map((e) => e.field);
const plasmaVegf: ResultInput = {
  specimen: 'plasma',
  values: [
    { code: '75628-8', name: 'VEGF', value: 310, unit: 'pg/mL', high: 115 },
  ],
};

describe('result validation', () => {
  describe('fields an item accepts', () => {
    it.each([
      ['cbc', { specimen: 'plasma' }, 'specimen'],
      ['cbc', { axes: { gonadal: 'abnormal' } }, 'axes'],
      ['cbc', { signs: ['edema'] }, 'signs'],
      ['vegf', { ...plasmaVegf, lightChain: 'lambda' }, 'lightChain'],
      ['vegf', { ...plasmaVegf, heavyChain: 'none' }, 'heavyChain'],
      ['body_imaging', { lesions: 'sclerotic' }, 'lesions'],
      ['physical_exam', { modality: 'pet_ct' }, 'modality'],
      ['spep', { confounders: ['copd'] }, 'confounders'],
      ['lymph_node_biopsy', { signs: ['lymphadenopathy'] }, 'signs'],
      ['endocrine_panel', { lesions: 'none' }, 'lesions'],
    ] as [string, ResultInput, string][])(
      '%s rejects %j',
      (item, result, field) => {
        expect(fields(item, result)).toContain(field);
      },
    );

    it.each([
      ['vegf', { ...plasmaVegf, confounders: ['iron_deficiency'] }],
      ['serum_ife', { heavyChain: 'IgA', lightChain: 'lambda' }],
      ['urine_ife', { heavyChain: 'none' }],
      [
        'bone_marrow_biopsy',
        { lightChain: 'kappa', report: 'clonal plasma cells 8%' },
      ],
      ['endocrine_panel', { axes: { gonadal: 'abnormal', glucose: 'normal' } }],
      [
        'bone_imaging',
        {
          lesions: 'mixed',
          modality: 'low_dose_whole_body_ct',
          signs: ['hepatomegaly'],
        },
      ],
      [
        'body_imaging',
        {
          modality: 'abdominal_ultrasound',
          signs: ['splenomegaly', 'ascites'],
        },
      ],
      ['physical_exam', { signs: ['hyperpigmentation', 'edema', 'clubbing'] }],
      [
        'emg_ncs',
        {
          report: 'demyelinating',
          findings: [{ criterion: 'polyneuropathy', value: 'present' }],
        },
      ],
      [
        'cbc',
        {
          values: [
            {
              name: 'Platelets',
              value: 500,
              unit: '10*9/L',
              low: 150,
              high: 400,
            },
          ],
        },
      ],
    ] as [string, ResultInput][])('%s accepts %j', (item, result) => {
      expect(validate(item, result)).toEqual([]);
    });
  });

  describe('VEGF', () => {
    it('requires the specimen', () => {
      expect(validate('vegf', { values: plasmaVegf.values })).toEqual([
        {
          field: 'specimen',
          message: 'specimen is required for VEGF (plasma or serum).',
        },
      ]);
    });

    it('requires pg/mL or ng/L on every value', () => {
      expect(
        fields('vegf', {
          specimen: 'serum',
          values: [
            { name: 'VEGF', value: 500, unit: 'ng/L' },
            { name: 'VEGF', value: 0.5, unit: 'ng/mL' },
          ],
        }),
      ).toEqual(['values[1].unit']);
    });

    it('does not apply the VEGF rules to other items', () => {
      expect(
        validate('cbc', {
          values: [{ name: 'Platelets', value: 500, unit: '10*9/L' }],
        }),
      ).toEqual([]);
    });
  });

  describe('chains', () => {
    it.each(['IgG', 'IgA', 'IgM'] as const)(
      'a monoclonal %s needs its light chain',
      (heavyChain) => {
        expect(validate('serum_ife', { heavyChain })).toEqual([
          {
            field: 'lightChain',
            message: 'a monoclonal heavy chain needs its light chain.',
          },
        ]);
      },
    );

    it('heavy chain none without light chain is a negative immunofixation', () => {
      expect(validate('serum_ife', { heavyChain: 'none' })).toEqual([]);
    });

    it('a light chain alone is a light-chain-only clone', () => {
      expect(validate('urine_ife', { lightChain: 'lambda' })).toEqual([]);
    });
  });

  describe('reference ranges', () => {
    it('rejects low above high, naming the value', () => {
      expect(
        fields('cbc', {
          values: [
            {
              name: 'Platelets',
              value: 300,
              unit: '10*9/L',
              low: 150,
              high: 450,
            },
            { name: 'Hemoglobin', value: 14, unit: 'g/dL', low: 17, high: 13 },
          ],
        }),
      ).toEqual(['values[1].low']);
    });

    it('accepts low equal to high and one-sided ranges', () => {
      expect(
        validate('cbc', {
          values: [
            { name: 'Hct', value: 40, unit: '%', low: 40, high: 40 },
            { name: 'Hb', value: 14, unit: 'g/dL', low: 12 },
          ],
        }),
      ).toEqual([]);
    });
  });

  describe('asserted findings', () => {
    it('accepts findings for criteria the item establishes or supports', () => {
      expect(
        validate('spep', {
          findings: [
            { criterion: 'monoclonal_plasma_cell_disorder', value: 'present' },
          ],
        }),
      ).toEqual([]);
      expect(
        validate('physical_exam', {
          findings: [
            { criterion: 'skin_changes', value: 'present' },
            { criterion: 'organomegaly', value: 'absent' },
          ],
        }),
      ).toEqual([]);
    });

    it('rejects a finding for a criterion the item does not cover', () => {
      expect(
        validate('fundoscopy', {
          findings: [
            { criterion: 'papilledema', value: 'present' },
            { criterion: 'skin_changes', value: 'present' },
          ],
        }),
      ).toEqual([
        {
          field: 'findings[1].criterion',
          message: 'this item does not cover that criterion.',
        },
      ]);
      expect(
        fields('pft', {
          findings: [
            { criterion: 'extravascular_volume_overload', value: 'present' },
          ],
        }),
      ).toEqual(['findings[0].criterion']);
    });

    it('rejects a second finding for the same criterion', () => {
      expect(
        validate('emg_ncs', {
          findings: [
            { criterion: 'polyneuropathy', value: 'present' },
            { criterion: 'polyneuropathy', value: 'absent' },
          ],
        }),
      ).toEqual([
        {
          field: 'findings[1].criterion',
          message: 'one finding per criterion.',
        },
      ]);
    });
  });

  describe('signs', () => {
    it('rejects a sign of a criterion the item cannot show', () => {
      expect(
        validate('fundoscopy', { signs: ['papilledema', 'edema'] }),
      ).toEqual([
        { field: 'signs[1]', message: 'this item cannot show that sign.' },
      ]);
      expect(
        fields('bone_imaging', { signs: ['papilledema', 'hyperpigmentation'] }),
      ).toEqual(['signs[0]', 'signs[1]']);
    });

    it('accepts signs of supported criteria (lymphadenopathy on the physical exam)', () => {
      expect(validate('physical_exam', { signs: ['lymphadenopathy'] })).toEqual(
        [],
      );
    });

    it('accepts any other sign on an item that records signs', () => {
      expect(validate('fundoscopy', { signs: ['weight_loss'] })).toEqual([]);
      expect(
        validate('pft', { signs: ['restrictive_lung_disease', 'clubbing'] }),
      ).toEqual([]);
      expect(
        validate('echocardiogram', {
          signs: ['pulmonary_hypertension', 'pericardial_effusion'],
        }),
      ).toEqual([]);
    });
  });

  it('reports every problem at once', () => {
    expect(
      fields('vegf', {
        values: [{ name: 'VEGF', value: 1, unit: 'ng/mL', low: 5, high: 2 }],
        lesions: 'none',
        findings: [{ criterion: 'papilledema', value: 'present' }],
      }).sort(),
    ).toEqual(
      [
        'findings[0].criterion',
        'lesions',
        'specimen',
        'values[0].low',
        'values[0].unit',
      ].sort(),
    );
  });

  it('covers what an item establishes and supports', () => {
    expect(
      [
        ...coveredCriteria(
          getCatalogItem(POEMS_DISPENZIERI_V1, 'bone_imaging'),
        ),
      ].sort(),
    ).toEqual([
      'extravascular_volume_overload',
      'organomegaly',
      'sclerotic_bone_lesions',
    ]);
  });
});
