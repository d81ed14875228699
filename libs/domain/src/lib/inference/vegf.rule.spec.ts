import { aValue, runRule } from '../../testing/inference.fixtures';
import {
  normaliseResult,
  type QuantityValue,
  type ResultInput,
} from '../workup/result';
import { inferVegf } from './vegf.rule';

const vegf = (
  overrides: Partial<QuantityValue> & Pick<QuantityValue, 'value'>,
): QuantityValue =>
  aValue({ code: '75628-8', name: 'VEGF', unit: 'pg/mL', ...overrides });
const infer = (result: ResultInput) => runRule(inferVegf, 'vegf', result);
const valueOf = (result: ResultInput) => {
  const findings = infer(result);
  expect(findings.length).toBeLessThanOrEqual(1);
  return findings[0]?.value;
};

describe('VEGF rule (domain reference §3)', () => {
  describe('plasma: cut-off 200 pg/mL', () => {
    it('infers present at 310 pg/mL, with the comparison as basis', () => {
      expect(
        infer({ specimen: 'plasma', values: [vegf({ value: 310 })] }),
      ).toEqual([
        {
          criterion: 'vegf_elevation',
          value: 'present',
          source: 'inferred',
          basis: 'plasma VEGF 310 pg/mL ≥ 200 pg/mL',
        },
      ]);
    });

    it('infers present at exactly 200 pg/mL (≥, not >)', () => {
      expect(
        valueOf({ specimen: 'plasma', values: [vegf({ value: 200 })] }),
      ).toBe('present');
    });

    it('infers absent just below the cut-off', () => {
      expect(
        valueOf({ specimen: 'plasma', values: [vegf({ value: 199.9 })] }),
      ).toBe('absent');
      expect(
        infer({ specimen: 'plasma', values: [vegf({ value: 150 })] })[0].basis,
      ).toBe('plasma VEGF 150 pg/mL < 200 pg/mL');
    });

    it('says the laboratory flagged a plasma VEGF high when it is below the criterion, never hiding it', () => {
      expect(
        infer({
          specimen: 'plasma',
          values: [vegf({ value: 150, high: 115 })],
        })[0],
      ).toMatchObject({
        value: 'absent',
        basis:
          'plasma VEGF 150 pg/mL: flagged high by the laboratory, below the 200 pg/mL criterion',
      });
    });

    it('uses the plasma cut-off even when the laboratory sends its own upper limit or flag', () => {
      expect(
        valueOf({
          specimen: 'plasma',
          values: [vegf({ value: 150, high: 100, interpretation: 'H' })],
        }),
      ).toBe('absent');
      expect(
        valueOf({
          specimen: 'plasma',
          values: [vegf({ value: 250, high: 1000, interpretation: 'N' })],
        }),
      ).toBe('present');
    });

    it('accepts ng/L, numerically identical to pg/mL', () => {
      expect(
        valueOf({
          specimen: 'plasma',
          values: [vegf({ value: 200, unit: 'ng/L' })],
        }),
      ).toBe('present');
      expect(
        valueOf({
          specimen: 'plasma',
          values: [vegf({ value: 199, unit: 'ng/L' })],
        }),
      ).toBe('absent');
    });

    it('infers nothing from a unit it cannot compare (ng/mL would be 1000× off)', () => {
      expect(
        infer({
          specimen: 'plasma',
          values: [vegf({ value: 0.3, unit: 'ng/mL' })],
        }),
      ).toEqual([]);
    });
  });

  describe('serum: the recording laboratory’s upper limit, never the plasma cut-off', () => {
    it('infers present above the laboratory ULN', () => {
      expect(
        infer({ specimen: 'serum', values: [vegf({ value: 150, high: 100 })] }),
      ).toEqual([
        expect.objectContaining({
          value: 'present',
          basis: expect.stringContaining("laboratory's upper limit 100"),
        }),
      ]);
    });

    it('infers absent for serum 500 with ULN 1000, although 500 ≥ the plasma cut-off', () => {
      expect(
        valueOf({
          specimen: 'serum',
          values: [vegf({ value: 500, high: 1000 })],
        }),
      ).toBe('absent');
    });

    it('infers present for serum 150 with ULN 100, although 150 < the plasma cut-off', () => {
      expect(
        valueOf({
          specimen: 'serum',
          values: [vegf({ value: 150, high: 100 })],
        }),
      ).toBe('present');
    });

    it('infers absent at exactly the ULN (above, not at)', () => {
      expect(
        valueOf({
          specimen: 'serum',
          values: [vegf({ value: 1000, high: 1000 })],
        }),
      ).toBe('absent');
    });

    it('reads the laboratory high flag when it sends no ULN', () => {
      expect(
        valueOf({
          specimen: 'serum',
          values: [vegf({ value: 900, interpretation: 'H' })],
        }),
      ).toBe('present');
      expect(
        valueOf({
          specimen: 'serum',
          values: [vegf({ value: 2500, interpretation: 'N' })],
        }),
      ).toBe('absent');
    });

    it('prefers the ULN to a contradicting flag', () => {
      expect(
        valueOf({
          specimen: 'serum',
          values: [vegf({ value: 500, high: 1000, interpretation: 'H' })],
        }),
      ).toBe('absent');
    });

    it('is indeterminate without a ULN or flag, however high the value (no fixed serum cut-off)', () => {
      for (const value of [50, 500, 1920, 5000]) {
        expect(infer({ specimen: 'serum', values: [vegf({ value })] })).toEqual(
          [
            expect.objectContaining({
              value: 'indeterminate',
              basis: expect.stringContaining('no fixed serum cut-off'),
            }),
          ],
        );
      }
    });

    it('stays indeterminate when the laboratory sends only a lower limit (no upper limit to compare with)', () => {
      const recorded = normaliseResult({
        specimen: 'serum',
        values: [vegf({ value: 5000, low: 30 })],
      });
      expect(valueOf(recorded)).toBe('indeterminate');
    });

    it('reads ng/L serum values against the ULN as well', () => {
      expect(
        valueOf({
          specimen: 'serum',
          values: [vegf({ value: 1200, unit: 'ng/L', high: 1000 })],
        }),
      ).toBe('present');
    });
  });

  describe('which value', () => {
    it('finds VEGF by LOINC code among several values', () => {
      const other = aValue({ name: 'platelets', value: 900, unit: '10*9/L' });
      expect(
        valueOf({ specimen: 'plasma', values: [other, vegf({ value: 250 })] }),
      ).toBe('present');
    });

    it('finds VEGF by name when the code is missing', () => {
      expect(
        valueOf({
          specimen: 'plasma',
          values: [
            aValue({
              name: 'Vascular endothelial growth factor',
              value: 250,
              unit: 'pg/mL',
            }),
          ],
        }),
      ).toBe('present');
    });

    it('takes a single unnamed value as the VEGF value', () => {
      expect(
        valueOf({
          specimen: 'plasma',
          values: [aValue({ name: 'result', value: 250, unit: 'pg/mL' })],
        }),
      ).toBe('present');
    });

    it('infers nothing without a value or without a specimen', () => {
      expect(infer({ specimen: 'plasma' })).toEqual([]);
      expect(infer({ specimen: 'plasma', values: [] })).toEqual([]);
      expect(infer({ values: [vegf({ value: 900 })] })).toEqual([]);
    });

    it('infers nothing from several unnamed values (it cannot tell which is VEGF)', () => {
      expect(
        infer({
          specimen: 'plasma',
          values: [
            aValue({ name: 'a', value: 250, unit: 'pg/mL' }),
            aValue({ name: 'b', value: 50, unit: 'pg/mL' }),
          ],
        }),
      ).toEqual([]);
    });
  });
});
