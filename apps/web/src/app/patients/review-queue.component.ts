import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { of } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { loadState } from '../core/data/load-state';
import { IconComponent } from '../core/ui/icon.component';
import { WorklistService } from '../worklist/worklist.service';

/**
 * A hematologist's review queue on their start page: how many results of the workups they attend
 * await their review, linking to that worklist bucket. Counted by the worklist itself, so the
 * number is the one the bucket's tab shows.
 */
@Component({
  selector: 'pw-review-queue',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, IconComponent],
  template: `
    @if (me(); as id) {
      <a
        class="queue"
        [class.queue--empty]="count() === 0"
        routerLink="/worklist"
        [queryParams]="{ bucket: 'awaiting_review', attending: id }"
        data-review-queue
      >
        <pw-icon name="assignment" />
        @if (!loaded()) {
          <span>Review queue</span>
        } @else {
          <span
            ><strong class="queue__count">{{ countText() }}</strong>
            {{ count() === 1 ? 'result awaits' : 'results await' }} your
            review</span
          >
        }
      </a>
    }
  `,
  styles: `
    .queue {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      border-radius: 0.5rem;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      text-decoration: none;
      font: var(--mat-sys-body-large);
    }
    .queue:hover,
    .queue:focus-visible {
      text-decoration: underline;
    }
    .queue--empty {
      background: transparent;
      color: inherit;
    }
  `,
})
export class ReviewQueueComponent {
  private readonly auth = inject(AuthService);
  private readonly worklist = inject(WorklistService);
  protected readonly me = computed(() => {
    const user = this.auth.user();
    return user?.role === 'hematologist' ? user.id : null;
  });
  protected readonly state = loadState(this.me, (attending) =>
    attending === null
      ? of(null)
      : this.worklist.page({
          bucket: 'awaiting_review',
          page: 1,
          pageSize: 1,
          sort: 'dueDate',
          attending,
        }),
  );
  protected readonly loaded = computed(() => {
    const page = this.state().value;
    return page !== null && page !== undefined;
  });
  protected readonly count = computed(
    () => this.state().value?.counts.awaiting_review ?? 0,
  );
  /** The worklist stops counting at its cap: a count equal to it means "at least". */
  protected readonly countText = computed(() => {
    const page = this.state().value;
    const cap = page?.countCap;
    return cap !== undefined && this.count() >= cap
      ? `${cap}+`
      : `${this.count()}`;
  });
}
