import type { Sex } from '../lib/patient/patient';
import { POEMS_DISPENZIERI_V1 } from '../lib/protocol/poems-dispenzieri.v1';
import { getCatalogItem } from '../lib/protocol/registry';
import type {
  InferenceContext,
  InferenceRuleFn,
} from '../lib/inference/inference.types';
import type { Finding } from '../lib/workup/findings';
import type { QuantityValue, ResultInput } from '../lib/workup/result';

/** The context a rule sees for a result of a catalog item (protocol v1, male patient unless told). */
export function inferenceContext(
  itemKey: string,
  result: ResultInput,
  sex: Sex = 'male',
): InferenceContext {
  return {
    item: getCatalogItem(POEMS_DISPENZIERI_V1, itemKey),
    result,
    sex,
    thresholds: POEMS_DISPENZIERI_V1.thresholds,
  };
}

/** Runs one rule on a result of a catalog item. */
export function runRule(
  rule: InferenceRuleFn,
  itemKey: string,
  result: ResultInput,
  sex: Sex = 'male',
): Finding[] {
  return rule(inferenceContext(itemKey, result, sex));
}

/** A quantitative value with valid defaults. */
export function aValue(
  overrides: Partial<QuantityValue> & Pick<QuantityValue, 'value'>,
): QuantityValue {
  return { name: 'value', unit: '1', ...overrides };
}
