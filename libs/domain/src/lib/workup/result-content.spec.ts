import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import { getCatalogItem } from '../protocol/registry';
import type { ResultInput } from './result';
import {
  establishesThroughRead,
  validateResultContent,
} from './result-content';

const protocol = POEMS_DISPENZIERI_V1;
const check = (key: string, result: ResultInput) =>
  validateResultContent(
    getCatalogItem(protocol, key),
    result,
    protocol.thresholds,
  );

describe('a result must carry content', () => {
  it.each(protocol.items.map((i) => i.key))(
    'refuses an empty result on %s, naming what is missing',
    (key) => {
      for (const empty of [
        {},
        { values: [] },
        { report: '   ' },
        { findings: [] },
      ] as ResultInput[]) {
        expect(check(key, empty)).toEqual([
          {
            field: 'result',
            message:
              'a result must carry content: values, a report, an item-specific field or a finding.',
          },
        ]);
      }
    },
  );

  it('accepts a laboratory result with a report or values only', () => {
    expect(check('cbc', { report: 'Film reviewed, no comment.' })).toEqual([]);
    expect(
      check('spep', {
        values: [{ name: 'M-spike', value: 0.4, unit: 'g/dL' }],
      }),
    ).toEqual([]);
    expect(check('serum_ife', { heavyChain: 'none' })).toEqual([]);
  });

  it('accepts a supporting-only study with a report', () => {
    expect(check('echocardiogram', { report: 'Normal.' })).toEqual([]);
  });
});

describe('a read must state its finding for each criterion it establishes', () => {
  it('knows which items establish through a read', () => {
    expect(
      protocol.items.filter(establishesThroughRead).map((i) => i.key),
    ).toEqual([
      'emg_ncs',
      'bone_marrow_biopsy',
      'bone_imaging',
      'body_imaging',
      'physical_exam',
      'fundoscopy',
      'lymph_node_biopsy',
    ]);
  });

  it('refuses an EMG with only a report: polyneuropathy must be stated', () => {
    expect(check('emg_ncs', { report: 'See scanned report.' })).toEqual([
      {
        field: 'findings.polyneuropathy',
        message:
          'state the finding for polyneuropathy (present, absent or indeterminate): nerve conduction studies / EMG establishes it only through its read.',
      },
    ]);
  });

  it.each(['present', 'absent', 'indeterminate'] as const)(
    'accepts an EMG whose finding is %s',
    (value) => {
      expect(
        check('emg_ncs', {
          findings: [{ criterion: 'polyneuropathy', value }],
        }),
      ).toEqual([]);
    },
  );

  it('accepts findings a rule infers from the structured fields', () => {
    expect(check('bone_imaging', { lesions: 'none' })).toEqual([]);
    expect(check('body_imaging', { signs: [] })).toEqual([]);
    expect(check('physical_exam', { signs: ['edema'] })).toEqual([]);
    expect(check('fundoscopy', { signs: [] })).toEqual([]);
    expect(check('bone_marrow_biopsy', { lightChain: 'lambda' })).toEqual([]);
  });

  it('names each criterion still unstated when the structured fields infer none of them', () => {
    expect(
      check('body_imaging', { modality: 'ct_chest_abdomen_pelvis' }).map(
        (e) => e.message.split(' (')[0],
      ),
    ).toEqual([
      'state the finding for organomegaly',
      'state the finding for extravascular_volume_overload',
    ]);
  });

  it('refuses a marrow without a light chain or a stated finding: a negative marrow is a judgement of the read', () => {
    expect(
      check('bone_marrow_biopsy', { report: 'Normocellular.' }),
    ).toHaveLength(1);
    expect(
      check('bone_marrow_biopsy', {
        report: 'Normocellular.',
        findings: [
          { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
        ],
      }),
    ).toEqual([]);
  });
});
