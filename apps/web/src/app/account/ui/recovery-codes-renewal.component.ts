import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  output,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  apiPath,
  type MfaRecoveryCodes,
  type MfaRegenerateRecoveryCodesRequest,
} from '@poems/contract';
import { codeOf, sixDigits } from '../../core/auth/mfa-code';
import { errorText } from '../../core/forms/error-text';
import { Submission } from '../../core/forms/submission';
import { ErrorAlertComponent } from '../../core/ui/error-alert.component';
import { RecoveryCodesComponent } from './recovery-codes.component';

/**
 * New recovery codes for an enrolled user: asks for a current code of the authenticator (a
 * session alone is not proof enough), then shows the new codes this once. The old codes stop
 * working as soon as the API answers.
 */
@Component({
  selector: 'pw-recovery-codes-renewal',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorAlertComponent,
    RecoveryCodesComponent,
  ],
  template: `
    @if (codes(); as codes) {
      <pw-recovery-codes
        [codes]="codes"
        heading="Save your new recovery codes"
        savedLabel="I have saved them"
        (saved)="finish()"
      >
        Your earlier recovery codes no longer work. Each of these signs you in
        once; they are shown only now.
      </pw-recovery-codes>
    } @else if (asking()) {
      <form [formGroup]="form" (ngSubmit)="renew()" class="dialog-form">
        <p>
          Enter the code your authenticator app shows now. Your current recovery
          codes will stop working.
        </p>
        @if (submission.error(); as error) {
          <pw-error-alert [message]="error" [extra]="submission.unplaced()" />
        }
        <mat-form-field appearance="outline">
          <mat-label>Code from the app</mat-label>
          <input
            matInput
            formControlName="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            required
          />
          <mat-error>{{ errorText(form.controls.code) }}</mat-error>
        </mat-form-field>
        <div class="renewal__actions">
          <button mat-button type="button" (click)="asking.set(false)">
            Cancel
          </button>
          <button
            mat-flat-button
            type="submit"
            [disabled]="submission.pending()"
          >
            Replace recovery codes
          </button>
        </div>
      </form>
    } @else {
      <button mat-stroked-button type="button" (click)="asking.set(true)">
        New recovery codes
      </button>
    }
  `,
  styles: `
    .renewal__actions {
      display: flex;
      gap: 0.5rem;
    }
  `,
})
export class RecoveryCodesRenewalComponent {
  private readonly http = inject(HttpClient);

  /** The codes were shown and acknowledged: the page's status (codes left) is out of date. */
  readonly renewed = output<void>();

  protected readonly errorText = errorText;
  protected readonly asking = signal(false);
  protected readonly codes = signal<readonly string[] | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, sixDigits]],
  });
  protected readonly submission = new Submission({ subject: 'code' });

  protected renew(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body: MfaRegenerateRecoveryCodesRequest = {
      code: codeOf(this.form.getRawValue().code),
    };
    this.submission.run(
      this.form,
      this.http.post<MfaRecoveryCodes>(
        apiPath('POST /api/auth/mfa/recovery-codes', {}),
        body,
      ),
      (answer) => {
        this.form.reset();
        this.codes.set(answer.recoveryCodes);
      },
    );
  }

  protected finish(): void {
    this.codes.set(null);
    this.asking.set(false);
    this.renewed.emit();
  }
}
