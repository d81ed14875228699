import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  formatClinicDateTime,
  readableItemHistory,
  type HistoryValue,
  type ProtocolDefinition,
} from '@poems/domain';
import { type ItemHistoryView, type WorkupItemView } from '@poems/contract';
import { loadState } from '../../core/data/load-state';
import { capitalize, humanize, roleLabel } from '../../core/format/labels';
import { ErrorAlertComponent } from '../../core/ui/error-alert.component';
import { clinicZone } from '../../core/clock/clinic-zone';
import { WorkupsService } from '../data-access/workups.service';
import { criterionName, itemShortName } from '../util/workup-labels';
import { ClinicDateTimePipe } from '../../core/clock/clinic-time.pipes';

/** Which item's history the panel shows, with the item as it stands (the end of every change). */
export interface ItemHistoryPanelData {
  readonly workupId: string;
  readonly item: WorkupItemView;
  readonly protocol: ProtocolDefinition | null;
}

/** A value of a change in words; an instant on the clinic clock. */
function valueText(value: HistoryValue | null): string {
  if (value === null) {
    return 'none';
  }
  return typeof value === 'string'
    ? value
    : formatClinicDateTime(value.at, clinicZone());
}

const ACTION_TITLES: Readonly<Record<string, string>> = {
  create: 'Planned',
  order: 'Ordered',
  schedule: 'Scheduled',
  perform: 'Performed',
  result: 'Result recorded',
  review: 'Reviewed',
  cancel: 'Cancelled',
  'not-indicated': 'Marked not indicated',
  reopen: 'Reopened',
  activate: 'Activated',
};

/** An item's history, newest recorded first, each entry saying what changed from what to what. */
@Component({
  selector: 'pw-item-history-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ClinicDateTimePipe,
    MatButtonModule,
    MatDialogModule,
    MatProgressBarModule,
    ErrorAlertComponent,
  ],
  templateUrl: './item-history-panel.component.html',
  styleUrl: './item-history-panel.component.scss',
})
export class ItemHistoryPanelComponent {
  protected readonly data = inject<ItemHistoryPanelData>(MAT_DIALOG_DATA);
  private readonly workups = inject(WorkupsService);
  private readonly query = signal({ revision: 0 });
  protected readonly state = loadState(this.query, () =>
    this.workups.history(this.data.workupId, this.data.item.key),
  );
  protected readonly entries = computed(() => {
    const { item, protocol } = this.data;
    return readableItemHistory<ItemHistoryView>(
      this.state().value ?? [],
      {
        result: item.result,
        findings: item.findings,
        scheduledAt: item.scheduledAt,
      },
      {
        criterion: (key) => criterionName(protocol, key),
        item: (key) => itemShortName(protocol, key),
      },
    )
      .reverse()
      .map((entry) => ({
        id: entry.id,
        title: entry.correction
          ? 'Result corrected'
          : (ACTION_TITLES[entry.action] ?? capitalize(humanize(entry.action))),
        correction: entry.correction,
        automatic: entry.automatic,
        effectiveAt: entry.effectiveAt,
        recordedAt: entry.recordedAt,
        actor:
          entry.actor.displayName === null
            ? entry.automatic
              ? 'the tracker'
              : 'an unknown user'
            : `${entry.actor.displayName}${entry.actor.role ? ` (${roleLabel(entry.actor.role)})` : ''}`,
        changes: entry.changes.map((change) => ({
          field: change.field,
          from: valueText(change.from),
          to: valueText(change.to),
          added: change.from === null,
        })),
      }));
  });

  protected reload(): void {
    this.query.update((q) => ({ revision: q.revision + 1 }));
  }
}
