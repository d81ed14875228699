import { aValue, runRule } from '../../testing/inference.fixtures';
import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import { getCatalogItem } from '../protocol/registry';
import { inferFreeLightChainRatio, inferMSpike } from './supporting-labs.rule';

describe('SPEP rule: M-spike (supports only)', () => {
  it('a measurable M-spike → present', () => {
    expect(
      runRule(inferMSpike, 'spep', {
        values: [aValue({ name: 'M-spike', value: 0.3, unit: 'g/dL' })],
      }),
    ).toEqual([
      {
        criterion: 'monoclonal_plasma_cell_disorder',
        value: 'present',
        source: 'inferred',
        basis: 'M-spike 0.3 g/dL',
      },
    ]);
  });

  it('an M-spike of 0 → absent', () => {
    expect(
      runRule(inferMSpike, 'spep', {
        values: [
          aValue({ code: '33358-3', name: 'SPEP', value: 0, unit: 'g/dL' }),
        ],
      }),
    ).toEqual([
      expect.objectContaining({
        value: 'absent',
        basis: 'no measurable M-spike',
      }),
    ]);
  });

  it('finds the value by name (M protein, paraprotein)', () => {
    expect(
      runRule(inferMSpike, 'spep', {
        values: [aValue({ name: 'M protein', value: 0.1, unit: 'g/dL' })],
      })[0].value,
    ).toBe('present');
    expect(
      runRule(inferMSpike, 'spep', {
        values: [aValue({ name: 'Paraprotein', value: 0, unit: 'g/L' })],
      })[0].value,
    ).toBe('absent');
  });

  it('infers nothing without an M-spike value', () => {
    expect(
      runRule(inferMSpike, 'spep', {
        values: [aValue({ name: 'Albumin', value: 3.5, unit: 'g/dL' })],
      }),
    ).toEqual([]);
    expect(runRule(inferMSpike, 'spep', {})).toEqual([]);
  });

  it('is only a supporting rule: SPEP covers the clone as support, never establishment', () => {
    const item = getCatalogItem(POEMS_DISPENZIERI_V1, 'spep');
    expect(item.establishes).toEqual([]);
    expect(item.supports).toEqual(['monoclonal_plasma_cell_disorder']);
  });
});

describe('free light chain rule: κ/λ ratio (supports only)', () => {
  const ratio = (value: number, more = {}) =>
    aValue({
      code: '48378-4',
      name: 'kappa/lambda ratio',
      value,
      unit: '1',
      ...more,
    });
  const valueOf = (value: number, more = {}) =>
    runRule(inferFreeLightChainRatio, 'serum_flc', {
      values: [ratio(value, more)],
    })[0]?.value;

  it('a ratio below 0.26 (λ excess) → present', () => {
    expect(
      runRule(inferFreeLightChainRatio, 'serum_flc', { values: [ratio(0.1)] }),
    ).toEqual([
      {
        criterion: 'monoclonal_plasma_cell_disorder',
        value: 'present',
        source: 'inferred',
        basis: 'κ/λ ratio 0.1 outside 0.26–1.65',
      },
    ]);
  });

  it('a ratio above 1.65 (κ excess) → present', () => {
    expect(valueOf(2.4)).toBe('present');
  });

  it('the interval bounds themselves are within → absent', () => {
    expect(valueOf(0.26)).toBe('absent');
    expect(valueOf(1.65)).toBe('absent');
    expect(valueOf(1)).toBe('absent');
  });

  it("uses the laboratory's own interval when sent (e.g. the renal interval 0.37–3.1)", () => {
    expect(valueOf(2.4, { low: 0.37, high: 3.1 })).toBe('absent');
    expect(valueOf(0.3, { low: 0.37, high: 3.1 })).toBe('present');
  });

  it('finds the ratio by name, ignoring the single chains', () => {
    const findings = runRule(inferFreeLightChainRatio, 'serum_flc', {
      values: [
        aValue({
          code: '36916-5',
          name: 'Free kappa',
          value: 20,
          unit: 'mg/L',
        }),
        aValue({
          code: '33944-0',
          name: 'Free lambda',
          value: 200,
          unit: 'mg/L',
        }),
        aValue({ name: 'FLC Ratio', value: 0.1, unit: '1' }),
      ],
    });
    expect(findings).toEqual([expect.objectContaining({ value: 'present' })]);
  });

  it('infers nothing without a ratio', () => {
    expect(
      runRule(inferFreeLightChainRatio, 'serum_flc', {
        values: [aValue({ name: 'Free kappa', value: 20, unit: 'mg/L' })],
      }),
    ).toEqual([]);
  });
});
