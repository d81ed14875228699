import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type {
  BulkAction,
  BulkActionResult,
  WorklistRow,
} from '@poems/contract';
import { bulkFailures, bulkSummary } from '../util/bulk-action';

/** A finished bulk action: how many were done, and each item not done with why. */
@Component({
  selector: 'pw-bulk-result',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p role="status" class="summary">{{ summary() }}</p>
    @if (failures().length > 0) {
      <h3 class="failed-title">Not done</h3>
      <ul class="failed">
        @for (failure of failures(); track $index) {
          <li>
            <strong>{{ failure.label }}</strong
            >: {{ failure.reason }}
          </li>
        }
      </ul>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .failed-title {
      margin: 0.75rem 0 0.25rem;
      font: var(--mat-sys-title-small);
    }
    .failed {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
  `,
})
export class BulkResultComponent {
  readonly action = input.required<BulkAction>();
  readonly result = input.required<BulkActionResult>();
  /** The acted-on rows, in the order of the result's items. */
  readonly rows = input.required<readonly WorklistRow[]>();

  protected readonly summary = computed(() =>
    bulkSummary(this.action(), this.result()),
  );
  protected readonly failures = computed(() =>
    bulkFailures(this.result(), this.rows()),
  );
}
