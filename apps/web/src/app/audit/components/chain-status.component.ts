import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { AuditVerifyView } from '@poems/contract';
import type { LoadState } from '../../core/data/load-state';
import { ErrorAlertComponent } from '../../core/ui/error-alert.component';
import { IconComponent } from '../../core/ui/icon.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../../core/ui/status-chip.component';
import { ClinicDateTimePipe } from '../../core/clock/clinic-time.pipes';

/** A verification and when its answer arrived. */
export interface Verification {
  readonly view: AuditVerifyView;
  readonly at: Date;
}

const VERIFYING: StatusLook = {
  tone: 'neutral',
  icon: 'hourglass',
  label: 'Verifying…',
};
const VALID: StatusLook = {
  tone: 'ok',
  icon: 'verified',
  label: 'Chain valid',
};
const NOT_VERIFIED: StatusLook = {
  tone: 'warning',
  icon: 'warning',
  label: 'Not verified',
};

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

/** How a verification's outcome is shown: chip, then the sentences that explain it. */
export function chainStatusOf(view: AuditVerifyView): {
  readonly look: StatusLook;
  readonly lines: readonly string[];
} {
  const look: StatusLook = view.valid
    ? VALID
    : {
        tone: 'danger',
        icon: 'error',
        label: `Chain broken at event ${view.firstBrokenId ?? 'unknown'}`,
      };
  const lines = [
    view.valid
      ? `${plural(view.checked, 'sealed event')} verified: none was changed, removed or inserted.`
      : `Event ${view.firstBrokenId ?? 'unknown'} does not match the chain; the ${plural(view.checked, 'event')} before it verified. Events from there on cannot be relied on.`,
    view.unsealed === 0
      ? 'Every recorded event is sealed.'
      : `${plural(view.unsealed, 'event')} recorded but not yet sealed, so not covered by this check.`,
  ];
  if (view.retiredBefore !== undefined) {
    lines.push(
      `Events before chain position ${view.retiredBefore} were retired under the retention policy; the chain is checked from there.`,
    );
  }
  return { look, lines };
}

/** The audit log's hash chain: whether it verifies, and a way to verify it again. */
@Component({
  selector: 'pw-chain-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ClinicDateTimePipe,
    MatButtonModule,
    MatProgressBarModule,
    ErrorAlertComponent,
    IconComponent,
    StatusChipComponent,
  ],
  template: `
    <section class="chain" aria-labelledby="chain-title">
      <div class="chain__head">
        <h2 class="chain__title" id="chain-title">Chain integrity</h2>
        <pw-status-chip [look]="look()" data-chain-status />
        <span class="chain__spacer"></span>
        <button
          mat-stroked-button
          type="button"
          [disabled]="state().loading"
          [disabledInteractive]="true"
          (click)="verify.emit()"
        >
          <pw-icon name="refresh" />
          Verify now
        </button>
      </div>
      @if (state().loading) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Verifying the audit chain"
        />
      }
      <div role="status" class="chain__body">
        @if (status(); as status) {
          @for (line of status.lines; track $index) {
            <p class="chain__line">{{ line }}</p>
          }
        }
        @if (state().value; as verification) {
          <p class="chain__line chain__when">
            Verified at {{ verification.at | clinicDateTime: 'time-seconds' }}.
          </p>
        }
      </div>
      @if (state().error; as error) {
        <pw-error-alert [message]="error" [reloadable]="false" />
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .chain {
      padding: 0.75rem 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
    }
    .chain__head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .chain__title {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .chain__spacer {
      flex: 1 1 auto;
    }
    .chain__body {
      margin-top: 0.5rem;
    }
    .chain__line {
      margin: 0.25rem 0 0;
    }
    .chain__when {
      font: var(--mat-sys-body-small);
      color: var(--pw-muted-fg);
    }
  `,
})
export class ChainStatusComponent {
  readonly state = input.required<LoadState<Verification>>();
  readonly verify = output();

  protected readonly status = computed(() => {
    const verification = this.state().value;
    return verification === undefined ? null : chainStatusOf(verification.view);
  });
  protected readonly look = computed(() =>
    this.state().loading ? VERIFYING : (this.status()?.look ?? NOT_VERIFIED),
  );
}
