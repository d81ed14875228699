import type { FieldError } from '../errors';
import { findingsOfResult } from '../inference/infer-findings';
import type { CatalogItem, Thresholds } from '../protocol/protocol.types';
import type { ResultInput } from './result';
import { MEASURE_FIELDS } from './result-measures';

/** Result fields that carry content beyond values, report and findings. */
const ITEM_SPECIFIC_FIELDS = [
  'specimen',
  'heavyChain',
  'lightChain',
  'clones',
  'axes',
  'lesions',
  'modality',
  'signs',
  'confounders',
  ...MEASURE_FIELDS,
] as const satisfies readonly (keyof ResultInput)[];

/**
 * Whether an item establishes its criteria only through a clinician's read (NCS/EMG, imaging,
 * biopsies, examinations, fundoscopy) rather than a laboratory value: its result must then say
 * what the read found for each criterion it establishes.
 */
export function establishesThroughRead(item: CatalogItem): boolean {
  return item.kind !== 'lab' && item.establishes.length > 0;
}

/**
 * A result must carry content (issue 13 §1b): saving nothing used to count the item as done and
 * rule its criterion out ("no establishing item found it absent"). Refused:
 * - a result with no values, no report, no item-specific field and no finding;
 * - on an item that establishes a criterion through a read, a result that states no finding
 *   (present, absent or indeterminate) for a criterion it establishes, unless one of the item's
 *   rules infers that finding from the structured fields (e.g. lesions on skeletal imaging, a
 *   recorded signs list on an examination).
 * @returns one entry per missing piece, each naming the field (`result`, or `findings.<criterion>`);
 *   empty when the result has content.
 */
export function validateResultContent(
  item: CatalogItem,
  result: ResultInput,
  thresholds: Thresholds,
): FieldError[] {
  const hasValues = (result.values?.length ?? 0) > 0;
  const hasReport = (result.report?.trim() ?? '') !== '';
  const hasField = ITEM_SPECIFIC_FIELDS.some((f) => result[f] !== undefined);
  const hasFinding = (result.findings?.length ?? 0) > 0;
  if (!hasValues && !hasReport && !hasField && !hasFinding) {
    return [
      {
        field: 'result',
        message:
          'a result must carry content: values, a report, an item-specific field or a finding.',
      },
    ];
  }
  if (!establishesThroughRead(item)) {
    return [];
  }
  // Sex only matters to the blood-count rule, which no read item uses.
  const findings = findingsOfResult({
    item,
    result,
    sex: 'unknown',
    thresholds,
  });
  return item.establishes
    .filter((criterion) => !findings.some((f) => f.criterion === criterion))
    .map((criterion) => ({
      field: `findings.${criterion}`,
      message: `state the finding for ${criterion} (present, absent or indeterminate): ${item.shortName} establishes it only through its read.`,
    }));
}
