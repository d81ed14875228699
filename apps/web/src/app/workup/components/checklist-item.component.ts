import { cellFinding } from './coverage-matrix.component';
import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
} from '@angular/core';
import {
  contradictionNote,
  effectiveFindings,
  type ItemAction,
  type ProtocolDefinition,
} from '@poems/domain';
import { type WorkupItemView } from '@poems/contract';
import {
  StatusChipComponent,
  type StatusLook,
} from '../../core/ui/status-chip.component';
import {
  criterionName,
  FINDING_LABELS,
} from '../util/workup-labels';
import { findingLook, itemStatusLook } from '../util/workup-looks';
import { ItemActionsComponent } from './item-actions.component';
import { ResultSummaryComponent } from './result-summary.component';
import {
  CalendarDatePipe,
  ClinicDateTimePipe,
} from '../../core/clock/clinic-time.pipes';

const OVERDUE: StatusLook = {
  tone: 'warning',
  icon: 'warning',
  label: 'Overdue',
};

/** One checklist item: its state, dates, result, findings and the actions the user may take. */
@Component({
  selector: 'pw-checklist-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDatePipe,
    ClinicDateTimePipe,
    ItemActionsComponent,
    StatusChipComponent,
    ResultSummaryComponent,
  ],
  templateUrl: './checklist-item.component.html',
  styleUrl: './checklist-item.component.scss',
})
export class ChecklistItemComponent {
  readonly item = input.required<WorkupItemView>();
  /** The actions this user may take on it now (empty for read-only users). */
  readonly actions = input.required<readonly ItemAction[]>();
  readonly protocol = input.required<ProtocolDefinition | null>();
  /** The item a link pointed at (`?item=`): scrolled to, focused and marked. */
  readonly highlighted = input(false);
  readonly act = output<ItemAction>();
  readonly showHistory = output();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private broughtIntoView = false;

  constructor() {
    afterRenderEffect(() => {
      if (!this.highlighted() || this.broughtIntoView) {
        return;
      }
      this.broughtIntoView = true;
      const article = this.host.nativeElement.querySelector('article');
      // jsdom has no layout, hence no scrollIntoView.
      article?.scrollIntoView?.({ block: 'center' });
      // Focus moves a screen reader to the item too; the scroll above already placed it.
      article?.focus({ preventScroll: true });
    });
  }

  protected readonly overdue = OVERDUE;
  protected readonly headingId = computed(() => `item-${this.item().key}`);
  /** Where the current result came from: typed, a laboratory interface, an inbox decision. */
  protected readonly sourceText = computed(() =>
    resultSourceText(this.item().resultSource),
  );
  protected readonly inactive = computed(() => !this.item().active);
  protected readonly statusLook = computed(() =>
    itemStatusLook(this.item().status),
  );
  protected readonly findings = computed(() =>
    effectiveFindings(this.item().findings).map((f) => ({
      criterion: criterionName(this.protocol(), f.criterion),
      look: findingLook(f.value),
      // An assertion that overrides a rule says which rule, what it read, who asserted and when.
      source:
        f.source === 'asserted'
          ? f.overrides
            ? (contradictionNote(
                f,
                this.item().findings.find(
                  (i) => i.source === 'inferred' && i.criterion === f.criterion,
                ),
              ) ??
              `asserted, overrides inferred ${FINDING_LABELS[f.overrides].toLowerCase()}`)
            : 'asserted'
          : 'inferred',
      basis: f.basis ?? null,
    })),
  );
  /** The criteria the item establishes, then those it supports, each with its current finding. */
  protected readonly covers = computed(() => {
    const item = this.item();
    return [
      ...item.covers.establishes.map((key) => ({
        key,
        coverage: 'establishes' as const,
      })),
      ...item.covers.supports.map((key) => ({
        key,
        coverage: 'supports' as const,
      })),
    ].map(({ key, coverage }) => {
      const finding = cellFinding(item, key);
      return {
        key,
        coverage,
        name: criterionName(this.protocol(), key),
        finding,
        label: findingLook(finding).label.toLowerCase(),
      };
    });
  });
  protected readonly note = computed(
    () =>
      this.protocol()?.items.find((i) => i.key === this.item().key)?.note ??
      null,
  );
}

/** Where a result came from, in words. */
export function resultSourceText(
  source: WorkupItemView['resultSource'],
): string | null {
  switch (source?.kind) {
    case undefined:
      return null;
    case 'typed':
      return 'Result typed in';
    case 'interface':
      return `Result from laboratory interface ${source.interfaceName}, message ${source.controlId}`;
    case 'inbox':
      return `Result applied from the inbox (laboratory interface ${source.interfaceName}, message ${source.controlId})`;
  }
}
