import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import {
  MatPaginatorModule,
  type PageEvent,
} from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ViewportService } from '../layout/viewport.service';

/** Height of a header row and of a body row of a Material table (density 0), in rem. */
const HEADER_REM = 3.5;
const ROW_REM = 3.25;

/**
 * The frame every list page shares around its `mat-table`: a keyboard-scrollable region, a
 * loading bar that takes no room, the room of a full page reserved until the first page arrives
 * (the table no longer jumps from one row to twenty) with the paginator shown only then (so it
 * appears in place instead of moving up to a shorter page), rows stacked as cards on a phone (each cell
 * labelled by its `data-label`; the rules are global in styles.scss, as they style the projected
 * table), and the paginator. Columns, cells and sorting stay with the page.
 */
@Component({
  selector: 'pw-list-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatPaginatorModule, MatProgressBarModule],
  template: `
    <div
      class="table-scroll pw-list-table"
      [class.pw-list-table--stacked]="stacked()"
      tabindex="0"
      role="region"
      [attr.aria-label]="label()"
      [style.min-height]="reserved()"
    >
      @if (loading()) {
        <mat-progress-bar
          class="pw-list-table__loading"
          mode="indeterminate"
          [attr.aria-label]="'Loading ' + label().toLowerCase()"
        />
      }
      <ng-content />
    </div>
    <mat-paginator
      [length]="length()"
      [pageIndex]="pageIndex()"
      [pageSize]="pageSize()"
      [hidePageSize]="pageSizeOptions().length === 0"
      [pageSizeOptions]="sizeOptions()"
      (page)="pageChange.emit($event)"
      [attr.aria-label]="pagesLabel()"
      [style.visibility]="pending() ? 'hidden' : null"
    />
  `,
  styles: `
    :host {
      display: block;
    }

    .pw-list-table {
      position: relative;
    }

    // Above the table, taking no room: a bar that came and went moved every row by its height.
    .pw-list-table > .pw-list-table__loading {
      position: absolute;
      inset: 0 0 auto;
      z-index: 1;
    }
  `,
})
export class ListTableComponent {
  /** Names the region and the loading bar ("Patients"). */
  readonly label = input.required<string>();
  /** Names the paginator ("Pages of patients"). */
  readonly pagesLabel = input.required<string>();
  readonly loading = input(false);
  /** True until the first page has arrived: the room of a full page stays reserved. */
  readonly pending = input(false);
  readonly length = input.required<number>();
  /** 0-based, as the paginator counts. */
  readonly pageIndex = input.required<number>();
  readonly pageSize = input.required<number>();
  /** Page sizes to choose from; none hides the chooser. */
  readonly pageSizeOptions = input<readonly number[]>([]);
  /**
   * Below which size class rows become cards: on a phone always (columns never fit 390 px), on
   * a tablet too for tables whose actions would otherwise hide behind a sideways scroll.
   */
  readonly stackOn = input<'handset' | 'compact'>('handset');
  readonly pageChange = output<PageEvent>();

  private readonly viewport = inject(ViewportService);
  protected readonly stacked = computed(() =>
    this.stackOn() === 'compact'
      ? this.viewport.compact()
      : this.viewport.handset(),
  );
  protected readonly sizeOptions = computed(() => [...this.pageSizeOptions()]);
  protected readonly reserved = computed(() =>
    this.pending() ? `${HEADER_REM + ROW_REM * this.pageSize()}rem` : null,
  );
}
