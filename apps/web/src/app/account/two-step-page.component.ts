import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import {
  apiPath,
  type MfaConfirmRequest,
  type MfaEnrolment,
  type MfaRecoveryCodes,
  type MfaStatus,
} from '@poems/contract';
import { firstValueFrom } from 'rxjs';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { AuthService } from '../core/auth/auth.service';
import { homeOf } from '../core/auth/home';
import { codeOf, sixDigits } from '../core/auth/mfa-code';
import { errorText } from '../core/forms/error-text';
import { Submission } from '../core/forms/submission';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { AuthenticatorKeyComponent } from './ui/authenticator-key.component';
import { RecoveryCodesRenewalComponent } from './ui/recovery-codes-renewal.component';
import { RecoveryCodesComponent } from './ui/recovery-codes.component';

/**
 * Two-step sign-in: set up an authenticator app (QR code of the otpauth URI, or the key typed by
 * hand), confirm it with a first code, and keep the recovery codes, shown this once. Users whose
 * role requires it land here until they have.
 */
@Component({
  selector: 'pw-two-step-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    AuthenticatorKeyComponent,
    ErrorAlertComponent,
    RecoveryCodesComponent,
    RecoveryCodesRenewalComponent,
  ],
  template: `
    <mat-card class="two-step">
      <mat-card-header>
        <h1 mat-card-title>Two-step sign-in</h1>
      </mat-card-header>
      <mat-card-content>
        @if (loadError(); as error) {
          <pw-error-alert [message]="error" />
        }
        @if (recoveryCodes(); as codes) {
          <pw-recovery-codes
            [codes]="codes"
            heading="Save your recovery codes"
            savedLabel="I have saved them, continue"
            (saved)="done()"
          >
            Two-step sign-in is on. If you lose your phone, each of these codes
            signs you in once. Keep them somewhere safe: they are shown only
            now.
          </pw-recovery-codes>
        } @else if (enrolment(); as enrolment) {
          <h2 class="section-title">Add POEMS to your authenticator app</h2>
          @if (required()) {
            <p role="status">
              Your role must use two-step sign-in: set it up to continue.
            </p>
          }
          <pw-authenticator-key [enrolment]="enrolment" />
          <form [formGroup]="form" (ngSubmit)="confirm()" class="dialog-form">
            @if (submission.error(); as error) {
              <pw-error-alert
                [message]="error"
                [extra]="submission.unplaced()"
              />
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
            <button
              mat-flat-button
              type="submit"
              [disabled]="submission.pending()"
            >
              Turn on two-step sign-in
            </button>
          </form>
        } @else if (status(); as status) {
          @if (status.enrolled) {
            <p role="status">
              Two-step sign-in is on since {{ status.enrolledAt }}.
              {{ status.recoveryCodesLeft }} recovery codes are left.
            </p>
            <p class="muted-text">
              Lost your phone? An administrator can reset it; you then set it up
              again.
            </p>
            <pw-recovery-codes-renewal (renewed)="load()" />
          } @else if (status.unavailableReason === 'demo_account') {
            <p role="status">
              Demo accounts stay password-only in demo mode. Create a user of
              your own to try two-step sign-in.
            </p>
          } @else if (status.unavailableReason === 'single_sign_on') {
            <p role="status">
              You signed in with single sign-on: your identity provider asks for
              the second factor.
            </p>
          } @else {
            <p>
              Two-step sign-in asks for a code from an app on your phone after
              your password, so a stolen password alone does not open your
              account.
              @if (status.required) {
                <strong>Your role must use it: set it up to continue.</strong>
              }
            </p>
            @if (startError(); as error) {
              <pw-error-alert [message]="error" [reloadable]="false" />
            }
            <button
              mat-flat-button
              type="button"
              (click)="start()"
              [disabled]="starting()"
            >
              Set up two-step sign-in
            </button>
          }
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .two-step {
      max-width: 36rem;
      margin: 1.5rem auto;
    }
  `,
})
export default class TwoStepPageComponent {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly errorText = errorText;
  protected readonly status = signal<MfaStatus | null>(null);
  protected readonly loadError = signal<ErrorMessage | null>(null);
  protected readonly enrolment = signal<MfaEnrolment | null>(null);
  protected readonly recoveryCodes = signal<readonly string[] | null>(null);
  protected readonly starting = signal(false);
  protected readonly startError = signal<ErrorMessage | null>(null);
  protected readonly required = computed(
    () => this.status()?.required === true,
  );
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, sixDigits]],
  });
  protected readonly submission = new Submission({ subject: 'code' });

  constructor() {
    void this.load();
  }

  protected async start(): Promise<void> {
    this.starting.set(true);
    this.startError.set(null);
    try {
      this.enrolment.set(
        await firstValueFrom(
          this.http.post<MfaEnrolment>(
            apiPath('POST /api/auth/mfa/enrolment', {}),
            null,
          ),
        ),
      );
    } catch (error) {
      this.startError.set(describeError(error));
    } finally {
      this.starting.set(false);
    }
  }

  protected confirm(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body: MfaConfirmRequest = {
      code: codeOf(this.form.getRawValue().code),
    };
    this.submission.run(
      this.form,
      this.http.post<MfaRecoveryCodes>(
        apiPath('POST /api/auth/mfa/enrolment/confirm', {}),
        body,
      ),
      (answer) => {
        this.auth.mfaEnrolled();
        this.recoveryCodes.set(answer.recoveryCodes);
      },
    );
  }

  protected async done(): Promise<void> {
    const role = this.auth.role();
    await this.router.navigateByUrl(role === null ? '/' : homeOf(role));
  }

  protected async load(): Promise<void> {
    try {
      this.status.set(
        await firstValueFrom(
          this.http.get<MfaStatus>(apiPath('GET /api/auth/mfa', {})),
        ),
      );
    } catch (error) {
      this.loadError.set(describeError(error));
    }
  }
}
