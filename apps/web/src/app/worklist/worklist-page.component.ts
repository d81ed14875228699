import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { PageEvent } from '@angular/material/paginator';
import {
  MatSortModule,
  type Sort,
  type SortDirection,
} from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { WORKLIST_BUCKETS } from '@poems/domain';
import { type BulkAction, type WorklistRow } from '@poems/contract';
import { AuthService } from '../core/auth/auth.service';
import { loadState } from '../core/data/load-state';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { ListTableComponent } from '../core/ui/list-table.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../core/ui/status-chip.component';
import type { ActionOutcome } from '../workup/dialogs/action-dialog';
import { ItemActionDialogs } from '../workup/dialogs/item-action-dialogs.service';
import { itemActionsFor } from '../workup/util/item-actions';
import { actionLabel } from '../workup/util/workup-labels';
import { itemStatusLook } from '../workup/util/workup-looks';
import {
  BulkActionDialogComponent,
  type BulkDialogData,
  type BulkDialogOutcome,
} from './bulk-action-dialog.component';
import { CalendarSubscriptionComponent } from './calendar-subscription.component';
import { WorklistService } from './worklist.service';
import { attendingOptions, withAttendingsOf } from './util/attendings';
import { bulkAnnouncement } from './util/bulk-action';
import {
  BUCKET_LABELS,
  TEST_OPTIONS,
  worklistQuery,
} from './util/worklist-query';
import {
  groupByPatient,
  isGroup,
  type PatientGroupRow,
  rowId,
  selectable,
  toggledGroup,
  type WorklistTableRow,
} from './util/worklist-rows';
import {
  CalendarDatePipe,
  ClinicDateTimePipe,
} from '../core/clock/clinic-time.pipes';

const OVERDUE: StatusLook = {
  tone: 'warning',
  icon: 'warning',
  label: 'Overdue',
};

