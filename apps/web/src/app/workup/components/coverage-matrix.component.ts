import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  CRITERION_GROUPS,
  effectiveFindings,
  findingFor,
  isOpen,
  ITEM_KINDS,
  type CriterionGroup,
  type CriterionKey,
  type ProtocolDefinition,
} from '@poems/domain';
import { type WorkupItemView, type WorkupView } from '@poems/contract';
import { ViewportService } from '../../core/layout/viewport.service';
import { IconComponent } from '../../core/ui/icon.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../../core/ui/status-chip.component';
import {
  GROUP_LABELS,
  KIND_LABELS,
  itemAbbreviation,
} from '../util/workup-labels';
import {
  criterionStatusLook,
  findingLook,
  type CellFinding,
} from '../util/workup-looks';

/** Whether an item establishes or supports a criterion. */
export type Coverage = 'establishes' | 'supports';

interface Cell {
  readonly itemKey: string;
  readonly itemName: string;
  readonly coverage: Coverage | null;
  readonly finding: CellFinding;
  readonly look: StatusLook;
  /** The cell in words, for screen readers. */
  readonly text: string;
  /** Item, coverage, finding and the basis of an inferred finding, on hover and focus. */
  readonly tooltip: string;
}

interface Row {
  readonly key: CriterionKey;
  readonly name: string;
  readonly look: StatusLook;
  readonly cells: readonly Cell[];
}

/** What an item says about a criterion it covers. */
export function cellFinding(
  item: WorkupItemView,
  criterion: CriterionKey,
): CellFinding {
  const value = findingFor(item.findings, criterion);
  if (value !== undefined) {
    return value;
  }
  return item.active && isOpen(item.status) ? 'not_yet' : 'none';
}

/** How an item covers a criterion, if it does. */
export function coverageOf(
  item: WorkupItemView,
  criterion: CriterionKey,
): Coverage | null {
  return item.covers.establishes.includes(criterion)
    ? 'establishes'
    : item.covers.supports.includes(criterion)
      ? 'supports'
      : null;
}

/**
 * Criteria (rows) × checklist items (columns, grouped by kind, abbreviated): whether each item
 * establishes (strong mark) or supports (light mark) each criterion, and what it found. It fits a
 * 1280 px screen without scrolling sideways; each marked cell links to the item on the checklist
 * and names the item, its finding and basis on hover and focus. Marks are letters and icons with
 * words for screen readers, not colour alone. On a phone each criterion becomes a list of the
 * items covering it, with the same links and tooltips.
 */
@Component({
  selector: 'pw-coverage-matrix',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent, MatTooltipModule, RouterLink, StatusChipComponent],
  templateUrl: './coverage-matrix.component.html',
  styleUrl: './coverage-matrix.component.scss',
})
export class CoverageMatrixComponent {
  readonly workup = input.required<WorkupView>();
  readonly protocol = input.required<ProtocolDefinition | null>();

  /** On a phone the grid would need sideways scrolling: each criterion lists its items instead. */
  protected readonly handset = inject(ViewportService).handset;

  /** The items in checklist-section order: grouped by kind. */
  private readonly items = computed(() =>
    ITEM_KINDS.flatMap((kind) =>
      this.workup().items.filter((item) => item.kind === kind),
    ),
  );

  protected readonly kinds = computed(() =>
    ITEM_KINDS.map((kind) => ({
      kind,
      label: KIND_LABELS[kind],
      span: this.items().filter((item) => item.kind === kind).length,
    })).filter((k) => k.span > 0),
  );

  protected readonly legendFindings = (
    ['present', 'absent', 'indeterminate', 'not_yet', 'none'] as const
  ).map((key) => ({ key, label: key, look: findingLook(key) }));

  protected readonly columns = computed(() =>
    this.items().map((item) => ({
      key: item.key,
      abbreviation: itemAbbreviation(this.protocol(), item.key),
      fullName: item.name,
      active: item.active,
    })),
  );

  protected readonly groups = computed(() => {
    const { evaluation } = this.workup();
    const items = this.items();
    return CRITERION_GROUPS.map((group: CriterionGroup) => ({
      group,
      label: GROUP_LABELS[group],
      rows: evaluation.criteria
        .filter((c) => c.group === group)
        .map(
          (criterion): Row => ({
            key: criterion.key,
            name: criterion.name,
            look: criterionStatusLook(criterion.status),
            cells: items.map((item) =>
              this.cell(item, criterion.key, criterion.name),
            ),
          }),
        ),
    })).filter((g) => g.rows.length > 0);
  });

  private cell(
    item: WorkupItemView,
    criterion: CriterionKey,
    criterionName: string,
  ): Cell {
    const coverage = coverageOf(item, criterion);
    const finding = cellFinding(item, criterion);
    const look = findingLook(finding);
    const verb = coverage === 'establishes' ? 'Establishes' : 'Supports';
    const basis = effectiveFindings(item.findings).find(
      (f) => f.criterion === criterion,
    )?.basis;
    return {
      itemKey: item.key,
      itemName: item.name,
      coverage,
      finding,
      look,
      text:
        coverage === null
          ? 'Not covered'
          : `${verb}; finding: ${look.label.toLowerCase()}`,
      tooltip:
        coverage === null
          ? ''
          : `${item.name} — ${verb.toLowerCase()} ${criterionName}; finding: ${look.label.toLowerCase()}${basis ? ` (${basis})` : ''}`,
    };
  }
}
