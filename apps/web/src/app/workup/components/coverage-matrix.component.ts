import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import {
  CRITERION_GROUPS,
  findingFor,
  isOpen,
  type CriterionGroup,
  type CriterionKey,
  type ProtocolDefinition,
  type WorkupItemView,
  type WorkupView,
} from '@poems/domain';
import { IconComponent } from '../../core/ui/icon.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../../core/ui/status-chip.component';
import { GROUP_LABELS, itemShortName } from '../util/workup-labels';
import {
  criterionStatusLook,
  findingLook,
  type CellFinding,
} from '../util/workup-looks';

type Coverage = 'establishes' | 'supports';

interface Cell {
  readonly itemKey: string;
  readonly coverage: Coverage | null;
  readonly finding: CellFinding;
  readonly look: StatusLook;
  /** The cell in words, for screen readers. */
  readonly text: string;
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

/**
 * Criteria × checklist items: whether each item establishes (strong mark) or supports (light
 * mark) each criterion, and what it found. Marks are letters and words, not colour alone.
 */
@Component({
  selector: 'pw-coverage-matrix',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent, StatusChipComponent],
  templateUrl: './coverage-matrix.component.html',
  styleUrl: './coverage-matrix.component.scss',
})
export class CoverageMatrixComponent {
  readonly workup = input.required<WorkupView>();
  readonly protocol = input.required<ProtocolDefinition | null>();

  protected readonly columns = computed(() =>
    this.workup().items.map((item) => ({
      key: item.key,
      name: itemShortName(this.protocol(), item.key),
      fullName: item.name,
      active: item.active,
    })),
  );

  protected readonly groups = computed(() => {
    const { items, evaluation } = this.workup();
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
            cells: items.map((item) => this.cell(item, criterion.key)),
          }),
        ),
    })).filter((g) => g.rows.length > 0);
  });

  private cell(item: WorkupItemView, criterion: CriterionKey): Cell {
    const coverage: Coverage | null = item.covers.establishes.includes(
      criterion,
    )
      ? 'establishes'
      : item.covers.supports.includes(criterion)
        ? 'supports'
        : null;
    const finding = cellFinding(item, criterion);
    const look = findingLook(finding);
    return {
      itemKey: item.key,
      coverage,
      finding,
      look,
      text:
        coverage === null
          ? 'Not covered'
          : `${coverage === 'establishes' ? 'Establishes' : 'Supports'}; finding: ${look.label.toLowerCase()}`,
    };
  }
}
