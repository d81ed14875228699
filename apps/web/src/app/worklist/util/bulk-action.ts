import { performWarnings, scheduleWarnings } from '@poems/domain';
import type {
  BulkAction,
  BulkActionRequest,
  BulkActionResult,
  BulkItemOutcome,
  WorklistRow,
} from '@poems/contract';
import { localDateTimeToIso } from '../../core/forms/dates';

/** The bulk form's values, as typed (local date-times of the clinic). */
export interface BulkFormValue {
  readonly scheduledAt: string;
  readonly location: string;
  readonly dueDate: string;
  readonly performedAt: string;
}

/** One failed item as the person reads it. */
export interface FailedItem {
  readonly label: string;
  readonly reason: string;
}

export const BULK_TITLES: Readonly<Record<BulkAction, string>> = {
  schedule: 'Schedule',
  perform: 'Mark performed',
};

/** Why an item of a bulk action was not done, in words. */
export function bulkFailureReason(outcome: BulkItemOutcome): string {
  switch (outcome.status) {
    case 409:
      return 'Changed by someone else meanwhile: reload the list and try it again.';
    case 422:
      return outcome.detail ?? 'Not allowed in its current status.';
    case 404:
      return 'No longer on this workup (reload the list).';
    default:
      return outcome.detail ?? 'Not saved.';
  }
}

/** The request for the selected rows: only the chosen action's fields, blanks left out. */
export function bulkRequest(
  action: BulkAction,
  rows: readonly WorklistRow[],
  values: BulkFormValue,
): BulkActionRequest {
  const items = rows.map((row) => ({
    workupId: row.workupId,
    key: row.itemKey,
    version: row.version,
  }));
  const fields =
    action === 'schedule'
      ? {
          scheduledAt: localDateTimeToIso(values.scheduledAt) ?? '',
          ...(values.location.trim() !== '' && {
            location: values.location.trim(),
          }),
          ...(values.dueDate !== '' && { dueDate: values.dueDate }),
        }
      : { performedAt: localDateTimeToIso(values.performedAt) ?? '' };
  return { action, items, ...fields };
}

/** Warnings, not refusals: a past booking or an early performance may be right. */
export function bulkWarnings(
  action: BulkAction,
  rows: readonly WorklistRow[],
  values: Partial<BulkFormValue>,
  zone: string,
): string[] {
  if (action === 'schedule') {
    const at = localDateTimeToIso(values.scheduledAt ?? '');
    return at === null
      ? []
      : scheduleWarnings(new Date(at), new Date(), zone).map((w) => w.message);
  }
  const at = localDateTimeToIso(values.performedAt ?? '');
  if (at === null) {
    return [];
  }
  const early = rows.filter(
    (row) =>
      performWarnings(
        new Date(at),
        row.scheduledAt === null ? null : new Date(row.scheduledAt),
        zone,
      ).length > 0,
  );
  return early.length === 0
    ? []
    : [
        `Before the appointment of ${early.map((r) => `${r.itemName} (${r.patientName})`).join(', ')}. Save anyway if done early.`,
      ];
}

/** The one-line answer of a finished bulk action. */
export function bulkSummary(
  action: BulkAction,
  result: BulkActionResult,
): string {
  const verb = action === 'schedule' ? 'Scheduled' : 'Marked performed';
  return result.failed === 0
    ? `${verb}: all ${result.succeeded}.`
    : `${verb}: ${result.succeeded} of ${result.items.length}. ${result.failed} not done.`;
}

/** The items not done, each named by its row (the outcomes come in the order of the rows). */
export function bulkFailures(
  result: BulkActionResult | null,
  rows: readonly WorklistRow[],
): FailedItem[] {
  return (result?.items ?? []).flatMap((outcome, index) => {
    if (outcome.status === 200) {
      return [];
    }
    const row = rows[index];
    return [
      {
        label: row ? `${row.itemName} — ${row.patientName}` : `${outcome.key}`,
        reason: bulkFailureReason(outcome),
      },
    ];
  });
}

/** What a closed bulk dialog did, announced on the worklist. */
export function bulkAnnouncement(
  action: BulkAction,
  outcome: { readonly succeeded: number; readonly failed: number },
): string {
  const verb = action === 'schedule' ? 'Scheduled' : 'Marked performed';
  const done = `${verb} ${outcome.succeeded} ${outcome.succeeded === 1 ? 'item' : 'items'}`;
  return outcome.failed === 0
    ? `${done}.`
    : `${done}; ${outcome.failed} not done.`;
}
