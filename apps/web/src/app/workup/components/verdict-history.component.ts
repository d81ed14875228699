import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type {
  EvaluationCause,
  EvaluationSnapshotView,
  WorkupView,
} from '@poems/contract';
import { loadState } from '../../core/data/load-state';
import { ErrorAlertComponent } from '../../core/ui/error-alert.component';
import { StatusChipComponent } from '../../core/ui/status-chip.component';
import { WorkupsService } from '../data-access/workups.service';
import { overallLook } from '../util/workup-looks';

/** A snapshot's cause in words. */
export function causeText(snapshot: EvaluationSnapshotView): string {
  const cause: EvaluationCause | null = snapshot.cause;
  const item = snapshot.item?.name ?? 'an item';
  if (cause === null) {
    return 'Cause not recorded';
  }
  if (cause.startsWith('item ')) {
    return `${item}: ${cause.slice('item '.length).replace(/-/g, ' ')}`;
  }
  switch (cause as Exclude<EvaluationCause, `item ${string}`>) {
    case 'workup opened':
      return 'Workup opened';
    case 'result corrected':
      return `Result corrected: ${item}`;
    case 'rules corrected':
      return 'Evaluation rules corrected';
    case 'protocol upgraded':
      return 'Protocol upgraded';
  }
}

/**
 * The history of a workup's verdicts, newest first: each stored evaluation with its time, cause
 * and the protocol and rules versions that produced it. A verdict that ended "criteria met" is
 * marked retracted. Reloads whenever the workup changes.
 */
@Component({
  selector: 'pw-verdict-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatProgressBarModule,
    ErrorAlertComponent,
    StatusChipComponent,
  ],
  template: `
    @if (state().loading) {
      <mat-progress-bar
        mode="indeterminate"
        aria-label="Loading the verdict history"
      />
    }
    @if (state().error; as error) {
      <pw-error-alert [message]="error" [reloadable]="false" />
    }
    <ol class="verdicts" aria-label="History of verdicts">
      @for (entry of entries(); track entry.id) {
        <li
          class="verdicts__entry"
          [class.verdicts__entry--retracted]="entry.retracted"
        >
          <div class="verdicts__head">
            <pw-status-chip [look]="entry.look" />
            @if (entry.retracted) {
              <strong class="verdicts__retracted"
                >Criteria met retracted</strong
              >
            }
          </div>
          <p class="verdicts__what">{{ entry.cause }}</p>
          <p class="verdicts__meta">
            {{ entry.evaluatedAt | date: 'd MMM y, HH:mm' }} ·
            {{ entry.protocol }} · evaluation rules v{{ entry.rulesVersion }}
          </p>
        </li>
      }
    </ol>
  `,
  styles: `
    .verdicts {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .verdicts__entry {
      border-left: 3px solid var(--mat-sys-outline-variant, #ccc);
      padding: 0.25rem 0 0.75rem 0.75rem;
    }
    .verdicts__entry--retracted {
      border-left-color: var(--mat-sys-error, #b3261e);
    }
    .verdicts__head {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .verdicts__retracted {
      color: var(--mat-sys-error, #b3261e);
    }
    .verdicts__what,
    .verdicts__meta {
      margin: 0.25rem 0 0;
    }
    .verdicts__meta {
      color: var(--mat-sys-on-surface-variant, #555);
      font-size: 0.875rem;
    }
  `,
})
export class VerdictHistoryComponent {
  readonly workup = input.required<WorkupView>();
  private readonly workups = inject(WorkupsService);
  // Every change of the workup (an item action answers with the whole workup) reloads the history.
  private readonly query = computed(() => ({
    id: this.workup().id,
    changed: this.workup()
      .items.map((i) => i.version)
      .join(','),
    overall: this.workup().evaluation.overall,
    status: this.workup().status,
  }));
  protected readonly state = loadState(this.query, (q) =>
    this.workups.verdicts(q.id),
  );
  protected readonly entries = computed(() =>
    [...(this.state().value ?? [])].reverse().map((snapshot) => ({
      id: snapshot.id,
      look: overallLook(snapshot.overall),
      retracted: snapshot.retracted,
      cause: causeText(snapshot),
      evaluatedAt: snapshot.evaluatedAt,
      protocol: `${snapshot.protocol.key} v${snapshot.protocol.version}`,
      rulesVersion: snapshot.rulesVersion,
    })),
  );
}
