import type { InferenceRule } from '../protocol/protocol.types';
import type { Finding } from '../workup/findings';
import { inferImmunofixation, inferClonalPlasmaCells } from './chains.rule';
import { inferCbc } from './cbc.rule';
import { inferEndocrinopathy } from './endocrine.rule';
import { inferBoneLesions, inferFromSigns } from './imaging.rule';
import type { InferenceContext, InferenceRuleFn } from './inference.types';
import { inferFreeLightChainRatio, inferMSpike } from './supporting-labs.rule';
import { inferVegf } from './vegf.rule';

const RULES: Record<InferenceRule, InferenceRuleFn> = {
  vegf_by_specimen: inferVegf,
  cbc_upper_limits: inferCbc,
  immunofixation_chain: inferImmunofixation,
  clonal_plasma_cells: inferClonalPlasmaCells,
  m_spike: inferMSpike,
  free_light_chain_ratio: inferFreeLightChainRatio,
  endocrine_axes: inferEndocrinopathy,
  bone_lesions: inferBoneLesions,
  recorded_signs: inferFromSigns,
};

/**
 * The findings of a recorded result: what the item's rules infer from its structured fields,
 * plus what the hematologist asserted. Both are kept; assertions override inferences when the
 * finding in force is read (see `effectiveFindings`).
 */
export function findingsOfResult(context: InferenceContext): Finding[] {
  const inferredFindings = context.item.inference.flatMap((rule) =>
    RULES[rule](context).map((f): Finding => ({ ...f, rule })),
  );
  const by = context.asserter?.by;
  const at = context.asserter?.at;
  const asserted: Finding[] = (context.result.findings ?? []).map((f) => ({
    criterion: f.criterion,
    value: f.value,
    source: 'asserted',
    ...(by !== undefined && { assertedBy: by }),
    ...(at !== undefined && { assertedAt: at }),
  }));
  return [...inferredFindings, ...asserted];
}
