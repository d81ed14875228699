import type { CriterionKey } from '../protocol/criteria';
import { displayQuantity, displayUnit } from '../lab/unit-display';
import { effectiveFindings, type Finding } from './findings';
import type { ItemStatus } from './item-status';
import { interpret, type QuantityValue, type ResultInput } from './result';

/*
 * An item's history as people read it (issue #16 §3). A stored history row keeps only what the
 * action could not otherwise recover: a correction keeps the result, findings and status it
 * replaced, a reschedule the appointment it moved. The value an action set is therefore the value
 * the next such action replaced, or the item's current value when none followed.
 */

/** A value in a change: words, or an instant the reader shows on the clinic clock. */
export type HistoryValue = string | { readonly at: string };

/** One field of an entry: old → new; null is "none". */
export interface HistoryFieldChange {
  readonly field: string;
  readonly from: HistoryValue | null;
  readonly to: HistoryValue | null;
}

/** A stored history row (the shape of `GET /api/workups/:id/items/:key/history`). */
export interface HistoryRowInput {
  readonly id: string;
  readonly action: string;
  readonly from: ItemStatus | null;
  readonly to: ItemStatus;
  readonly effectiveAt: string;
  readonly recordedAt: string;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>> | null;
}

/** What the item holds now: the end of every chain of changes. */
export interface ItemHistoryState {
  readonly result: ResultInput | null;
  readonly findings: readonly Finding[];
  readonly scheduledAt: string | null;
}

/** A history row with what it changed, field by field. */
export type ReadableHistoryEntry<R extends HistoryRowInput> = R & {
  /** A result recorded over an earlier one. */
  readonly correction: boolean;
  /** Done by the tracker itself (a recorded sign activating an item). */
  readonly automatic: boolean;
  readonly changes: readonly HistoryFieldChange[];
};

/** How criterion and item keys are named; words of the key by default. */
export interface HistoryNames {
  readonly criterion?: (key: CriterionKey) => string;
  readonly item?: (key: string) => string;
}

const words = (code: string): string => code.replace(/_/g, ' ');
const sentence = (text: string): string =>
  text.charAt(0).toUpperCase() + text.slice(1);
/** `lesionCount` → "Lesion count". */
export const historyFieldName = (key: string): string =>
  sentence(words(key.replace(/([a-z0-9])([A-Z])/g, '$1 $2')).toLowerCase());

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCorrection = (row: HistoryRowInput): boolean =>
  row.details?.['correction'] === true;

/**
 * The history oldest first by recorded time (a correction is effective when the test was done,
 * long before it was recorded), each entry with its changes.
 */
export function readableItemHistory<R extends HistoryRowInput>(
  rows: readonly R[],
  current: ItemHistoryState,
  names: HistoryNames = {},
): ReadableHistoryEntry<R>[] {
  const criterion =
    names.criterion ?? ((key: CriterionKey) => sentence(words(key)));
  const item = names.item ?? ((key: string) => words(key));
  const sorted = rows
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        Date.parse(a.row.recordedAt) - Date.parse(b.row.recordedAt) ||
        a.index - b.index,
    )
    .map(({ row }) => row);

  /** The first later row matching, if any. */
  const next = (from: number, match: (row: R) => boolean): R | undefined =>
    sorted.slice(from + 1).find(match);

  let reason: string | null = null;
  return sorted.map((row, index) => {
    const changes: HistoryFieldChange[] = [];
    const details = row.details ?? {};
    if (row.from !== row.to) {
      changes.push({
        field: 'Status',
        from: row.from === null ? null : words(row.from),
        to: words(row.to),
      });
    }
    switch (row.action) {
      case 'create':
        if (details['active'] === false) {
          changes.push({ field: 'Active', from: null, to: 'no (conditional)' });
        }
        if (typeof details['protocol'] === 'string') {
          changes.push({
            field: 'Protocol',
            from: null,
            to: details['protocol'],
          });
        }
        break;
      case 'schedule': {
        const later = next(index, (r) => r.action === 'schedule');
        const to =
          later === undefined
            ? current.scheduledAt
            : stringOr(later.details?.['rescheduledFrom']);
        changes.push({
          field: 'Appointment',
          from: instant(details['rescheduledFrom']),
          to: instant(to),
        });
        break;
      }
      case 'perform':
        changes.push({
          field: 'Performed',
          from: null,
          to: { at: row.effectiveAt },
        });
        break;
      case 'result': {
        const later = next(
          index,
          (r) => r.action === 'result' && isCorrection(r),
        );
        const correction = isCorrection(row);
        const oldResult = correction
          ? resultOr(details['previousResult'])
          : null;
        const newResult =
          later === undefined
            ? current.result
            : resultOr(later.details?.['previousResult']);
        changes.push(
          ...historyDiffFields(
            resultFieldTexts(oldResult),
            resultFieldTexts(newResult),
          ),
        );
        const oldFindings = correction
          ? findingsOr(details['previousFindings'])
          : [];
        const newFindings =
          later === undefined
            ? current.findings
            : findingsOr(later.details?.['previousFindings']);
        changes.push(
          ...historyDiffFields(
            findingFieldTexts(oldFindings, criterion),
            findingFieldTexts(newFindings, criterion),
          ),
        );
        const oldSource = correction
          ? sourceText(details['previousSource'])
          : null;
        const newSource = sourceText(details['source']);
        if (oldSource !== newSource) {
          changes.push({
            field: 'Source',
            from: correction ? (oldSource ?? 'typed') : null,
            to: newSource ?? 'typed',
          });
        }
        break;
      }
      case 'review':
        if (typeof details['note'] === 'string' && details['note'] !== '') {
          changes.push({ field: 'Note', from: null, to: details['note'] });
        }
        break;
      case 'activate':
        changes.push({ field: 'Active', from: 'no', to: 'yes' });
        if (typeof details['trigger'] === 'string') {
          changes.push({
            field: 'Activated by',
            from: null,
            to: item(details['trigger']),
          });
        }
        break;
    }
    if (row.reason !== null && row.reason !== '') {
      changes.push({ field: 'Reason', from: reason, to: row.reason });
      reason = row.reason;
    }
    return {
      ...row,
      correction: isCorrection(row),
      automatic: details['automatic'] === true,
      changes,
    };
  });
}

