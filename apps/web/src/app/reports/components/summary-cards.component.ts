import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { OVERALL_RESULTS, type CompletionReportSummary } from '@poems/contract';
import { StatusChipComponent } from '../../core/ui/status-chip.component';
import { overallLook } from '../../workup/util/workup-looks';
import { formatDays } from '../util/report-charts';

/** The report's headline numbers, over every row of the report (not only the page shown). */
@Component({
  selector: 'pw-summary-cards',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatusChipComponent],
  template: `
    <ul class="cards">
      <li class="card" data-card="workups">
        <h3 class="card__title">Workups</h3>
        <p class="card__value">{{ summary().workups }}</p>
        <p class="card__detail">
          {{ summary().byStatus.open }} open, {{ summary().byStatus.closed }}
          closed
        </p>
      </li>
      <li class="card" data-card="overall">
        <h3 class="card__title">Overall result</h3>
        <ul class="card__list">
          @for (row of overall(); track row.key) {
            <li>
              <pw-status-chip [look]="row.look" />
              <span class="card__count">{{ row.count }}</span>
            </li>
          }
        </ul>
      </li>
      <li class="card" data-card="completion">
        <h3 class="card__title">Median days to completion</h3>
        <p class="card__value">
          {{ median(summary().completion.medianDaysToCompletion) }}
        </p>
        <p class="card__detail">{{ closedDetail() }}</p>
      </li>
      <li class="card" data-card="overdue">
        <h3 class="card__title">Overdue items</h3>
        <p class="card__value">{{ summary().items.overdue }}</p>
        <p class="card__detail">
          In {{ summary().workupsWithOverdueItems }}
          {{ summary().workupsWithOverdueItems === 1 ? 'workup' : 'workups' }};
          {{ summary().items.total }} active items, {{ summary().items.done }}
          done
        </p>
      </li>
      <li class="card" data-card="criteria-met">
        <h3 class="card__title">Median days to criteria met</h3>
        <p class="card__value">
          {{ median(summary().criteriaMet.medianDaysToCriteriaMet) }}
        </p>
        <p class="card__detail">{{ metDetail() }}</p>
      </li>
    </ul>
  `,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .card {
      padding: 0.75rem 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-lowest);
    }
    .card__title {
      margin: 0;
      font: var(--mat-sys-title-small);
      color: var(--pw-muted-fg);
    }
    .card__value {
      margin: 0.25rem 0 0;
      font: var(--mat-sys-headline-medium);
    }
    .card__detail {
      margin: 0.25rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--pw-muted-fg);
    }
    .card__list {
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
      margin: 0.5rem 0 0;
      padding: 0;
      list-style: none;

      li {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
      }
    }
    .card__count {
      font: var(--mat-sys-title-medium);
    }
  `,
})
export class SummaryCardsComponent {
  readonly summary = input.required<CompletionReportSummary>();

  protected readonly overall = computed(() =>
    OVERALL_RESULTS.map((key) => ({
      key,
      look: overallLook(key),
      count: this.summary().byOverall[key],
    })),
  );

  protected readonly closedDetail = computed(() => {
    const n = this.summary().completion.closedWorkups;
    return n === 0
      ? 'No workup closed yet'
      : `Over ${n} closed ${n === 1 ? 'workup' : 'workups'}`;
  });
  protected readonly metDetail = computed(() => {
    const n = this.summary().criteriaMet.workups;
    return n === 0
      ? 'No workup has met the criteria yet'
      : `Over ${n} ${n === 1 ? 'workup' : 'workups'} that met the criteria`;
  });

  /** A median in days, or words when nothing was measured. */
  protected median(days: number | null): string {
    return days === null ? 'None yet' : formatDays(days);
  }
}