@Component({
  selector: 'pw-worklist-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDatePipe,
    ClinicDateTimePipe,
    RouterLink,
    MatButtonModule,
    MatSortModule,
    MatTableModule,
    MatTabsModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ErrorAlertComponent,
    ListTableComponent,
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
  /** `?patient=`: MRN or name words. */
  readonly patient = input<string>();
  /** `?item=`: a test's catalog key. */
  readonly item = input<string>();
  /** `?location=`: start of a location's name. */
  readonly location = input<string>();
  /** `?attending=`: the attending hematologist's user id. */
  readonly attending = input<string>();
  /** `?group=patient`: one heading per patient. */
  readonly group = input<string>();

  private readonly worklist = inject(WorklistService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly actionDialogs = inject(ItemActionDialogs);
  private readonly dialog = inject(MatDialog);

  private readonly revision = signal(0);
  protected readonly grouped = computed(() => this.group() === 'patient');
  protected readonly query = computed(() => ({
    ...worklistQuery({
      bucket: this.bucket(),
      page: this.page(),
      sort: this.sort(),
      patient: this.patient(),
      item: this.item(),
      location: this.location(),
      attending: this.attending(),
      grouped: this.grouped(),
    }),
    revision: this.revision(),
  }));
  protected readonly state = loadState(this.query, (q) =>
    this.worklist.page(q),
  );
  protected readonly rows = computed(() => this.state().value?.items ?? []);
  protected readonly tableRows = computed((): WorklistTableRow[] =>
    this.grouped() ? groupByPatient(this.rows()) : [...this.rows()],
  );
  protected readonly isGroup = (
    _index: number,
    row: WorklistTableRow,
  ): boolean => isGroup(row);
  protected readonly isItem = (
    _index: number,
    row: WorklistTableRow,
  ): boolean => !isGroup(row);
  protected readonly tests = TEST_OPTIONS;
  protected readonly filtered = computed(() => {
    const q = this.query();
    return [q.patient, q.item, q.location, q.attending].some(
      (v) => v !== undefined,
    );
  });
  /** Attendings to filter by: the user (a hematologist), and every one the list has shown. */
  private readonly seenAttendings = signal<ReadonlyMap<string, string>>(
    new Map(),
  );
  protected readonly attendingOptions = computed(() =>
    attendingOptions(
      this.seenAttendings(),
      this.query().attending,
      this.auth.user(),
    ),
  );
  /** Selected rows, by {@link rowId}; cleared whenever the list changes. */
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedRows = computed(() =>
    this.rows().filter((row) => this.selected().has(rowId(row))),
  );
  protected readonly selectableRows = computed(() =>
    this.rows().filter(selectable),
  );
  protected readonly allSelected = computed(
    () =>
      this.selectableRows().length > 0 &&
      this.selectableRows().every((row) => this.selected().has(rowId(row))),
  );
  protected readonly canBulk = computed(() => ({
    schedule: this.auth.may('item.schedule'),
    perform: this.auth.may('item.perform'),
  }));
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
  /** Awaiting result and review: when performed and how long waiting matter, not the booking. */
  protected readonly waiting = computed(
    () =>
      this.query().bucket === 'awaiting_result' ||
      this.query().bucket === 'awaiting_review',
  );
  protected readonly columns = computed(() => [
    ...(this.canBulk().schedule || this.canBulk().perform ? ['select'] : []),
    'patientName',
    'itemName',
    'status',
    ...(this.waiting()
      ? ['performedAt', 'daysWaiting']
      : ['dueDate', 'scheduledAt']),
    'actions',
  ]);
  protected readonly announcement = signal('');
  protected readonly overdue = OVERDUE;
  protected readonly bucketLabels = BUCKET_LABELS;
  protected readonly statusLook = itemStatusLook;
  protected readonly actionLabel = actionLabel;
  protected readonly rowId = rowId;
  protected readonly selectable = selectable;

  constructor() {
    effect(() => {
      // A new page or filter is a new list: a selection never reaches rows no longer shown.
      this.query();
      this.selected.set(new Set());
    });
    effect(() => {
      const seen = withAttendingsOf(this.seenAttendings(), this.rows());
      if (seen !== null) {
        this.seenAttendings.set(seen);
      }
    });
  }

  protected toggle(row: WorklistRow): void {
    const next = new Set(this.selected());
    if (!next.delete(rowId(row))) {
      next.add(rowId(row));
    }
    this.selected.set(next);
  }

  protected toggleAll(): void {
    this.selected.set(
      this.allSelected()
        ? new Set()
        : new Set(this.selectableRows().map(rowId)),
    );
  }

  protected groupSelected(group: PatientGroupRow): boolean {
    const rows = group.rows.filter(selectable);
    return rows.length > 0 && rows.every((r) => this.selected().has(rowId(r)));
  }

  protected toggleGroup(group: PatientGroupRow): void {
    this.selected.set(toggledGroup(this.selected(), group));
  }

  protected clearSelection(): void {
    this.selected.set(new Set());
  }

  /** Applies the filter form: each filter a query parameter, so a filtered list can be shared. */
  protected applyFilters(form: HTMLFormElement): void {
    const data = new FormData(form);
    const value = (name: string): string | null => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
    };
    this.navigateFilters({
      patient: value('patient'),
      location: value('location'),
    });
  }

  protected navigateFilters(params: Record<string, string | null>): void {
    void this.router.navigate([], {
      queryParams: { ...params, page: null },
      queryParamsHandling: 'merge',
    });
  }

  protected clearFilters(): void {
    this.navigateFilters({
      patient: null,
      item: null,
      location: null,
      attending: null,
    });
  }

  protected setGrouped(grouped: boolean): void {
    this.navigateFilters({ group: grouped ? 'patient' : null });
  }

  protected bulk(action: BulkAction): void {
    const rows = this.selectedRows();
    if (rows.length === 0) {
      return;
    }
    this.dialog
      .open<BulkActionDialogComponent, BulkDialogData, BulkDialogOutcome>(
        BulkActionDialogComponent,
        { data: { action, rows }, width: 'min(36rem, 95vw)' },
      )
      .afterClosed()
      .subscribe((outcome) => {
        if (outcome === undefined) {
          return;
        }
        this.announcement.set(bulkAnnouncement(action, outcome));
        if (outcome.succeeded > 0) {
          this.reload();
        }
      });
  }

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
