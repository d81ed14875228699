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
import type { ItemHistoryView } from '@poems/domain';
import { loadState } from '../../core/data/load-state';
import { capitalize, humanize, roleLabel } from '../../core/format/labels';
import { ErrorAlertComponent } from '../../core/ui/error-alert.component';
import { WorkupsService } from '../data-access/workups.service';
import { ITEM_STATUS_LABELS } from '../util/workup-labels';
import { ClinicDateTimePipe } from '../../core/clock/clinic-time.pipes';

/** Which item's history the panel shows. */
export interface ItemHistoryPanelData {
  readonly workupId: string;
  readonly itemKey: string;
  readonly itemName: string;
}

/** A detail of a history entry in words; nested values are summarised. */
function detailText(value: unknown): string {
  if (value === null || value === undefined) {
    return '—';
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return String(value);
  }
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 160)}…` : json;
}

/** An item's history, newest first, in a side panel. */
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
    this.workups.history(this.data.workupId, this.data.itemKey),
  );
  protected readonly entries = computed(() =>
    [...(this.state().value ?? [])]
      .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))
      .map((entry) => ({
        id: entry.id,
        action: capitalize(humanize(entry.action)),
        change: this.changeText(entry),
        effectiveAt: entry.effectiveAt,
        recordedAt: entry.recordedAt,
        actor:
          entry.actor.displayName === null
            ? 'Unknown user'
            : `${entry.actor.displayName}${entry.actor.role ? ` (${roleLabel(entry.actor.role)})` : ''}`,
        reason: entry.reason,
        details: Object.entries(entry.details ?? {}).map(([key, value]) => ({
          key: capitalize(humanize(key)),
          text: detailText(value),
        })),
      })),
  );

  protected reload(): void {
    this.query.update((q) => ({ revision: q.revision + 1 }));
  }

  private changeText(entry: ItemHistoryView): string {
    const to = ITEM_STATUS_LABELS[entry.to];
    return entry.from === null || entry.from === entry.to
      ? to
      : `${ITEM_STATUS_LABELS[entry.from]} → ${to}`;
  }
}
