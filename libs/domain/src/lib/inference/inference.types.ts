import type { Sex } from '../patient/patient';
import type { CatalogItem, Thresholds } from '../protocol/protocol.types';
import type { Finding } from '../workup/findings';
import type { QuantityValue, ResultInput } from '../workup/result';

/** What an inference rule sees: the item, its recorded result and the patient's context. */
export interface InferenceContext {
  readonly item: CatalogItem;
  readonly result: ResultInput;
  readonly sex: Sex;
  readonly thresholds: Thresholds;
  /** Who records the result's assertions, and when: kept on each asserted finding. */
  readonly asserter?: { readonly by?: string; readonly at?: string };
}

/** Turns a structured result into inferred findings; returns none when it cannot tell. */
export type InferenceRuleFn = (context: InferenceContext) => Finding[];

/** Finds an analyte among a result's values by LOINC code, else by a name pattern. */
export function findValue(
  values: readonly QuantityValue[] | undefined,
  code: string,
  namePattern: RegExp,
): QuantityValue | undefined {
  return values?.find((v) => v.code === code) ?? values?.find((v) => namePattern.test(v.name));
}

/** An inferred finding. */
export const inferred = (criterion: Finding['criterion'], value: Finding['value'], basis: string): Finding => ({
  criterion,
  value,
  source: 'inferred',
  basis,
});
