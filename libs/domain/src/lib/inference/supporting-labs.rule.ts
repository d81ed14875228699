import { findValue, inferred, type InferenceRuleFn } from './inference.types';

/** SPEP: a measurable M-spike supports (never establishes) the monoclonal criterion. */
export const inferMSpike: InferenceRuleFn = ({ result }) => {
  const spike = findValue(result.values, '33358-3', /m.?spike|m.?protein|paraprotein|monoclonal/i);
  if (!spike) {
    return [];
  }
  return spike.value > 0 || spike.interpretation === 'H'
    ? [inferred('monoclonal_plasma_cell_disorder', 'present', `M-spike ${spike.value} ${spike.unit}`)]
    : [inferred('monoclonal_plasma_cell_disorder', 'absent', 'no measurable M-spike')];
};

/**
 * Serum free light chains: a κ/λ ratio outside the reference interval supports the monoclonal
 * criterion. The laboratory's interval wins over the protocol default (Katzmann 2002).
 */
export const inferFreeLightChainRatio: InferenceRuleFn = ({ result, thresholds }) => {
  const ratio = findValue(result.values, '48378-4', /ratio/i);
  if (!ratio) {
    return [];
  }
  const low = ratio.low ?? thresholds.flcRatio.low;
  const high = ratio.high ?? thresholds.flcRatio.high;
  return ratio.value < low || ratio.value > high
    ? [inferred('monoclonal_plasma_cell_disorder', 'present', `κ/λ ratio ${ratio.value} outside ${low}–${high}`)]
    : [inferred('monoclonal_plasma_cell_disorder', 'absent', `κ/λ ratio ${ratio.value} within ${low}–${high}`)];
};
