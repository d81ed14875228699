import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MatPaginatorModule,
  type PageEvent,
} from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  MatSortModule,
  type Sort,
  type SortDirection,
} from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import {
  WORKLIST_BUCKETS,
  WORKLIST_SORTS,
  type WorklistBucket,
  type WorklistRow,
  type WorklistSort,
} from '@poems/domain';
import { AuthService } from '../core/auth/auth.service';
import { loadState } from '../core/data/load-state';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../core/ui/status-chip.component';
import type { ActionOutcome } from '../workup/dialogs/action-dialog';
import { ItemActionDialogs } from '../workup/dialogs/item-action-dialogs.service';
import { itemActionsFor } from '../workup/util/item-actions';
import { actionLabel } from '../workup/util/workup-labels';
import { itemStatusLook } from '../workup/util/workup-looks';
import { CalendarSubscriptionComponent } from './calendar-subscription.component';
import { WorklistService } from './worklist.service';
import {
  CalendarDatePipe,
  ClinicDateTimePipe,
} from '../core/clock/clinic-time.pipes';

/** Rows per page of the worklist. */
export const WORKLIST_PAGE_SIZE = 25;

export const BUCKET_LABELS: Readonly<Record<WorklistBucket, string>> = {
  overdue: 'Overdue',
  due_soon: 'Due soon',
  unscheduled: 'Unscheduled',
  awaiting_result: 'Awaiting result',
  awaiting_review: 'Awaiting review',
};

const OVERDUE: StatusLook = {
  tone: 'warning',
  icon: 'warning',
  label: 'Overdue',
};

const isBucket = (value: string | undefined): value is WorklistBucket =>
  (WORKLIST_BUCKETS as readonly (string | undefined)[]).includes(value);
const isSort = (value: string | undefined): value is WorklistSort =>
  (WORKLIST_SORTS as readonly (string | undefined)[]).includes(value);

@Component({
  selector: 'pw-worklist-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDatePipe,
    ClinicDateTimePipe,
    RouterLink,
    MatButtonModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSortModule,
    MatTableModule,
    MatTabsModule,
    ErrorAlertComponent,
    StatusChipComponent,
    CalendarSubscriptionComponent,
  ],
  templateUrl: './worklist-page.component.html',
  styleUrl: './worklist-page.component.scss',
})
export default class WorklistPageComponent {
  /** `?bucket=` */
  readonly bucket = input<string>();
  /** `?page=`, 1-based. */
  readonly page = input<string>();
  /** `?sort=`, e.g. `dueDate` or `-patientName`. */
  readonly sort = input<string>();

  private readonly worklist = inject(WorklistService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly actionDialogs = inject(ItemActionDialogs);

  private readonly revision = signal(0);
  protected readonly query = computed(() => {
    const bucket = this.bucket();
    const sort = this.sort();
    return {
      bucket: isBucket(bucket) ? bucket : ('overdue' as const),
      page: Math.max(1, Number.parseInt(this.page() ?? '1', 10) || 1),
      pageSize: WORKLIST_PAGE_SIZE,
      sort: isSort(sort) ? sort : ('dueDate' as const),
      revision: this.revision(),
    };
  });
  protected readonly state = loadState(this.query, (q) =>
    this.worklist.page(q),
  );
  protected readonly rows = computed(() => this.state().value?.items ?? []);
  protected readonly total = computed(() => this.state().value?.total ?? 0);
  protected readonly tabs = computed(() =>
    WORKLIST_BUCKETS.map((bucket) => ({
      bucket,
      label: BUCKET_LABELS[bucket],
      count: this.state().value?.counts[bucket] ?? null,
    })),
  );
  protected readonly sortActive = computed(() =>
    this.query().sort.replace(/^-/, ''),
  );
  protected readonly sortDirection = computed<SortDirection>(() =>
    this.query().sort.startsWith('-') ? 'desc' : 'asc',
  );
  protected readonly columns = [
    'patientName',
    'itemName',
    'status',
    'dueDate',
    'scheduledAt',
    'actions',
  ];
  protected readonly announcement = signal('');
  protected readonly overdue = OVERDUE;
  protected readonly bucketLabels = BUCKET_LABELS;
  protected readonly statusLook = itemStatusLook;
  protected readonly actionLabel = actionLabel;

  /** Whether the user may schedule this row's item now. */
  protected canSchedule(row: WorklistRow): boolean {
    // A follow-up instance is scheduled on the patient's follow-up page: this dialog acts on
    // workup items, and the instance's key would name the workup's item instead.
    if (row.source === 'followup') {
      return false;
    }
    // Worklist rows are active items of open workups (inactive items belong to no bucket).
    return itemActionsFor(
      this.auth.role(),
      { status: row.status, active: true, required: true },
      true,
    ).includes('schedule');
  }

  protected changeSort(sort: Sort): void {
    const value = `${sort.direction === 'desc' ? '-' : ''}${sort.active}`;
    void this.router.navigate([], {
      queryParams: { sort: value, page: null },
      queryParamsHandling: 'merge',
    });
  }

  protected changePage(event: PageEvent): void {
    void this.router.navigate([], {
      queryParams: { page: event.pageIndex === 0 ? null : event.pageIndex + 1 },
      queryParamsHandling: 'merge',
    });
  }

  protected reload(): void {
    this.revision.update((n) => n + 1);
  }

  protected schedule(row: WorklistRow): void {
    this.actionDialogs
      .open({
        action: 'schedule',
        target: {
          workupId: row.workupId,
          key: row.itemKey,
          name: `${row.itemName} (${row.patientName})`,
          version: row.version,
          status: row.status,
          dueDate: row.dueDate,
          scheduledAt: row.scheduledAt,
          location: row.location,
          performedAt: null,
        },
      })
      .subscribe((outcome: ActionOutcome | undefined) => {
        if (outcome === undefined) {
          return;
        }
        this.announcement.set(
          outcome.kind === 'updated'
            ? `Scheduled ${row.itemName}.`
            : 'Reloaded the latest worklist.',
        );
        this.reload();
      });
  }
}
