import type { HeavyChain, LightChain } from '../workup/result';
import { inferred, type InferenceRuleFn } from './inference.types';

const describeClone = (clone: {
  readonly heavyChain?: HeavyChain;
  readonly lightChain?: LightChain;
}): string =>
  [clone.heavyChain && clone.heavyChain !== 'none' ? clone.heavyChain : undefined, clone.lightChain === 'lambda' ? 'λ' : 'κ']
    .filter(Boolean)
    .join(' ');

/**
 * Serum or urine immunofixation: a light chain recorded = a monoclonal protein = present; several
 * clones (biclonal) each count as a clone = present; heavy chain `none` with no light chain = a
 * negative immunofixation = absent.
 */
export const inferImmunofixation: InferenceRuleFn = ({ result }) => {
  if (result.clones !== undefined && result.clones.length > 0) {
    return [inferred('monoclonal_plasma_cell_disorder', 'present', `monoclonal proteins ${result.clones.map(describeClone).join(' and ')} on immunofixation (${result.clones.length > 1 ? 'biclonal' : 'monoclonal'})`)];
  }
  if (result.lightChain) {
    return [inferred('monoclonal_plasma_cell_disorder', 'present', `monoclonal protein ${describeClone(result)} on immunofixation`)];
  }
  if (result.heavyChain === 'none') {
    return [inferred('monoclonal_plasma_cell_disorder', 'absent', 'no monoclonal protein on immunofixation')];
  }
  return [];
};

/**
 * Bone marrow: light-chain restriction of plasma cells shows a clone. Its absence is a
 * judgement of the pathology read, so a negative marrow is asserted, never inferred.
 */
export const inferClonalPlasmaCells: InferenceRuleFn = ({ result }) =>
  result.lightChain
    ? [inferred('monoclonal_plasma_cell_disorder', 'present', `clonal ${result.lightChain === 'lambda' ? 'λ' : 'κ'}-restricted plasma cells`)]
    : [];
