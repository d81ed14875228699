import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import {
  ITEM_KINDS,
  type ItemAction,
  type ProtocolDefinition,
  type Role,
} from '@poems/domain';
import { type WorkupItemView, type WorkupView } from '@poems/contract';
import { itemActionsFor } from '../util/item-actions';
import { KIND_LABELS } from '../util/workup-labels';
import { ChecklistItemComponent } from './checklist-item.component';

/** A request to act on an item. */
export interface ItemActionRequest {
  readonly item: WorkupItemView;
  readonly action: ItemAction;
}

/** The workup's checklist, grouped by kind of test, with each item's permitted actions. */
@Component({
  selector: 'pw-checklist',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChecklistItemComponent],
  template: `
    @for (group of groups(); track group.kind) {
      <section class="group" [attr.aria-labelledby]="'kind-' + group.kind">
        <h3 class="group__title" [id]="'kind-' + group.kind">
          {{ group.label }}
          <span class="group__count">({{ group.items.length }})</span>
        </h3>
        <ul class="group__items">
          @for (entry of group.items; track entry.item.key) {
            <li>
              <pw-checklist-item
                [item]="entry.item"
                [actions]="entry.actions"
                [protocol]="protocol()"
                [highlighted]="entry.item.key === highlight()"
                (act)="act.emit({ item: entry.item, action: $event })"
                (showHistory)="showHistory.emit(entry.item)"
              />
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .group__title {
      margin: 1.25rem 0 0.5rem;
      font: var(--mat-sys-title-medium);
    }
    .group__count {
      font-weight: 400;
      color: var(--pw-muted-fg);
    }
    .group__items {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
})
export class ChecklistComponent {
  readonly workup = input.required<WorkupView>();
  readonly role = input.required<Role | null>();
  readonly protocol = input.required<ProtocolDefinition | null>();
  /** The key of the item a link pointed at, if any. */
  readonly highlight = input<string | null>(null);
  readonly act = output<ItemActionRequest>();
  readonly showHistory = output<WorkupItemView>();

  protected readonly groups = computed(() => {
    const workup = this.workup();
    const open = workup.status === 'open';
    return ITEM_KINDS.map((kind) => ({
      kind,
      label: KIND_LABELS[kind],
      items: workup.items
        .filter((item) => item.kind === kind)
        .map((item) => ({
          item,
          actions: itemActionsFor(this.role(), item, open),
        })),
    })).filter((group) => group.items.length > 0);
  });
}
