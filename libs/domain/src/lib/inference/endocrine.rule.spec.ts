import { runRule } from '../../testing/inference.fixtures';
import type { AxisState, EndocrineAxis } from '../workup/result';
import { inferEndocrinopathy } from './endocrine.rule';

type Axes = Partial<Record<EndocrineAxis, AxisState>>;
const ALL_NORMAL: Axes = {
  gonadal: 'normal',
  prolactin: 'normal',
  thyroid: 'normal',
  adrenal: 'normal',
  parathyroid: 'normal',
  glucose: 'normal',
};
const infer = (axes: Axes) => {
  const findings = runRule(inferEndocrinopathy, 'endocrine_panel', { axes });
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({
    criterion: 'endocrinopathy',
    source: 'inferred',
  });
  return findings[0];
};

describe('endocrine rule with the diabetes / thyroid guard (domain reference §1, §4)', () => {
  it.each(['gonadal', 'prolactin', 'adrenal', 'parathyroid'] as const)(
    'an abnormal %s axis alone → present',
    (axis) => {
      expect(infer({ ...ALL_NORMAL, [axis]: 'abnormal' })).toMatchObject({
        value: 'present',
        basis: `abnormal ${axis} axis`,
      });
    },
  );

  it.each(['gonadal', 'prolactin', 'adrenal', 'parathyroid'] as const)(
    'an abnormal %s axis → present even when other qualifying axes were not tested',
    (axis) => {
      expect(infer({ [axis]: 'abnormal' }).value).toBe('present');
    },
  );

  it('a qualifying axis with diabetes and thyroid abnormal → present, naming the qualifying axes', () => {
    expect(
      infer({
        ...ALL_NORMAL,
        glucose: 'abnormal',
        thyroid: 'abnormal',
        gonadal: 'abnormal',
        adrenal: 'abnormal',
      }),
    ).toMatchObject({
      value: 'present',
      basis: 'abnormal gonadal, adrenal axis',
    });
  });

  it('diabetes alone → absent, saying why', () => {
    expect(infer({ ...ALL_NORMAL, glucose: 'abnormal' })).toMatchObject({
      value: 'absent',
      basis: 'diabetes mellitus alone does not meet the criterion',
    });
  });

  it('a thyroid abnormality alone → absent, saying why', () => {
    expect(infer({ ...ALL_NORMAL, thyroid: 'abnormal' })).toMatchObject({
      value: 'absent',
      basis: 'a thyroid abnormality alone does not meet the criterion',
    });
  });

  it('diabetes and thyroid together, nothing else → absent, labelled a conservative reading', () => {
    const finding = infer({
      ...ALL_NORMAL,
      glucose: 'abnormal',
      thyroid: 'abnormal',
    });
    expect(finding.value).toBe('absent');
    expect(finding.basis).toContain('conservative reading');
    expect(finding.basis).toContain('footnote is silent on the pair');
  });

  it('every axis normal → absent', () => {
    expect(infer(ALL_NORMAL)).toMatchObject({
      value: 'absent',
      basis: 'all tested axes normal',
    });
  });

  it('untested qualifying axes and nothing abnormal → indeterminate, naming the untested axes', () => {
    expect(
      infer({ ...ALL_NORMAL, gonadal: 'not_tested', adrenal: 'not_tested' }),
    ).toMatchObject({
      value: 'indeterminate',
      basis: 'gonadal, adrenal not tested',
    });
  });

  it('an axis left out counts as not tested', () => {
    expect(
      infer({ gonadal: 'normal', prolactin: 'normal', adrenal: 'normal' }),
    ).toMatchObject({
      value: 'indeterminate',
      basis: 'parathyroid not tested',
    });
  });

  it('diabetes alone with an untested qualifying axis → indeterminate, keeping the guard in the basis', () => {
    const finding = infer({
      ...ALL_NORMAL,
      glucose: 'abnormal',
      prolactin: 'not_tested',
    });
    expect(finding.value).toBe('indeterminate');
    expect(finding.basis).toBe(
      'diabetes mellitus alone does not meet the criterion; prolactin not tested',
    );
  });

  it('the pair with an untested qualifying axis → indeterminate, keeping the conservative label', () => {
    const finding = infer({
      ...ALL_NORMAL,
      glucose: 'abnormal',
      thyroid: 'abnormal',
      parathyroid: 'not_tested',
    });
    expect(finding.value).toBe('indeterminate');
    expect(finding.basis).toContain('conservative reading');
    expect(finding.basis).toContain('parathyroid not tested');
  });

  it('untested glucose and thyroid do not leave the question open', () => {
    expect(
      infer({ ...ALL_NORMAL, glucose: 'not_tested', thyroid: 'not_tested' })
        .value,
    ).toBe('absent');
  });

  it('infers nothing without axes', () => {
    expect(runRule(inferEndocrinopathy, 'endocrine_panel', {})).toEqual([]);
  });
});
