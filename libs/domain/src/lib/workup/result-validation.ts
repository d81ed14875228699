import type { FieldError } from '../errors';
import { OTHER_SIGNS, type CriterionKey } from '../protocol/criteria';
import type { CatalogItem, ResultField } from '../protocol/protocol.types';
import { signTarget } from '../protocol/signs';
import { isVegfUnit } from '../inference/vegf-units';
import type { ResultInput } from './result';
import { validateResultMeasures } from './result-measures';

/** The criteria an item has findings for: those it establishes or supports. */
export function coveredCriteria(item: CatalogItem): readonly CriterionKey[] {
  return [...item.establishes, ...item.supports];
}

const FIELD_OF: Record<ResultField, readonly (keyof ResultInput)[]> = {
  specimen: ['specimen'],
  chains: ['heavyChain', 'lightChain'],
  clones: ['clones'],
  axes: ['axes'],
  lesions: ['lesions'],
  modality: ['modality'],
  signs: ['signs'],
  confounders: ['confounders'],
};

/**
 * Checks a result against what its item accepts. Shape and types are the API's business; this
 * checks the clinical rules: which fields an item takes, VEGF specimen and units, a heavy chain
 * needs its light chain, findings only for criteria the item covers, signs the item can show.
 * @returns one entry per invalid field, empty when the result is acceptable.
 */
export function validateResult(
  item: CatalogItem,
  result: ResultInput,
): FieldError[] {
  const errors: FieldError[] = [];
  const accepted = new Set(item.resultFields.flatMap((f) => FIELD_OF[f]));
  for (const field of Object.values(FIELD_OF).flat()) {
    if (result[field] !== undefined && !accepted.has(field)) {
      errors.push({
        field,
        message: `${field} is not recorded for this item.`,
      });
    }
  }

  if (item.inference.includes('vegf_by_specimen')) {
    if (result.specimen === undefined) {
      errors.push({
        field: 'specimen',
        message: 'specimen is required for VEGF (plasma or serum).',
      });
    }
    result.values?.forEach((v, i) => {
      if (!isVegfUnit(v.unit)) {
        errors.push({
          field: `values[${i}].unit`,
          message: 'VEGF must be reported in pg/mL (or ng/L).',
        });
      }
    });
  }

  if (
    result.heavyChain !== undefined &&
    result.heavyChain !== 'none' &&
    result.lightChain === undefined
  ) {
    errors.push({
      field: 'lightChain',
      message: 'a monoclonal heavy chain needs its light chain.',
    });
  }

  if (result.clones !== undefined && accepted.has('clones')) {
    if (result.heavyChain !== undefined || result.lightChain !== undefined) {
      errors.push({
        field: 'clones',
        message: 'record either one clone (heavyChain, lightChain) or clones, not both.',
      });
    }
    if (result.clones.length < 2) {
      errors.push({
        field: 'clones',
        message: 'clones lists two or more clones; record one clone as heavyChain and lightChain.',
      });
    }
  }

  result.values?.forEach((v, i) => {
    if (v.low !== undefined && v.high !== undefined && v.low > v.high) {
      errors.push({
        field: `values[${i}].low`,
        message: 'low must not exceed high.',
      });
    }
  });

  const covered = coveredCriteria(item);
  const seen = new Set<CriterionKey>();
  result.findings?.forEach((f, i) => {
    if (!covered.includes(f.criterion)) {
      errors.push({
        field: `findings[${i}].criterion`,
        message: 'this item does not cover that criterion.',
      });
    } else if (seen.has(f.criterion)) {
      errors.push({
        field: `findings[${i}].criterion`,
        message: 'one finding per criterion.',
      });
    }
    seen.add(f.criterion);
  });

  result.signs?.forEach((sign, i) => {
    const target = signTarget(sign);
    // Other signs never count toward a criterion, so any item that records signs may note them.
    if (
      !(covered as readonly string[]).includes(target) &&
      !(OTHER_SIGNS as readonly string[]).includes(target)
    ) {
      errors.push({
        field: `signs[${i}]`,
        message: 'this item cannot show that sign.',
      });
    }
  });
  errors.push(...validateResultMeasures(item.key, result));
  return errors;
}
