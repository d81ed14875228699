import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import {
  CRITERION_GROUPS,
  flagText,
  type ProtocolDefinition,
} from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import { IconComponent } from '../../core/ui/icon.component';
import { StatusChipComponent } from '../../core/ui/status-chip.component';
import {
  GROUP_LABELS,
  criterionName,
  itemShortName,
  signLabel,
} from '../util/workup-labels';
import { criterionStatusLook, overallLook } from '../util/workup-looks';
import { ClinicDateTimePipe } from '../../core/clock/clinic-time.pipes';

/**
 * The evaluation in words: the overall result and its explanation, review flags, each
 * criterion's status with its evidence, the tests that could still settle it, and other signs.
 */
@Component({
  selector: 'pw-criteria-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicDateTimePipe, IconComponent, StatusChipComponent],
  templateUrl: './criteria-summary.component.html',
  styleUrl: './criteria-summary.component.scss',
})
export class CriteriaSummaryComponent {
  readonly workup = input.required<WorkupView>();
  readonly protocol = input.required<ProtocolDefinition | null>();

  protected readonly evaluation = computed(() => this.workup().evaluation);
  protected readonly overall = computed(() =>
    overallLook(this.evaluation().overall),
  );
  protected readonly flags = computed(() =>
    this.evaluation().flags.map(flagText),
  );

  protected readonly groups = computed(() => {
    const names = (keys: readonly string[]): string =>
      keys.map((k) => this.itemName(k)).join(', ');
    return CRITERION_GROUPS.map((group) => ({
      group,
      label: GROUP_LABELS[group],
      criteria: this.evaluation()
        .criteria.filter((c) => c.group === group)
        .map((c) => ({
          key: c.key,
          name: c.name,
          look: criterionStatusLook(c.status),
          explanation: c.explanation,
          evidence: names(c.evidence),
          supportedBy: names(c.supportedBy),
        })),
    })).filter((g) => g.criteria.length > 0);
  });

  protected readonly nextTests = computed(() =>
    this.evaluation().nextTests.map((t) => ({
      id: `${t.criterion}:${t.action}`,
      criterion: criterionName(this.protocol(), t.criterion),
      action: t.action,
      why: t.why,
    })),
  );

  protected readonly otherSigns = computed(() =>
    this.evaluation().otherSigns.map((s) => ({
      sign: signLabel(s.sign),
      items: s.items.map((k) => this.itemName(k)).join(', '),
    })),
  );

  private itemName(key: string): string {
    return itemShortName(this.protocol(), key);
  }
}
