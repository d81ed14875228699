import { aValue, runRule } from '../../testing/inference.fixtures';
import type { Sex } from '../patient/patient';
import { normaliseResult, type QuantityValue } from '../workup/result';
import { inferCbc } from './cbc.rule';

const platelets = (
  value: number,
  more: Partial<QuantityValue> = {},
): QuantityValue =>
  aValue({ code: '777-3', name: 'Platelets', value, unit: '10*9/L', ...more });
const hemoglobin = (
  value: number,
  more: Partial<QuantityValue> = {},
): QuantityValue =>
  aValue({ code: '718-7', name: 'Hemoglobin', value, unit: 'g/dL', ...more });
const hematocrit = (
  value: number,
  more: Partial<QuantityValue> = {},
): QuantityValue =>
  aValue({ code: '4544-3', name: 'Hematocrit', value, unit: '%', ...more });

const infer = (values: QuantityValue[], sex: Sex = 'male') =>
  runRule(inferCbc, 'cbc', { values }, sex);
const valueOf = (values: QuantityValue[], sex: Sex = 'male') => {
  const findings = infer(values, sex);
  expect(findings).toHaveLength(1);
  expect(findings[0].criterion).toBe('thrombocytosis_polycythemia');
  return findings[0].value;
};

describe('CBC rule: thrombocytosis / polycythemia (domain reference §3)', () => {
  describe('platelets', () => {
    it('infers present above the laboratory ULN, even below the default 450', () => {
      expect(infer([platelets(420, { high: 400 })])).toEqual([
        expect.objectContaining({
          value: 'present',
          source: 'inferred',
          basis:
            "platelets 420 ×10⁹/L above the laboratory's upper limit 400 ×10⁹/L",
        }),
      ]);
    });

    it("infers absent within the laboratory ULN, even above the default 450 (the lab's limit wins)", () => {
      expect(valueOf([platelets(480, { high: 500 })])).toBe('absent');
    });

    it('uses the default 450 × 10⁹/L when the laboratory sends no limit', () => {
      expect(valueOf([platelets(451)])).toBe('present');
      expect(valueOf([platelets(450)])).toBe('absent');
      expect(infer([platelets(451)])[0].basis).toContain(
        'default upper limit 450',
      );
    });

    it("reads the laboratory's high flag when it sends no limit, before the default", () => {
      expect(valueOf([platelets(430, { interpretation: 'H' })])).toBe(
        'present',
      );
      expect(valueOf([platelets(520, { interpretation: 'N' })])).toBe('absent');
    });

    it.each([
      ['/uL', 500_000, 'present'],
      ['/uL', 400_000, 'absent'],
      ['/mm3', 460_000, 'present'],
      ['10^9/L', 460, 'present'],
      ['x10E9/L', 440, 'absent'],
      ['G/L', 460, 'present'],
      ['/nL', 460, 'present'],
      ['10*3/uL', 460, 'present'],
      ['10^3/µL', 460, 'present'],
      ['10^3/μL', 440, 'absent'],
      ['K/uL', 460, 'present'],
      [' 10*9 / L ', 460, 'present'],
    ] as const)(
      'converts %s: %d → %s against the default',
      (unit, value, expected) => {
        expect(valueOf([platelets(value, { unit })])).toBe(expected);
      },
    );

    it('is indeterminate for a unit it cannot convert and no laboratory limit', () => {
      expect(valueOf([platelets(900, { unit: 'cells' })])).toBe(
        'indeterminate',
      );
    });

    it('judges an unconvertible unit by the laboratory limit when there is one', () => {
      expect(valueOf([platelets(900, { unit: 'cells', high: 450 })])).toBe(
        'present',
      );
    });

    it('does not depend on sex', () => {
      for (const sex of ['female', 'male', 'other', 'unknown'] as const) {
        expect(valueOf([platelets(500)], sex)).toBe('present');
      }
    });

    it('applies the default when a recorded range has only a lower limit', () => {
      const recorded = normaliseResult({
        values: [platelets(900, { low: 150 })],
      });
      expect(runRule(inferCbc, 'cbc', recorded)[0].value).toBe('present');
    });
  });

  describe('hemoglobin: sex-specific defaults (male 16.6, female 15.0 g/dL)', () => {
    it.each([
      ['male', 16.7, 'present'],
      ['male', 16.6, 'absent'],
      ['male', 15.5, 'absent'],
      ['female', 15.1, 'present'],
      ['female', 15.0, 'absent'],
      ['female', 14.0, 'absent'],
    ] as const)('%s %d g/dL → %s', (sex, value, expected) => {
      expect(valueOf([hemoglobin(value)], sex)).toBe(expected);
    });

    it('applies the female limit to a value that is normal for a man', () => {
      expect(valueOf([hemoglobin(15.5)], 'female')).toBe('present');
      expect(valueOf([hemoglobin(15.5)], 'male')).toBe('absent');
    });

    it.each([
      ['g/L', 170, 'present'],
      ['g/L', 160, 'absent'],
      ['g/l', 170, 'present'],
      ['mmol/L', 10.6, 'present'], // 17.08 g/dL
      ['mmol/L', 10.0, 'absent'], // 16.11 g/dL
      ['g/dl', 17, 'present'],
    ] as const)('converts %s: %d → %s for a man', (unit, value, expected) => {
      expect(valueOf([hemoglobin(value, { unit })])).toBe(expected);
    });

    it.each(['unknown', 'other'] as const)(
      'is indeterminate for sex %s without a laboratory limit',
      (sex) => {
        expect(infer([hemoglobin(19)], sex)).toEqual([
          expect.objectContaining({
            value: 'indeterminate',
            basis: 'hemoglobin cannot be compared with a default upper limit',
          }),
        ]);
      },
    );

    it.each(['unknown', 'other'] as const)(
      'uses the laboratory limit for sex %s',
      (sex) => {
        expect(valueOf([hemoglobin(17, { high: 16 })], sex)).toBe('present');
        expect(valueOf([hemoglobin(15, { high: 16 })], sex)).toBe('absent');
        expect(valueOf([hemoglobin(15, { interpretation: 'H' })], sex)).toBe(
          'present',
        );
      },
    );

    it('lets the laboratory limit win over the sex default', () => {
      expect(valueOf([hemoglobin(16.0, { high: 15.5 })], 'male')).toBe(
        'present',
      );
      expect(valueOf([hemoglobin(17.0, { high: 17.5 })], 'male')).toBe(
        'absent',
      );
    });
  });

  describe('hematocrit: sex-specific defaults (male 48.6, female 44.9 %)', () => {
    it.each([
      ['male', '%', 50, 'present'],
      ['male', '%', 48.6, 'absent'],
      ['female', '%', 46, 'present'],
      ['female', '%', 44.9, 'absent'],
      ['male', 'L/L', 0.5, 'present'],
      ['male', 'L/L', 0.46, 'absent'],
      ['female', '1', 0.45, 'present'],
    ] as const)('%s %s %d → %s', (sex, unit, value, expected) => {
      expect(valueOf([hematocrit(value, { unit })], sex)).toBe(expected);
    });

    it('is indeterminate for unknown sex without a laboratory limit', () => {
      expect(valueOf([hematocrit(60)], 'unknown')).toBe('indeterminate');
    });
  });

  describe('combining analytes', () => {
    it('is present when any analyte is above, naming only those above', () => {
      const findings = infer([
        platelets(300),
        hemoglobin(17.5),
        hematocrit(45),
      ]);
      expect(findings).toEqual([expect.objectContaining({ value: 'present' })]);
      expect(findings[0].basis).toContain('hemoglobin');
      expect(findings[0].basis).not.toContain('platelets');
    });

    it('is present when platelets are above and hemoglobin cannot be judged', () => {
      expect(valueOf([platelets(600), hemoglobin(17)], 'unknown')).toBe(
        'present',
      );
    });

    it('is indeterminate when none is above and one cannot be judged', () => {
      expect(valueOf([platelets(300), hemoglobin(17)], 'unknown')).toBe(
        'indeterminate',
      );
    });

    it('is absent only when every analyte was judged within its limit', () => {
      const findings = infer([platelets(300), hemoglobin(14), hematocrit(42)]);
      expect(findings).toEqual([expect.objectContaining({ value: 'absent' })]);
      expect(findings[0].basis).toMatch(/platelets.*hemoglobin.*hematocrit/);
    });
  });

  describe('which values', () => {
    it('finds analytes by name when codes are missing', () => {
      expect(
        valueOf([aValue({ name: 'PLT', value: 500, unit: '10*9/L' })]),
      ).toBe('present');
      expect(
        valueOf([aValue({ name: 'Haemoglobin', value: 18, unit: 'g/dL' })]),
      ).toBe('present');
      expect(valueOf([aValue({ name: 'Hgb', value: 18, unit: 'g/dL' })])).toBe(
        'present',
      );
      expect(valueOf([aValue({ name: 'Hct', value: 55, unit: '%' })])).toBe(
        'present',
      );
    });

    it('infers nothing from a CBC without platelets, hemoglobin or hematocrit', () => {
      expect(
        infer([aValue({ name: 'WBC', value: 30, unit: '10*9/L' })]),
      ).toEqual([]);
      expect(runRule(inferCbc, 'cbc', {})).toEqual([]);
    });
  });
});
