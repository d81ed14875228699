import { inferenceContext } from '../../testing/inference.fixtures';
import { findingsOfResult } from './infer-findings';

describe('findings of a recorded result', () => {
  it('runs every rule of the item: skeletal imaging reads lesions and signs', () => {
    const findings = findingsOfResult(
      inferenceContext('bone_imaging', {
        lesions: 'mixed',
        signs: ['ascites'],
      }),
    );
    expect(findings.map((f) => [f.criterion, f.value])).toEqual([
      ['sclerotic_bone_lesions', 'present'],
      ['organomegaly', 'absent'],
      ['extravascular_volume_overload', 'present'],
    ]);
  });

  it('keeps assertions next to inferences, both recorded', () => {
    const findings = findingsOfResult(
      inferenceContext('vegf', {
        specimen: 'plasma',
        values: [{ code: '75628-8', name: 'VEGF', value: 150, unit: 'pg/mL' }],
        findings: [{ criterion: 'vegf_elevation', value: 'present' }],
      }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        criterion: 'vegf_elevation',
        value: 'absent',
        source: 'inferred',
      }),
      { criterion: 'vegf_elevation', value: 'present', source: 'asserted' },
    ]);
  });

  it('infers nothing for items without rules: a lymph node biopsy is asserted', () => {
    expect(
      findingsOfResult(
        inferenceContext('lymph_node_biopsy', {
          report: 'hyaline vascular Castleman',
        }),
      ),
    ).toEqual([]);
    expect(
      findingsOfResult(
        inferenceContext('emg_ncs', {
          findings: [{ criterion: 'polyneuropathy', value: 'present' }],
        }),
      ),
    ).toEqual([
      { criterion: 'polyneuropathy', value: 'present', source: 'asserted' },
    ]);
  });

  it('uses the patient’s sex for the CBC defaults', () => {
    const result = {
      values: [
        { code: '718-7', name: 'Hemoglobin', value: 15.5, unit: 'g/dL' },
      ],
    };
    expect(
      findingsOfResult(inferenceContext('cbc', result, 'female'))[0].value,
    ).toBe('present');
    expect(
      findingsOfResult(inferenceContext('cbc', result, 'male'))[0].value,
    ).toBe('absent');
  });
});
