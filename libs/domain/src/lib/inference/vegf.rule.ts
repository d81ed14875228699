import { findValue, inferred, type InferenceRuleFn } from './inference.types';
import { isVegfUnit } from './units';

/**
 * VEGF by specimen (domain reference §3). Plasma: at or above the protocol's cut-off
 * (200 pg/mL, Dispenzieri 2012 citing D'Souza 2011). Serum: above the recording laboratory's
 * upper limit, or its high flag; serum has no fixed cut-off, so without one the value cannot be
 * judged. Specimens are never compared with each other's limits.
 */
export const inferVegf: InferenceRuleFn = ({ result, thresholds }) => {
  const vegf = findValue(result.values, '75628-8', /vegf|vascular endothelial/i) ?? singleValue(result.values);
  if (!vegf || !result.specimen || !isVegfUnit(vegf.unit)) {
    return [];
  }
  if (result.specimen === 'plasma') {
    const cutOff = thresholds.vegfPlasmaPgPerMl;
    if (vegf.value >= cutOff) {
      return [inferred('vegf_elevation', 'present', `plasma VEGF ${vegf.value} pg/mL ≥ ${cutOff} pg/mL`)];
    }
    // Between the laboratory's upper limit and the criterion's cut-off: absent for the criterion,
    // but the explanation must not hide that the laboratory called it high (domain reference §5).
    const flaggedHigh = vegf.interpretation === 'H' || (vegf.high !== undefined && vegf.value > vegf.high);
    return [
      inferred(
        'vegf_elevation',
        'absent',
        flaggedHigh
          ? `plasma VEGF ${vegf.value} pg/mL: flagged high by the laboratory, below the ${cutOff} pg/mL criterion`
          : `plasma VEGF ${vegf.value} pg/mL < ${cutOff} pg/mL`,
      ),
    ];
  }
  if (vegf.high !== undefined) {
    return vegf.value > vegf.high
      ? [inferred('vegf_elevation', 'present', `serum VEGF ${vegf.value} pg/mL above the laboratory's upper limit ${vegf.high} pg/mL`)]
      : [inferred('vegf_elevation', 'absent', `serum VEGF ${vegf.value} pg/mL within the laboratory's upper limit ${vegf.high} pg/mL`)];
  }
  if (vegf.interpretation !== undefined) {
    return vegf.interpretation === 'H'
      ? [inferred('vegf_elevation', 'present', "serum VEGF flagged high by the laboratory")]
      : [inferred('vegf_elevation', 'absent', 'serum VEGF not flagged high by the laboratory')];
  }
  return [
    inferred(
      'vegf_elevation',
      'indeterminate',
      "serum VEGF without the laboratory's upper limit cannot be judged (no fixed serum cut-off)",
    ),
  ];
};

const singleValue = <T>(values: readonly T[] | undefined): T | undefined =>
  values?.length === 1 ? values[0] : undefined;
