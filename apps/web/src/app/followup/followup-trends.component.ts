import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { FollowupRuleDefinition, LineFollowup } from '@poems/domain';
import type { FollowupResultView } from '@poems/contract';
import { lineTrends } from './followup-trends';
import { TrendChartComponent } from './trend-chart.component';

/** A treatment line's trend charts: VEGF, M-spike and dFLC, ONLS. */
@Component({
  selector: 'pw-followup-trends',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TrendChartComponent],
  template: `
    <section
      class="trends"
      [attr.aria-label]="'Trends of line ' + lineNumber()"
    >
      <h5 class="trends__title">Trends</h5>
      <div class="trends__charts">
        @for (chart of charts(); track chart.domain) {
          <pw-trend-chart
            [data]="chart"
            [id]="'trend-' + line().line.id + '-' + chart.domain"
          />
        }
      </div>
    </section>
  `,
  styles: `
    .trends__title {
      margin: 1rem 0 0.5rem;
      font: var(--mat-sys-title-small);
    }
    .trends__charts {
      display: grid;
      gap: 0.75rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
    }
  `,
})
export class FollowupTrendsComponent {
  readonly line = input.required<LineFollowup>();
  readonly results = input.required<readonly FollowupResultView[]>();
  readonly rules = input.required<readonly FollowupRuleDefinition[]>();
  readonly notice = input.required<string>();

  protected readonly lineNumber = computed(() => this.line().line.lineNumber);
  protected readonly charts = computed(() =>
    lineTrends({
      line: this.line(),
      results: this.results(),
      rules: this.rules(),
      notice: this.notice(),
    }),
  );
}
