import type { PatientWorkupView, WorkupItemView } from '@poems/contract';
import type { ErrorMessage } from '../../core/api/error-message';
import type { ActionTarget } from '../dialogs/action-dialog';

/** The workup page's tabs in order, as `?tab=` names them. */
export const WORKUP_TABS = [
  'checklist',
  'summary',
  'coverage',
  'followup',
  'verdicts',
] as const;
export type WorkupTab = (typeof WORKUP_TABS)[number];

/** The workup shown when the URL names none: the open one, else the most recently opened. */
export function defaultWorkup(
  workups: readonly PatientWorkupView[],
): PatientWorkupView | undefined {
  return (
    workups.find((w) => w.status === 'open') ??
    [...workups].sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0]
  );
}

/** What an item action's dialog acts on: the item as the page shows it. */
export function actionTargetOf(
  workupId: string,
  item: WorkupItemView,
): ActionTarget {
  return {
    workupId,
    key: item.key,
    name: item.name,
    version: item.version,
    status: item.status,
    dueDate: item.dueDate,
    scheduledAt: item.scheduledAt,
    location: item.location,
    performedAt: item.performedAt,
  };
}

/** A result's dialog needs the workup's protocol, which an older app may not know. */
export const UNKNOWN_PROTOCOL: ErrorMessage = {
  kind: 'unexpected',
  title: 'This version of the app does not know the workup’s protocol',
  detail: 'Reload the page to get the latest version.',
  reloadable: false,
};
