import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  cbcResult,
  endocrinePanel,
  flcRatio,
  monoclonalProtein,
  noMonoclonalProtein,
  plasmaVegf,
  serumVegf,
  signs,
} from '../../../testing/results.fixtures';
import { WorkupBuilder } from '../../../testing/workup.builder';
import { POEMS_DISPENZIERI_V2 } from '../../protocol/poems-dispenzieri.v2';

/**
 * Domain reference §5: every criterion's explanation names the value and the limit that decided
 * it, who asserted a read and when, and never calls a finding "absent" when an abnormality was
 * found that does not count; an assertion that contradicts a rule says so.
 */
describe('explanations cite the deciding value and limit for every criterion', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const read = { by: 'Dr Hale', at: '2026-03-09T10:15:00.000Z' };
  const explain = (builder: WorkupBuilder, criterion: string) =>
    criterionOf(builder.evaluate(), criterion as never).explanation;
  const opened = () => WorkupBuilder.opened({ sex: 'male' });

  it('polyneuropathy: the read, who asserted it and when', () => {
    const met = opened().result(
      'emg_ncs',
      { findings: [{ criterion: 'polyneuropathy', value: 'present' }] },
      'resulted',
      read,
    );
    expect(explain(met, 'polyneuropathy')).toBe(
      'Met by nerve conduction studies / EMG: asserted present by Dr Hale at 2026-03-09 10:15 UTC.',
    );
  });

  it('monoclonal plasma cell disorder: the clone shown, or each negative test', () => {
    expect(
      explain(
        opened().result('serum_ife', monoclonalProtein('IgA', 'lambda')),
        'monoclonal_plasma_cell_disorder',
      ),
    ).toBe(
      'Met by serum immunofixation: monoclonal protein IgA λ on immunofixation.',
    );
    const negative = opened()
      .result('serum_ife', noMonoclonalProtein)
      .result('urine_ife', noMonoclonalProtein)
      .result('serum_flc', flcRatio(2.4))
      .result('bone_marrow_biopsy', {
        findings: [
          { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
        ],
      });
    expect(explain(negative, 'monoclonal_plasma_cell_disorder')).toBe(
      'Not met: serum immunofixation: no monoclonal protein on immunofixation; urine immunofixation: no monoclonal protein on immunofixation; bone marrow biopsy: asserted absent.',
    );
  });

  it('monoclonal (v2): a lesion biopsy that shows the clone', () => {
    const lesion = WorkupBuilder.opened({ protocol: POEMS_DISPENZIERI_V2 })
      .activate('lesion_biopsy')
      .result('lesion_biopsy', { lightChain: 'lambda' });
    expect(explain(lesion, 'monoclonal_plasma_cell_disorder')).toBe(
      'Met by lesion biopsy: clonal λ-restricted plasma cells.',
    );
  });

  it('VEGF: plasma against the 200 pg/mL criterion, serum against the laboratory limit', () => {
    expect(
      explain(opened().result('vegf', plasmaVegf(640)), 'vegf_elevation'),
    ).toBe('Met by VEGF: plasma VEGF 640 pg/mL ≥ 200 pg/mL.');
    expect(
      explain(opened().result('vegf', serumVegf(1200, 1000)), 'vegf_elevation'),
    ).toBe(
      "Met by VEGF: serum VEGF 1200 pg/mL above the laboratory's upper limit 1000 pg/mL.",
    );
    const flaggedHigh = opened().result('vegf', {
      specimen: 'plasma',
      values: [
        { code: '75628-8', name: 'VEGF', value: 150, unit: 'pg/mL', high: 115 },
      ],
    });
    expect(explain(flaggedHigh.closeRemaining(), 'vegf_elevation')).toBe(
      'Not met: VEGF: plasma VEGF 150 pg/mL: flagged high by the laboratory, below the 200 pg/mL criterion.',
    );
  });

  it('thrombocytosis / polycythemia: the count and the upper limit', () => {
    const high = opened().result('cbc', {
      values: [
        {
          code: '777-3',
          name: 'Platelets',
          value: 612,
          unit: '10*9/L',
          high: 450,
        },
      ],
    });
    expect(explain(high, 'thrombocytosis_polycythemia')).toBe(
      "Met by complete blood count: platelets 612 ×10⁹/L above the laboratory's upper limit 450 ×10⁹/L.",
    );
    expect(
      explain(
        opened().result('cbc', cbcResult()),
        'thrombocytosis_polycythemia',
      ),
    ).toMatch(
      /^Not met: complete blood count: platelets 250 ×10⁹\/L within the default upper limit 450 ×10⁹\/L; hemoglobin 14.5 g\/dL within/,
    );
  });

  it('sclerotic bone lesions: what imaging showed, lytic lesions named rather than "absent"', () => {
    expect(
      explain(
        opened().result('bone_imaging', { lesions: 'mixed' }),
        'sclerotic_bone_lesions',
      ),
    ).toBe('Met by skeletal imaging: mixed bone lesions.');
    const lytic = explain(
      opened().result('bone_imaging', { lesions: 'lytic' }),
      'sclerotic_bone_lesions',
    );
    expect(lytic).toBe(
      'Not met: skeletal imaging: purely lytic lesions (not sclerotic).',
    );
    expect(lytic).not.toContain('absent');
  });

  it('endocrinopathy: the abnormal axis, and a thyroid abnormality alone named as not counting', () => {
    expect(
      explain(
        opened().result('endocrine_panel', endocrinePanel(['adrenal'])),
        'endocrinopathy',
      ),
    ).toBe('Met by endocrine panel: abnormal adrenal axis.');
    const thyroid = explain(
      opened().result('endocrine_panel', endocrinePanel(['thyroid'])),
      'endocrinopathy',
    );
    expect(thyroid).toBe(
      'Not met: endocrine panel: a thyroid abnormality alone does not meet the criterion.',
    );
    expect(thyroid).not.toContain('found it absent');
  });

  it('skin changes, organomegaly, volume overload: the signs recorded', () => {
    const exam = opened()
      .result('physical_exam', signs('hyperpigmentation', 'edema'))
      .result('body_imaging', signs('splenomegaly'));
    expect(explain(exam, 'skin_changes')).toBe(
      'Met by physical examination: hyperpigmentation.',
    );
    expect(explain(exam, 'organomegaly')).toBe(
      'Met by body imaging: splenomegaly.',
    );
    expect(explain(exam, 'extravascular_volume_overload')).toBe(
      'Met by physical examination: edema.',
    );
  });

  it('papilledema: the fundoscopy read, or who cancelled it and why', () => {
    expect(
      explain(
        opened().result(
          'fundoscopy',
          { findings: [{ criterion: 'papilledema', value: 'absent' }] },
          'resulted',
          read,
        ),
        'papilledema',
      ),
    ).toBe(
      'Not met: fundoscopy: asserted absent by Dr Hale at 2026-03-09 10:15 UTC.',
    );
    expect(
      explain(
        opened().close(
          'fundoscopy',
          'cancelled',
          'patient declined',
          'Dr Hale',
        ),
        'papilledema',
      ),
    ).toBe('Not assessed: fundoscopy cancelled by Dr Hale (patient declined).');
  });

  it('Castleman disease: the node histology, or who marked the biopsy not indicated and why', () => {
    const biopsy = opened()
      .activate('lymph_node_biopsy')
      .result(
        'lymph_node_biopsy',
        { findings: [{ criterion: 'castleman_disease', value: 'present' }] },
        'resulted',
        read,
      );
    expect(explain(biopsy, 'castleman_disease')).toBe(
      'Met by lymph node biopsy: asserted present by Dr Hale at 2026-03-09 10:15 UTC.',
    );
    const ruledOut = opened().close(
      'lymph_node_biopsy',
      'not_indicated',
      'no nodes on CT',
      'Dr Hale',
    );
    expect(explain(ruledOut, 'castleman_disease')).toContain(
      'lymph node biopsy marked not indicated by Dr Hale (no nodes on CT)',
    );
  });

  it('an assertion that contradicts a rule names the rule, its reading, who asserted and when', () => {
    const contradicted = opened().result(
      'endocrine_panel',
      {
        ...endocrinePanel(['thyroid']),
        findings: [{ criterion: 'endocrinopathy', value: 'present' }],
      },
      'resulted',
      read,
    );
    expect(explain(contradicted, 'endocrinopathy')).toBe(
      'Met by endocrine panel: asserted present by Dr Hale at 2026-03-09 10:15 UTC, contradicting the endocrine axes (diabetes or a thyroid abnormality alone does not count) rule, which inferred absent (a thyroid abnormality alone does not meet the criterion).',
    );
  });

  it('an assertion agreeing with the rule is not called a contradiction', () => {
    const agreeing = opened().result(
      'vegf',
      {
        ...plasmaVegf(640),
        findings: [{ criterion: 'vegf_elevation', value: 'present' }],
      },
      'resulted',
      read,
    );
    expect(explain(agreeing, 'vegf_elevation')).toBe(
      'Met by VEGF: asserted present by Dr Hale at 2026-03-09 10:15 UTC.',
    );
  });
});
