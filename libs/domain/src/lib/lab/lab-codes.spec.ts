import { PROTOCOLS } from '../protocol/registry';
import { isLoinc, LAB_CODES, labCodeOf, PROPERTY_UNITS } from './lab-codes';
import { isUcum } from './ucum';

describe('the LOINC map of inbound results', () => {
  const protocolLoincs = PROTOCOLS.flatMap((protocol) =>
    protocol.items.flatMap((item) =>
      item.codes.filter((c) => c.system === 'http://loinc.org').map((c) => [protocol.version, item.key, c.code] as const),
    ),
  );

  it.each(protocolLoincs)('maps every LOINC of protocol v%s: %s %s', (_version, itemKey, loinc) => {
    expect(labCodeOf(loinc)?.itemKey).toBe(itemKey);
  });

  it.each(LAB_CODES.map((c) => [c.loinc, c.itemKey] as const))('%s names an item of every protocol version: %s', (_loinc, itemKey) => {
    for (const protocol of PROTOCOLS) {
      expect(protocol.items.map((i) => i.key)).toContain(itemKey);
    }
  });

  it('holds only codes whose LOINC check digit is right', () => {
    for (const code of LAB_CODES) {
      expect(isLoinc(code.loinc)).toBe(true);
    }
    expect(isLoinc('33944-8')).toBe(false);
    expect(isLoinc('777-4')).toBe(false);
    expect(isLoinc('PLT')).toBe(false);
  });

  it('holds each code once', () => {
    expect(new Set(LAB_CODES.map((c) => c.loinc)).size).toBe(LAB_CODES.length);
  });

  it('stores every quantity in a UCUM unit that fits its property (molar codes through their molar mass)', () => {
    for (const code of LAB_CODES) {
      if (code.property === 'coded') {
        expect(code.unit).toBeUndefined();
        continue;
      }
      expect(code.unit !== undefined && isUcum(code.unit)).toBe(true);
      expect(isUcum(PROPERTY_UNITS[code.property])).toBe(true);
      if (code.property === 'SCnc' && code.unit !== undefined && !/mol/.test(code.unit)) {
        expect(code.molarMass).toBeGreaterThan(0);
      }
    }
  });

  it('gives every endocrine panel code an axis and no other item one', () => {
    for (const code of LAB_CODES) {
      expect(code.axis !== undefined).toBe(code.itemKey === 'endocrine_panel');
    }
  });

  it('knows the codes the reference warns about as wrong', () => {
    expect(labCodeOf('33944-8')).toBeUndefined();
    expect(labCodeOf('40844-3')).toBeUndefined();
    expect(labCodeOf('34366-5')).toBeUndefined();
    expect(labCodeOf('33358-3')?.name).toBe('M-protein');
    expect(labCodeOf('13440-3')?.itemKey).toBe('urine_ife');
  });
});
