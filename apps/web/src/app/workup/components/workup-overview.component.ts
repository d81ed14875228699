import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  may,
  type ProtocolDefinition,
  type Role,
  type WorkupView,
} from '@poems/domain';
import { IconComponent } from '../../core/ui/icon.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../../core/ui/status-chip.component';
import { overallLook } from '../util/workup-looks';
import { CompletionBarComponent } from './completion-bar.component';
import {
  ClinicDatePipe,
  ClinicDateTimePipe,
} from '../../core/clock/clinic-time.pipes';

const OPEN: StatusLook = { tone: 'info', icon: 'hourglass', label: 'Open' };
const CLOSED: StatusLook = {
  tone: 'neutral',
  icon: 'verified',
  label: 'Closed',
};

/**
 * The head of a workup: which criteria set it is evaluated against (and that this is decision
 * support), its completion and overall result, and the hematologist's close / reopen.
 */
@Component({
  selector: 'pw-workup-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ClinicDatePipe,
    ClinicDateTimePipe,
    MatButtonModule,
    IconComponent,
    StatusChipComponent,
    CompletionBarComponent,
  ],
  template: `
    <div class="overview__head">
      <h2 class="overview__title">
        Workup opened {{ workup().openedAt | clinicDate }}
      </h2>
      <pw-status-chip [look]="workup().status === 'open' ? open : closed" />
      <span class="overview__spacer"></span>
      @if (canClose()) {
        <button mat-stroked-button type="button" (click)="closeWorkup.emit()">
          Close workup
        </button>
      }
      @if (canReopen()) {
        <button mat-stroked-button type="button" (click)="reopenWorkup.emit()">
          Reopen workup
        </button>
      }
    </div>
    <p class="banner" role="note">
      <pw-icon name="info" />
      <span>
        Evaluated against <strong>{{ protocolName() }}</strong
        >, version {{ workup().evaluation.protocol.version }} ({{
          workup().evaluation.protocol.key
        }}). Decision support only: this evaluation is pending the
        hematologist's sign-off.
      </span>
    </p>
    @if (workup().status === 'closed') {
      <p class="overview__closed">
        Closed {{ workup().closedAt | clinicDateTime }}
        @if (workup().closeReason; as reason) {
          : {{ reason }}
        }
      </p>
    }
    <div class="overview__status">
      <div class="overview__stat">
        <span class="overview__label">Criteria</span>
        <pw-status-chip [look]="overall()" />
      </div>
      <div class="overview__stat overview__stat--wide">
        <span class="overview__label">Completion</span>
        <pw-completion-bar [completion]="workup().completion" />
      </div>
    </div>
  `,
  styleUrl: './workup-overview.component.scss',
})
export class WorkupOverviewComponent {
  readonly workup = input.required<WorkupView>();
  readonly protocol = input.required<ProtocolDefinition | null>();
  readonly role = input.required<Role | null>();
  readonly closeWorkup = output();
  readonly reopenWorkup = output();

  protected readonly open = OPEN;
  protected readonly closed = CLOSED;
  protected readonly overall = computed(() =>
    overallLook(this.workup().evaluation.overall),
  );
  protected readonly protocolName = computed(
    () => this.protocol()?.name ?? this.workup().evaluation.protocol.key,
  );
  protected readonly canClose = computed(() => {
    const role = this.role();
    return (
      role !== null &&
      this.workup().status === 'open' &&
      may(role, 'workup.close')
    );
  });
  protected readonly canReopen = computed(() => {
    const role = this.role();
    return (
      role !== null &&
      this.workup().status === 'closed' &&
      may(role, 'workup.reopen')
    );
  });
}
