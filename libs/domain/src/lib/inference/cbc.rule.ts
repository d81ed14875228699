import { displayQuantity } from '../lab/unit-display';
import type { Sex } from '../patient/patient';
import type { SexSpecificLimit } from '../protocol/protocol.types';
import type { QuantityValue } from '../workup/result';
import { findValue, inferred, type InferenceRuleFn } from './inference.types';
import { hematocritInPercent, hemoglobinInGPerDl, plateletsIn10e9PerL } from './units';

/** Whether one analyte is above its upper limit; undefined when it cannot be compared. */
interface Judgement {
  readonly above: boolean | undefined;
  readonly basis: string;
}

/**
 * Thrombocytosis / polycythemia (domain reference §3): platelets above the laboratory's upper
 * limit (default 450 × 10⁹/L), or hemoglobin / hematocrit above the sex-specific upper limit.
 * The laboratory's own limit (or high flag) always wins over the protocol default.
 */
export const inferCbc: InferenceRuleFn = ({ result, sex, thresholds }) => {
  const platelets = findValue(result.values, '777-3', /platelet|\bplt\b/i);
  const hemoglobin = findValue(result.values, '718-7', /h(a)?emoglobin|\bhgb\b|\bhb\b/i);
  const hematocrit = findValue(result.values, '4544-3', /h(a)?ematocrit|\bhct\b/i);

  const judgements: Judgement[] = [];
  if (platelets) {
    judgements.push(judge('platelets', platelets, thresholds.plateletUln, plateletsIn10e9PerL(platelets.value, platelets.unit), '×10⁹/L'));
  }
  if (hemoglobin) {
    judgements.push(judgeBySex('hemoglobin', hemoglobin, thresholds.hemoglobinUln, sex, hemoglobinInGPerDl(hemoglobin.value, hemoglobin.unit), 'g/dL'));
  }
  if (hematocrit) {
    judgements.push(judgeBySex('hematocrit', hematocrit, thresholds.hematocritUln, sex, hematocritInPercent(hematocrit.value, hematocrit.unit), '%'));
  }
  if (judgements.length === 0) {
    return [];
  }
  const above = judgements.filter((j) => j.above === true);
  if (above.length > 0) {
    return [inferred('thrombocytosis_polycythemia', 'present', above.map((j) => j.basis).join('; '))];
  }
  const value = judgements.some((j) => j.above === undefined) ? 'indeterminate' : 'absent';
  return [inferred('thrombocytosis_polycythemia', value, judgements.map((j) => j.basis).join('; '))];
};

function judge(
  analyte: string,
  measured: QuantityValue,
  defaultUln: number | undefined,
  inDefaultUnit: number | undefined,
  defaultUnit: string,
): Judgement {
  if (measured.high !== undefined) {
    const above = measured.value > measured.high;
    return {
      above,
      basis: `${analyte} ${displayQuantity(measured.value, measured.unit)} ${above ? 'above' : 'within'} the laboratory's upper limit ${displayQuantity(measured.high, measured.unit)}`,
    };
  }
  if (measured.interpretation !== undefined) {
    const above = measured.interpretation === 'H';
    return { above, basis: `${analyte} ${above ? 'flagged high' : 'not flagged high'} by the laboratory` };
  }
  if (defaultUln === undefined || inDefaultUnit === undefined) {
    return { above: undefined, basis: `${analyte} cannot be compared with a default upper limit` };
  }
  const above = inDefaultUnit > defaultUln;
  return {
    above,
    basis: `${analyte} ${displayQuantity(measured.value, measured.unit)} ${above ? 'above' : 'within'} the default upper limit ${defaultUln} ${defaultUnit}`,
  };
}

function judgeBySex(
  analyte: string,
  measured: QuantityValue,
  limits: SexSpecificLimit,
  sex: Sex,
  inDefaultUnit: number | undefined,
  defaultUnit: string,
): Judgement {
  const uln = sex === 'female' || sex === 'male' ? limits[sex] : undefined;
  return judge(analyte, measured, uln, inDefaultUnit, defaultUnit);
}
