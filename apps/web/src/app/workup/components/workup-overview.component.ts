import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { may, type ProtocolDefinition, type Role } from '@poems/domain';
import { type WorkupView } from '@poems/contract';
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
      @if (canSignOff()) {
        <button mat-flat-button type="button" (click)="signOffWorkup.emit()">
          Sign off
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
        }}).
        @if (workup().signOff; as signOff) {
          @if (signOff.outdated) {
            Decision support only: signed off by
            {{ signOff.signedBy.displayName ?? 'a hematologist' }}
            {{ signOff.signedAt | clinicDateTime }}, outdated since
            {{ signOff.outdatedSince | clinicDateTime }}; a new sign-off is
            pending.
          } @else {
            Signed off by
            <strong>{{
              signOff.signedBy.displayName ?? 'a hematologist'
            }}</strong>
            {{ signOff.signedAt | clinicDateTime }}
            (rules v{{ signOff.attested.rulesVersion }}).
          }
        } @else {
          Decision support only: this evaluation is pending the hematologist's
          sign-off.
        }
      </span>
    </p>
    @if (workup().signOff; as signOff) {
      @if (signOff.outdated && signOff.changeSummary.length > 0) {
        <div class="overview__changes" role="note">
          <strong>Changed since the sign-off:</strong>
          <ul>
            @for (line of signOff.changeSummary; track $index) {
              <li>{{ line }}</li>
            }
          </ul>
        </div>
      }
      @if (signOff.note; as note) {
        <p class="overview__note">Sign-off note: {{ note }}</p>
      }
    }
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
  readonly signOffWorkup = output();

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
  /** Offered while there is something new to attest: never signed off, or outdated since. */
  protected readonly canSignOff = computed(() => {
    const role = this.role();
    const workup = this.workup();
    return (
      role !== null &&
      may(role, 'workup.sign-off') &&
      (workup.signOff === null || workup.signOff.outdated)
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