const stringOr = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;

const instant = (value: unknown): HistoryValue | null =>
  typeof value === 'string' ? { at: value } : null;

const resultOr = (value: unknown): ResultInput | null =>
  isRecord(value) ? (value as ResultInput) : null;

const findingsOr = (value: unknown): readonly Finding[] =>
  Array.isArray(value) ? (value as Finding[]) : [];

/** Fields that differ, in the order they first appear (old fields first). */
export function historyDiffFields(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): HistoryFieldChange[] {
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  return fields
    .filter((field) => before.get(field) !== after.get(field))
    .map((field) => ({
      field,
      from: before.get(field) ?? null,
      to: after.get(field) ?? null,
    }));
}

const INTERPRETATION_WORDS = { H: 'high', L: 'low', N: 'normal' } as const;

function quantityText(value: QuantityValue): string {
  const flag = interpret(value);
  const text = displayQuantity(value.value, value.unit);
  return flag === undefined || flag === 'N'
    ? text
    : `${text} (${INTERPRETATION_WORDS[flag]})`;
}

function rangeText(value: QuantityValue): string | null {
  if (value.low === undefined && value.high === undefined) {
    return null;
  }
  const unit = displayUnit(value.unit);
  const range =
    value.low === undefined
      ? `≤ ${value.high}`
      : value.high === undefined
        ? `≥ ${value.low}`
        : `${value.low}–${value.high}`;
  return unit === '' ? range : `${range} ${unit}`;
}

/** Anything else stored on a result, in words. */
export function historyValueText(value: unknown): string {
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  if (typeof value === 'string') {
    return words(value);
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? 'none' : value.map(historyValueText).join(', ');
  }
  if (isRecord(value)) {
    return Object.entries(value)
      .map(
        ([key, v]) =>
          `${historyFieldName(key).toLowerCase()} ${historyValueText(v)}`,
      )
      .join(', ');
  }
  return '';
}

/** A result as field → words: one field per value (and its range), per axis, per other key. */
export function resultFieldTexts(
  result: ResultInput | null,
): Map<string, string> {
  const fields = new Map<string, string>();
  if (result === null) {
    return fields;
  }
  for (const [key, value] of Object.entries(result)) {
    if (value === undefined || value === null || key === 'findings') {
      // Asserted findings are part of the item's findings, compared there.
      continue;
    }
    if (key === 'values' && Array.isArray(value)) {
      for (const quantity of value as QuantityValue[]) {
        fields.set(quantity.name, quantityText(quantity));
        const range = rangeText(quantity);
        if (range !== null) {
          fields.set(`${quantity.name} reference range`, range);
        }
      }
    } else if (key === 'axes' && isRecord(value)) {
      for (const [axis, state] of Object.entries(value)) {
        fields.set(`${sentence(words(axis))} axis`, historyValueText(state));
      }
    } else if (key === 'clones' && Array.isArray(value)) {
      fields.set(
        'Clones',
        (value as { heavyChain: string; lightChain: string }[])
          .map((c) =>
            c.heavyChain === 'none'
              ? c.lightChain
              : `${c.heavyChain} ${c.lightChain}`,
          )
          .join(', '),
      );
    } else {
      fields.set(historyFieldName(key), historyValueText(value));
    }
  }
  return fields;
}

/** The findings in force as "Finding: <criterion>" → value (asserted ones say so). */
export function findingFieldTexts(
  findings: readonly Finding[],
  criterion: (key: CriterionKey) => string,
): Map<string, string> {
  return new Map(
    effectiveFindings(findings).map((f) => [
      `Finding: ${criterion(f.criterion)}`,
      f.source === 'asserted' ? `${f.value} (asserted)` : f.value,
    ]),
  );
}

function sourceText(source: unknown): string | null {
  if (!isRecord(source) || source['kind'] === 'typed') {
    return null;
  }
  const name =
    typeof source['interfaceName'] === 'string'
      ? source['interfaceName']
      : 'interface';
  const control =
    typeof source['controlId'] === 'string'
      ? ` message ${source['controlId']}`
      : '';
  return source['kind'] === 'inbox'
    ? `${name}${control} (from the inbox)`
    : `${name}${control}`;
}
