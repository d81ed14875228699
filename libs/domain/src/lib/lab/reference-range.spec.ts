import { interpretationOfFlags, parseRange, specimenOfCodes } from './reference-range';

describe('reference ranges as laboratories write them (OBX-7)', () => {
  it.each([
    ['13.5-17.5', { low: 13.5, high: 17.5 }],
    ['-1.0-2.0', { low: -1, high: 2 }],
    ['<96.2', { high: 96.2 }],
    ['<=96.2', { high: 96.2 }],
    ['>0.26', { low: 0.26 }],
    ['>=0.26', { low: 0.26 }],
    [' 150 - 450 ', { low: 150, high: 450 }],
    ['negative', {}],
    ['', {}],
    [undefined, {}],
    ['5-1', {}],
    ['1-2-3', {}],
  ])('%j → %j', (text, expected) => {
    expect(parseRange(text)).toEqual(expected);
  });
});

describe('abnormal flags (HL7 table 0078)', () => {
  it.each([
    [['L'], 'L'],
    [['LL'], 'L'],
    [['H'], 'H'],
    [['HH'], 'H'],
    [['N'], 'N'],
    [['A'], undefined],
    [['<'], undefined],
    [[], undefined],
  ])('%j → %s', (flags, expected) => {
    expect(interpretationOfFlags(flags)).toBe(expected);
  });
});

describe('specimen codes', () => {
  it('reads HL7 tables 0487/0070 and SNOMED CT', () => {
    expect(specimenOfCodes(['PLAS', 'Plasma'])).toBe('plasma');
    expect(specimenOfCodes(['Serum', '119364003'])).toBe('serum');
    expect(specimenOfCodes(['BLD'])).toBe('blood');
    expect(specimenOfCodes(['UR'])).toBe('other');
    expect(specimenOfCodes([''])).toBeUndefined();
    expect(specimenOfCodes([])).toBeUndefined();
  });
});
