import type { CriterionKey } from '../protocol/criteria';
import type { Finding } from './findings';
import {
  findingFieldTexts,
  historyDiffFields,
  historyFieldName,
  historyValueText,
  resultFieldTexts,
  type HistoryFieldChange,
  type HistoryValue,
} from './item-history';
import type { ResultInput } from './result';

/*
 * An audit event's diff and details as an auditor reads them (issue #16 §5): field by field,
 * old → new, a result or findings expanded into their values with human units, instants kept as
 * instants for the clinic clock. The stored JSON stays as it is; only what is shown changes.
 */

/** One fact of an event's details in words. */
export interface ReadableAuditFact {
  readonly label: string;
  readonly value: HistoryValue | null;
}

// An ISO 8601 instant as the API writes them (toISOString), nothing looser.
const INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored value in words; an instant for the clinic clock; null for nothing. */
export function auditValue(value: unknown): HistoryValue | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  if (typeof value === 'string' && INSTANT.test(value)) {
    return { at: value };
  }
  return historyValueText(value);
}

/**
 * The changes of an event's diff (`{ field: { from, to } }`), a result and findings expanded
 * into one change per value and per criterion; a field of any other shape is shown as its value.
 */
export function readableAuditDiff(
  diff: Readonly<Record<string, unknown>> | null,
  names: { readonly criterion?: (key: CriterionKey) => string } = {},
): HistoryFieldChange[] {
  const criterion =
    names.criterion ?? ((key: CriterionKey) => historyFieldName(key));
  return Object.entries(diff ?? {}).flatMap(
    ([field, change]): HistoryFieldChange[] => {
      if (!isRecord(change) || !('from' in change) || !('to' in change)) {
        return [
          {
            field: historyFieldName(field),
            from: null,
            to: auditValue(change),
          },
        ];
      }
      const { from, to } = change;
      if (field === 'result') {
        return historyDiffFields(
          resultFieldTexts(isRecord(from) ? (from as ResultInput) : null),
          resultFieldTexts(isRecord(to) ? (to as ResultInput) : null),
        );
      }
      if (field === 'findings') {
        const list = (v: unknown): readonly Finding[] =>
          Array.isArray(v) ? (v as Finding[]) : [];
        return historyDiffFields(
          findingFieldTexts(list(from), criterion),
          findingFieldTexts(list(to), criterion),
        );
      }
      return [
        {
          field: historyFieldName(field),
          from: auditValue(from),
          to: auditValue(to),
        },
      ];
    },
  );
}

/** An event's details, one fact per key, in words. */
export function readableAuditDetails(
  details: Readonly<Record<string, unknown>> | null,
): ReadableAuditFact[] {
  return Object.entries(details ?? {}).map(([key, value]) => ({
    label: historyFieldName(key),
    value: auditValue(value),
  }));
}
