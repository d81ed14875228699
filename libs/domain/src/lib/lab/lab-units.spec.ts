import fc from 'fast-check';
import { labCodeOf } from './lab-codes';
import { hba1cIfccFromNgsp, hba1cNgspFromIfcc, unitConversion } from './lab-units';
import { commensurable, convertUcum, ucumCode } from './ucum';

const code = (loinc: string) => {
  const found = labCodeOf(loinc);
  if (!found) {
    throw new Error(`unmapped ${loinc}`);
  }
  return found;
};

const toStored = (loinc: string, value: number, unit: string, ucum = false): number | undefined => {
  const conversion = unitConversion(code(loinc), unit, ucum);
  return conversion.ok ? conversion.toStored(value) : undefined;
};

describe('UCUM units (lab-interface reference §1.2, §4)', () => {
  it('maps the common non-UCUM spellings first', () => {
    expect(ucumCode('K/uL')).toBe('10*3/uL');
    expect(ucumCode('x10E3/uL')).toBe('10*3/uL');
    expect(ucumCode('mIU/mL')).toBe('m[IU]/mL');
    expect(ucumCode('uIU/mL')).toBe('u[IU]/mL');
    expect(ucumCode('mcg/dL')).toBe('ug/dL');
    expect(ucumCode(' pg / mL ')).toBe('pg/mL');
    expect(ucumCode('µg/L')).toBe('ug/L');
  });

  it('refuses what UCUM does not know', () => {
    expect(ucumCode('percent')).toBeUndefined();
    expect(ucumCode('mg/dl/x')).toBeUndefined();
  });

  it('is case-sensitive: a sender that says UCUM is taken at its word', () => {
    // K/uL is valid UCUM for kelvin per microlitre: never a platelet count.
    expect(unitConversion(code('777-3'), 'K/uL', true).ok).toBe(false);
    expect(toStored('777-3', 612, 'K/uL', false)).toBe(612);
  });

  /** Reference §4, each accepted unit → stored unit, with the factor the table gives. */
  const TABLE: readonly [string, string, number, number][] = [
    ['75628-8', 'ng/L', 480, 480],
    ['33358-3', 'g/L', 3, 0.3],
    ['42482-0', 'g/(24.h)', 0.15, 150],
    ['36916-5', 'mg/dL', 1.2, 12],
    ['48378-4', '{ratio}', 0.1, 0.1],
    ['48378-4', '', 0.1, 0.1],
    ['777-3', '10*3/uL', 612, 612],
    ['777-3', '/uL', 612_000, 612],
    ['718-7', 'g/L', 184, 18.4],
    ['59260-0', 'mmol/L', 10, 16.11],
    ['4544-3', 'L/L', 0.551, 55.1],
    ['6690-2', '10*3/uL', 7.2, 7.2],
    ['14913-8', 'nmol/L', 10, 288.4],
    ['14715-7', 'pmol/L', 367.1, 100],
    ['10501-5', '[IU]/L', 3.1, 3.1],
    ['2842-3', 'ug/L', 28.5, 28.5],
    ['3016-3', 'u[IU]/mL', 6.8, 6.8],
    ['14920-3', 'pmol/L', 12.87, 1],
    ['14675-3', 'nmol/L', 275.9, 10],
    ['2141-0', 'ng/L', 30, 30],
    ['14866-8', 'pmol/L', 10, 94.25],
    ['2000-8', 'mmol/L', 2.5, 10.02],
    ['14749-6', 'mmol/L', 10, 180.16],
  ];

  it.each(TABLE)('%s: %s converts to the stored unit and back', (loinc, unit, value, expected) => {
    const stored = toStored(loinc, value, unit);
    // The reference's factors are rounded (÷3.671); UCUM works from the molar mass.
    expect(stored).toBeCloseTo(expected, 1);
    const c = code(loinc);
    const sentAs = ucumCode(unit) ?? unit;
    expect(convertUcum(stored as number, c.unit as string, sentAs, c.molarMass)).toBeCloseTo(value, 6);
  });

  it('refuses a unit that does not fit the LOINC property', () => {
    // Calcium in mmol/L under the mass-concentration code: the sCnc code 2000-8 exists for that.
    expect(unitConversion(code('17861-6'), 'mmol/L')).toMatchObject({ ok: false });
    expect(unitConversion(code('2000-8'), 'mmol/L')).toMatchObject({ ok: true });
    // Prolactin in international units depends on the assay's standard.
    expect(unitConversion(code('2842-3'), 'mIU/L')).toMatchObject({ ok: false });
    expect(unitConversion(code('777-3'), 'g/dL')).toMatchObject({ ok: false });
    expect(unitConversion(code('75628-8'), 'furlong')).toMatchObject({ ok: false });
    expect(unitConversion(code('25700-6'), 'mg/L')).toMatchObject({ ok: false });
  });

  it('never converts between two different arbitrary units', () => {
    expect(convertUcum(1, '[IU]/L', "[arb'U]/L")).toBeUndefined();
    expect(commensurable('m[IU]/mL', '[IU]/L')).toBe(true);
    expect(convertUcum(6.8, 'u[IU]/mL', 'm[IU]/L')).toBe(6.8);
  });

  it('converts HbA1c by the IFCC–NGSP master equation, both ways', () => {
    expect(hba1cNgspFromIfcc(52)).toBeCloseTo(6.908, 3);
    expect(hba1cIfccFromNgsp(6.9)).toBeCloseTo(51.9, 1);
    expect(toStored('59261-8', 52, 'mmol/mol')).toBeCloseTo(6.908, 3);
    expect(toStored('4548-4', 6.9, '%')).toBe(6.9);
    fc.assert(
      fc.property(fc.double({ min: 10, max: 200, noNaN: true }), (ifcc) => {
        expect(hba1cIfccFromNgsp(hba1cNgspFromIfcc(ifcc))).toBeCloseTo(ifcc, 6);
      }),
    );
  });

  it('round-trips every mapped unit through UCUM', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TABLE), fc.double({ min: 0.001, max: 1e6, noNaN: true }), ([loinc, unit], value) => {
        const c = code(loinc);
        const sentAs = ucumCode(unit) ?? unit;
        const there = convertUcum(value, sentAs, c.unit as string, c.molarMass);
        expect(there).toBeDefined();
        expect(convertUcum(there as number, c.unit as string, sentAs, c.molarMass)).toBeCloseTo(value, 3);
      }),
    );
  });
});
