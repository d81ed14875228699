import type {
  CriterionStatus,
  FindingValue,
  ItemStatus,
  Overall,
} from '@poems/domain';
import type { StatusLook } from '../../core/ui/status-chip.component';
import { ITEM_STATUS_LABELS } from './workup-labels';

const ITEM_LOOKS: Readonly<Record<ItemStatus, Omit<StatusLook, 'label'>>> = {
  planned: { tone: 'neutral', icon: 'circle' },
  ordered: { tone: 'info', icon: 'assignment' },
  scheduled: { tone: 'info', icon: 'event' },
  performed: { tone: 'info', icon: 'hourglass' },
  resulted: { tone: 'ok', icon: 'description' },
  reviewed: { tone: 'ok', icon: 'verified' },
  cancelled: { tone: 'muted', icon: 'cancel' },
  not_indicated: { tone: 'muted', icon: 'block' },
};

/** How an item's status is shown. */
export function itemStatusLook(status: ItemStatus): StatusLook {
  return { ...ITEM_LOOKS[status], label: ITEM_STATUS_LABELS[status] };
}

const CRITERION_LOOKS: Readonly<Record<CriterionStatus, StatusLook>> = {
  met: { tone: 'ok', icon: 'check-circle', label: 'Met' },
  pending: { tone: 'info', icon: 'hourglass', label: 'Pending' },
  not_met: { tone: 'neutral', icon: 'cancel', label: 'Not met' },
  indeterminate: { tone: 'warning', icon: 'help', label: 'Indeterminate' },
};

/** How a criterion's status is shown. */
export function criterionStatusLook(status: CriterionStatus): StatusLook {
  return CRITERION_LOOKS[status];
}

const OVERALL_LOOKS: Readonly<Record<Overall, StatusLook>> = {
  criteria_met: { tone: 'ok', icon: 'check-circle', label: 'Criteria met' },
  criteria_not_met: {
    tone: 'danger',
    icon: 'cancel',
    label: 'Criteria not met',
  },
  // "Cannot tell" is not "ruled out": a warning, never the danger tone of criteria not met.
  indeterminate: {
    tone: 'warning',
    icon: 'help',
    label: 'Indeterminate',
  },
  incomplete: { tone: 'info', icon: 'hourglass', label: 'Incomplete' },
};

const NO_WORKUP: StatusLook = {
  tone: 'muted',
  icon: 'remove',
  label: 'No open workup',
};

/** How the overall criteria result is shown; null = no open workup. */
export function overallLook(overall: Overall | null): StatusLook {
  return overall === null ? NO_WORKUP : OVERALL_LOOKS[overall];
}

/** A cell of the coverage matrix: a finding, or why there is none. */
export type CellFinding = FindingValue | 'not_yet' | 'none';

const FINDING_LOOKS: Readonly<Record<CellFinding, StatusLook>> = {
  present: { tone: 'ok', icon: 'check', label: 'Present' },
  absent: { tone: 'neutral', icon: 'remove', label: 'Absent' },
  indeterminate: { tone: 'warning', icon: 'help', label: 'Indeterminate' },
  not_yet: { tone: 'muted', icon: 'hourglass', label: 'Not yet' },
  none: { tone: 'muted', icon: 'block', label: 'No finding' },
};

/** How a finding is shown. */
export function findingLook(finding: CellFinding): StatusLook {
  return FINDING_LOOKS[finding];
}
