import { displayQuantity, displayUnit } from './unit-display';

describe('UCUM units as people read them', () => {
  it.each([
    ['10*9/L', '×10⁹/L'],
    ['10*3/uL', '×10³/µL'],
    ['10^12/L', '×10¹²/L'],
    ['m[IU]/L', 'mIU/L'],
    ['[IU]/L', 'IU/L'],
    ['u[IU]/mL', 'µIU/mL'],
    ['ug/dL', 'µg/dL'],
    ['umol/L', 'µmol/L'],
    ['pg/mL', 'pg/mL'],
    ['g/dL', 'g/dL'],
    ['mg/L', 'mg/L'],
    ['%', '%'],
    ['Cel', '°C'],
    ['mm[Hg]', 'mmHg'],
    ['mL/min/{1.73_m2}', 'mL/min/1.73 m2'],
    ['{cells}/uL', 'cells/µL'],
    ['m2', 'm²'],
    ['mg.h/L', 'mg·h/L'],
    ['mm/h', 'mm/h'],
    ['fL', 'fL'],
  ])('%s → %s', (ucum, shown) => {
    expect(displayUnit(ucum)).toBe(shown);
  });

  it('shows a dimensionless unit (a ratio) as no unit at all', () => {
    expect(displayUnit('1')).toBe('');
    expect(displayUnit('{ratio}')).toBe('');
    expect(displayUnit('')).toBe('');
    expect(displayUnit(null)).toBe('');
  });

  it('writes a value with its unit, and a ratio bare', () => {
    expect(displayQuantity(310, '10*9/L')).toBe('310 ×10⁹/L');
    expect(displayQuantity(2.41, '1')).toBe('2.41');
    expect(displayQuantity(450, 'pg/mL')).toBe('450 pg/mL');
  });
});
