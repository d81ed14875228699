import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ListTableComponent } from '../core/ui/list-table.component';
import type { PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { CompletionReportRow } from '@poems/contract';
import { loadState } from '../core/data/load-state';
import { Download } from '../core/download/download';
import { DownloadButtonComponent } from '../core/download/download-button.component';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { StatusChipComponent } from '../core/ui/status-chip.component';
import { overallLook } from '../workup/util/workup-looks';
import { BarChartComponent } from './components/bar-chart.component';
import {
  type AttendingOption,
  ReportFiltersComponent,
} from './components/report-filters.component';
import { SummaryCardsComponent } from './components/summary-cards.component';
import { ClinicCalendar } from './data-access/clinic-calendar';
import { type ReportFile, ReportsService } from './data-access/reports.service';
import {
  completionChart,
  overdueChart,
  turnaroundChart,
} from './util/report-charts';
import {
  type ReportFilters,
  reportQueryOf,
  reportUrlParams,
  sameReportQuery,
} from './util/report-query';
import { compareRows, type ReportColumn } from './util/report-table';
import { CalendarDatePipe } from '../core/clock/clinic-time.pipes';

/**
 * The auditors' completion report: a period and filters kept in the URL, the summary of every
 * workup they select, charts of its distributions, a page of the rows, and the CSV and PDF
 * exports of all of them.
 */
@Component({
  selector: 'pw-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ListTableComponent,
    CalendarDatePipe,
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatSortModule,
    MatTableModule,
    BarChartComponent,
    DownloadButtonComponent,
    ErrorAlertComponent,
    ReportFiltersComponent,
    StatusChipComponent,
    SummaryCardsComponent,
  ],
  templateUrl: './reports-page.component.html',
  styleUrl: './reports-page.component.scss',
})
export default class ReportsPageComponent {
  /** `?from=`: first clinic date of the period, `YYYY-MM-DD`. */
  readonly from = input<string>();
  /** `?to=`: last clinic date of the period. */
  readonly to = input<string>();
  /** `?attending=`: a hematologist's user id. */
  readonly attending = input<string>();
  /** `?status=`: `open` or `closed`. */
  readonly status = input<string>();
  /** `?overall=`: an overall result. */
  readonly overall = input<string>();
  /** `?page=`, 1-based. */
  readonly page = input<string>();

  private readonly reports = inject(ReportsService);
  private readonly calendar = inject(ClinicCalendar);
  private readonly router = inject(Router);

  protected readonly query = computed(
    () =>
      reportQueryOf(
        {
          from: this.from(),
          to: this.to(),
          attending: this.attending(),
          status: this.status(),
          overall: this.overall(),
          page: this.page(),
        },
        this.calendar.today(),
      ),
    { equal: sameReportQuery },
  );
  protected readonly filters = computed((): ReportFilters => {
    const { page: _page, pageSize: _size, ...filters } = this.query();
    return filters;
  });
  private readonly revision = signal(0);
  protected readonly state = loadState(
    computed(() => ({ query: this.query(), revision: this.revision() })),
    ({ query }) => this.reports.completion(query),
  );
  protected readonly report = computed(() => this.state().value ?? null);
  protected readonly charts = computed(() => {
    const summary = this.report()?.summary;
    return summary === undefined
      ? []
      : [
          completionChart(summary),
          turnaroundChart(summary),
          overdueChart(summary),
        ];
  });

  /** Attendings seen in this visit's reports, so narrowing to one still offers the others. */
  private readonly knownAttendings = signal<ReadonlyMap<string, string>>(
    new Map(),
  );
  protected readonly attendingOptions = computed((): AttendingOption[] => {
    const known = this.knownAttendings();
    const selected = this.query().attending;
    const options = [...known].map(([id, name]) => ({ id, name }));
    if (selected !== undefined && !known.has(selected)) {
      options.push({ id: selected, name: 'The selected attending' });
    }
    return options.sort((a, b) => a.name.localeCompare(b.name));
  });

  private readonly sort = signal<Sort>({ active: '', direction: '' });
  protected readonly rows = computed(() => {
    const rows = [...(this.report()?.items ?? [])];
    const { active, direction } = this.sort();
    return direction === ''
      ? rows
      : rows.sort((a, b) =>
          compareRows(a, b, active as ReportColumn, direction),
        );
  });
  protected readonly columns: readonly ReportColumn[] = [
    'patientName',
    'mrn',
    'attendingName',
    'status',
    'openedOn',
    'closedOn',
    'daysOpen',
    'percentComplete',
    'itemsOverdue',
    'overall',
    'daysToCriteriaMet',
  ];

  protected readonly csv = new Download();
  protected readonly pdf = new Download();
  protected readonly overallLook = overallLook;

  constructor() {
    effect(() => {
      const report = this.state().value;
      if (report === undefined) {
        return;
      }
      // Dates default to the clinic's calendar, which the report states.
      this.calendar.learn(report.timeZone);
      const seen = report.summary.byAttending.filter(
        (a) => a.attendingId !== null,
      );
      const known = untracked(this.knownAttendings);
      if (
        seen.some((a) => known.get(a.attendingId ?? '') !== a.attendingName)
      ) {
        const next = new Map(known);
        for (const a of seen) {
          next.set(a.attendingId ?? '', a.attendingName ?? 'Unnamed user');
        }
        this.knownAttendings.set(next);
      }
    });
  }

  protected applyFilters(filters: ReportFilters): void {
    void this.router.navigate([], { queryParams: reportUrlParams(filters) });
  }

  protected resetFilters(): void {
    void this.router.navigate([], { queryParams: {} });
  }

  protected changePage(event: PageEvent): void {
    void this.router.navigate([], {
      queryParams: { page: event.pageIndex === 0 ? null : event.pageIndex + 1 },
      queryParamsHandling: 'merge',
    });
  }

  protected changeSort(sort: Sort): void {
    this.sort.set(sort);
  }

  protected retry(): void {
    this.revision.update((n) => n + 1);
  }

  protected download(file: ReportFile): void {
    (file === 'csv' ? this.csv : this.pdf).start(
      this.reports.download(this.filters(), file),
    );
  }

  protected percent(row: CompletionReportRow): string {
    return `${row.percentComplete} %`;
  }
}
