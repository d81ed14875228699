import { isUcum } from './ucum';
import { CLINIC_LAB_PROFILE, kappaLambdaRatio } from './lab-profile';

describe('clinic laboratory profile', () => {
  it('holds UCUM units and ordered limits, each with its source', () => {
    for (const [code, entry] of Object.entries(CLINIC_LAB_PROFILE)) {
      expect([code, isUcum(entry.unit)]).toEqual([code, true]);
      expect(entry.source.length).toBeGreaterThan(10);
      if (entry.low !== undefined && entry.high !== undefined) {
        expect(entry.low).toBeLessThan(entry.high);
      }
    }
  });
});

describe('κ/λ ratio', () => {
  it('divides κ by λ, to two decimals', () => {
    expect(kappaLambdaRatio(12.1, 48.4)).toBe(0.25);
    expect(kappaLambdaRatio(310, 12.4)).toBe(25);
    expect(kappaLambdaRatio(10, 3)).toBe(3.33);
  });

  it('gives no ratio without both values or with λ at zero', () => {
    expect(kappaLambdaRatio(null, 10)).toBeUndefined();
    expect(kappaLambdaRatio(10, undefined)).toBeUndefined();
    expect(kappaLambdaRatio(10, 0)).toBeUndefined();
    expect(kappaLambdaRatio(-1, 10)).toBeUndefined();
  });
});
