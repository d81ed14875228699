import { interpret, normaliseResult, type QuantityValue } from './result';

const value = (
  v: number,
  more: Partial<QuantityValue> = {},
): QuantityValue => ({ name: 'x', value: v, unit: '1', ...more });

describe('interpretation of a quantitative value (L, N, H)', () => {
  it("keeps the laboratory's own flag, even against its range", () => {
    expect(interpret(value(5, { low: 1, high: 10, interpretation: 'H' }))).toBe(
      'H',
    );
  });

  it.each([
    [11, { low: 1, high: 10 }, 'H'],
    [0.5, { low: 1, high: 10 }, 'L'],
    [10, { low: 1, high: 10 }, 'N'],
    [1, { low: 1, high: 10 }, 'N'],
    [4, { high: 10 }, 'N'],
    [11, { high: 10 }, 'H'],
    [0.5, { low: 1 }, 'L'],
    [900, { low: 150 }, undefined],
    [5, {}, undefined],
  ] as const)('%d with %j → %s', (v, range, expected) => {
    expect(interpret(value(v, range))).toBe(expected);
  });

  it('fills in interpretations and leaves values without a range alone', () => {
    const normalised = normaliseResult({
      values: [value(11, { high: 10 }), value(3)],
    });
    expect(normalised.values?.map((v) => v.interpretation)).toEqual([
      'H',
      undefined,
    ]);
    expect(normalised.values?.[1]).not.toHaveProperty('interpretation');
  });

  it('returns a result without values unchanged', () => {
    const result = { lesions: 'none' as const };
    expect(normaliseResult(result)).toBe(result);
  });
});
