import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ListTableComponent } from '../core/ui/list-table.component';
import type { PageEvent } from '@angular/material/paginator';
import {
  MatSortModule,
  type Sort,
  type SortDirection,
} from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { AuditEventView } from '@poems/contract';
import { map } from 'rxjs';
import { loadState } from '../core/data/load-state';
import { Download } from '../core/download/download';
import { DownloadButtonComponent } from '../core/download/download-button.component';
import { roleLabel } from '../core/format/labels';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { IconComponent } from '../core/ui/icon.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../core/ui/status-chip.component';
import { AuditEventDetailsComponent } from './components/audit-event-details.component';
import { AuditFiltersComponent } from './components/audit-filters.component';
import {
  ChainStatusComponent,
  type Verification,
} from './components/chain-status.component';
import { AuditService } from './data-access/audit.service';
import {
  type AuditFilters,
  type AuditSort,
  DEFAULT_AUDIT_SORT,
  auditQueryOf,
  auditUrlParams,
  filtersOf,
  sameAuditQuery,
} from './util/audit-query';
import { ClinicDateTimePipe } from '../core/clock/clinic-time.pipes';

const OUTCOME_LOOKS: Readonly<Record<AuditEventView['outcome'], StatusLook>> = {
  success: { tone: 'ok', icon: 'check-circle', label: 'Success' },
  failure: { tone: 'danger', icon: 'error', label: 'Failure' },
};

/**
 * The audit log for auditors: whether its hash chain verifies, the events filtered and sorted
 * through the URL, each event's changes on demand, and the CSV export of every match. Rows name
 * patients by id only.
 */
@Component({
  selector: 'pw-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ListTableComponent,
    ClinicDateTimePipe,
    RouterLink,
    MatButtonModule,
    MatSortModule,
    MatTableModule,
    AuditEventDetailsComponent,
    AuditFiltersComponent,
    ChainStatusComponent,
    DownloadButtonComponent,
    ErrorAlertComponent,
    IconComponent,
    StatusChipComponent,
  ],
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.scss',
})
export default class AuditPageComponent {
  /** `?from=`: local date and time, `YYYY-MM-DDTHH:mm`. */
  readonly from = input<string>();
  /** `?to=`: local date and time (exclusive). */
  readonly to = input<string>();
  readonly actor = input<string>();
  readonly patientId = input<string>();
  /** `?patient=`: an MRN or a name, as the patient list's search takes it. */
  readonly patient = input<string>();
  readonly action = input<string>();
  readonly entityType = input<string>();
  readonly outcome = input<string>();
  /** `?sort=`, e.g. `-occurredAt` or `action`. */
  readonly sort = input<string>();
  /** `?page=`, 1-based. */
  readonly page = input<string>();

  private readonly audit = inject(AuditService);
  private readonly router = inject(Router);

  protected readonly query = computed(
    () =>
      auditQueryOf({
        from: this.from(),
        to: this.to(),
        actor: this.actor(),
        patientId: this.patientId(),
        patient: this.patient(),
        action: this.action(),
        entityType: this.entityType(),
        outcome: this.outcome(),
        sort: this.sort(),
        page: this.page(),
      }),
    { equal: sameAuditQuery },
  );
  protected readonly filters = computed(() => filtersOf(this.query()));
  private readonly revision = signal(0);
  protected readonly state = loadState(
    computed(() => ({ query: this.query(), revision: this.revision() })),
    ({ query }) => this.audit.list(query),
  );
  protected readonly rows = computed(() => this.state().value?.items ?? []);
  protected readonly total = computed(() => this.state().value?.total ?? 0);

  /**
   * Verified once when the page opens, then on request: verifying walks the whole chain, so it is
   * not repeated for every filter change.
   */
  private readonly verifications = signal(0);
  protected readonly verification = loadState(this.verifications, () =>
    this.audit
      .verify()
      .pipe(map((view): Verification => ({ view, at: new Date() }))),
  );

  protected readonly sortActive = computed(() =>
    this.query().sort.replace(/^-/, ''),
  );
  protected readonly sortDirection = computed<SortDirection>(() =>
    this.query().sort.startsWith('-') ? 'desc' : 'asc',
  );
  protected readonly columns = [
    'occurredAt',
    'actor',
    'action',
    'outcome',
    'patientId',
    'entityType',
    'details',
  ];
  private readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly csv = new Download();
  protected readonly roleLabel = roleLabel;

  protected outcomeLook(outcome: AuditEventView['outcome']): StatusLook {
    return OUTCOME_LOOKS[outcome];
  }

  protected isExpanded(row: AuditEventView): boolean {
    return this.expanded().has(row.id);
  }

  protected toggle(row: AuditEventView): void {
    this.expanded.update((ids) => {
      const next = new Set(ids);
      if (!next.delete(row.id)) {
        next.add(row.id);
      }
      return next;
    });
  }

  protected applyFilters(filters: AuditFilters): void {
    void this.router.navigate([], {
      queryParams: auditUrlParams(filters),
      queryParamsHandling: 'merge',
    });
  }

  protected clearFilters(): void {
    const sort = this.query().sort;
    void this.router.navigate([], {
      queryParams: sort === DEFAULT_AUDIT_SORT ? {} : { sort },
    });
  }

  protected changeSort(sort: Sort): void {
    const value =
      `${sort.direction === 'desc' ? '-' : ''}${sort.active}` as AuditSort;
    void this.router.navigate([], {
      queryParams: {
        sort: value === DEFAULT_AUDIT_SORT ? null : value,
        page: null,
      },
      queryParamsHandling: 'merge',
    });
  }

  protected changePage(event: PageEvent): void {
    void this.router.navigate([], {
      queryParams: { page: event.pageIndex === 0 ? null : event.pageIndex + 1 },
      queryParamsHandling: 'merge',
    });
  }

  protected retry(): void {
    this.revision.update((n) => n + 1);
  }

  protected verify(): void {
    this.verifications.update((n) => n + 1);
  }

  protected download(): void {
    this.csv.start(this.audit.download(this.filters(), this.query().sort));
  }
}
