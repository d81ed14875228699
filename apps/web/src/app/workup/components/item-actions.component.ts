import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import type { ItemAction, ItemStatus } from '@poems/domain';
import { ViewportService } from '../../core/layout/viewport.service';
import { IconComponent } from '../../core/ui/icon.component';
import { actionLabel } from '../util/workup-labels';

/**
 * An item's actions. On a desktop every action is a button; on phones and tablets a row of seven
 * buttons per item made the checklist thousands of pixels tall, so only the first action stays a
 * button, the rest go into a menu, and the history (read by everyone) stays a button.
 */
@Component({
  selector: 'pw-item-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgTemplateOutlet, MatButtonModule, MatMenuModule, IconComponent],
  template: `
    @if (compact()) {
      @if (primary(); as action) {
        <button
          mat-stroked-button
          type="button"
          class="item__action"
          [attr.data-action]="action"
          [attr.aria-label]="label(action) + ': ' + itemName()"
          (click)="act.emit(action)"
        >
          {{ label(action) }}
        </button>
      }
      @if (rest().length > 0) {
        <button
          mat-button
          type="button"
          class="item__more"
          [matMenuTriggerFor]="more"
          [attr.aria-label]="'More actions on ' + itemName()"
        >
          <pw-icon name="more-vert" />
          More
        </button>
        <mat-menu #more="matMenu">
          @for (action of rest(); track action) {
            <button
              mat-menu-item
              type="button"
              [attr.data-action]="action"
              (click)="act.emit(action)"
            >
              {{ label(action) }}
            </button>
          }
        </mat-menu>
      }
      <ng-container *ngTemplateOutlet="history" />
    } @else {
      @for (action of actions(); track action) {
        <button
          mat-stroked-button
          type="button"
          class="item__action"
          [attr.data-action]="action"
          [attr.aria-label]="label(action) + ': ' + itemName()"
          (click)="act.emit(action)"
        >
          {{ label(action) }}
        </button>
      }
      <ng-container *ngTemplateOutlet="history" />
    }
    <ng-template #history>
      <button
        mat-button
        type="button"
        class="item__history"
        [attr.aria-label]="'History of ' + itemName()"
        (click)="showHistory.emit()"
      >
        History
      </button>
    </ng-template>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
})
export class ItemActionsComponent {
  readonly itemName = input.required<string>();
  readonly status = input.required<ItemStatus>();
  /** The actions the user may take now, the most likely next one first. */
  readonly actions = input.required<readonly ItemAction[]>();
  readonly act = output<ItemAction>();
  readonly showHistory = output();

  protected readonly compact = inject(ViewportService).compact;
  protected readonly primary = computed(() => this.actions()[0] ?? null);
  protected readonly rest = computed(() => this.actions().slice(1));

  protected label(action: ItemAction): string {
    return actionLabel(action, this.status());
  }
}
