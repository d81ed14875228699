import {
  hematocritInPercent,
  hemoglobinInGPerDl,
  isVegfUnit,
  plateletsIn10e9PerL,
} from './units';

describe('unit conversions', () => {
  it('accepts pg/mL and ng/L for VEGF and nothing else', () => {
    for (const unit of ['pg/mL', 'pg/ml', 'ng/L', 'ng/l', ' pg / mL ']) {
      expect(isVegfUnit(unit)).toBe(true);
    }
    for (const unit of ['ng/mL', 'pg/L', 'ug/L', '', 'pmol/L']) {
      expect(isVegfUnit(unit)).toBe(false);
    }
  });

  it('converts platelet counts to 10⁹/L', () => {
    expect(plateletsIn10e9PerL(250_000, '/uL')).toBeCloseTo(250);
    expect(plateletsIn10e9PerL(250, 'K/uL')).toBe(250);
    expect(plateletsIn10e9PerL(250, 'µL')).toBeUndefined();
  });

  it('converts hemoglobin to g/dL', () => {
    expect(hemoglobinInGPerDl(150, 'g/L')).toBeCloseTo(15);
    expect(hemoglobinInGPerDl(10, 'mmol/L')).toBeCloseTo(16.11);
    expect(hemoglobinInGPerDl(15, 'mg/dL')).toBeUndefined();
  });

  it('converts hematocrit to %', () => {
    expect(hematocritInPercent(0.42, 'L/L')).toBeCloseTo(42);
    expect(hematocritInPercent(42, '%')).toBe(42);
    expect(hematocritInPercent(42, 'percent')).toBeUndefined();
  });
});
