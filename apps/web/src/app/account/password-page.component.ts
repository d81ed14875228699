import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  apiPath,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type ChangePasswordRequest,
} from '@poems/contract';
import { AuthService } from '../core/auth/auth.service';
import { errorText } from '../core/forms/error-text';
import { Submission } from '../core/forms/submission';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';

/** The confirmation must repeat the new password. */
function sameAsNew(control: AbstractControl): ValidationErrors | null {
  const group = control.parent;
  const wanted = group?.get('newPassword')?.value as string | undefined;
  return wanted === undefined || control.value === wanted
    ? null
    : { server: 'The two new passwords differ.' };
}

/**
 * Self-service password change. The API checks the current password and the policy (length and
 * strength, with the reason in its answer) and ends every session, this one included: the user
 * signs in again with the new password.
 */
@Component({
  selector: 'pw-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorAlertComponent,
  ],
  template: `
    <mat-card class="password-card">
      <mat-card-header>
        <h1 mat-card-title>Change your password</h1>
      </mat-card-header>
      <mat-card-content>
        <form [formGroup]="form" (ngSubmit)="submit()" class="dialog-form">
          @if (submission.error(); as error) {
            <pw-error-alert [message]="error" [extra]="submission.unplaced()" />
          }
          <mat-form-field appearance="outline">
            <mat-label>Current password</mat-label>
            <input
              matInput
              type="password"
              formControlName="currentPassword"
              autocomplete="current-password"
              required
            />
            <mat-error>{{
              errorText(form.controls.currentPassword)
            }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input
              matInput
              type="password"
              formControlName="newPassword"
              autocomplete="new-password"
              required
            />
            <mat-hint
              >At least {{ minLength }} characters and hard to guess: several
              uncommon words work well</mat-hint
            >
            <mat-error>{{ errorText(form.controls.newPassword) }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Repeat the new password</mat-label>
            <input
              matInput
              type="password"
              formControlName="confirmation"
              autocomplete="new-password"
              required
            />
            <mat-error>{{ errorText(form.controls.confirmation) }}</mat-error>
          </mat-form-field>
          <p class="password-note">
            Changing it signs you out everywhere, here included.
          </p>
          <button
            mat-flat-button
            type="submit"
            [disabled]="submission.pending()"
          >
            Change password
          </button>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .password-card {
      max-width: 32rem;
      margin: 1.5rem auto;
    }
    .password-note {
      margin: 0 0 1rem;
    }
  `,
})
export default class PasswordPageComponent {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', [Validators.required]],
    newPassword: [
      '',
      [
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(PASSWORD_MAX_LENGTH),
      ],
    ],
    confirmation: ['', [Validators.required, sameAsNew]],
  });
  protected readonly submission = new Submission({ subject: 'password' });

  protected submit(): void {
    this.form.controls.confirmation.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    const body: ChangePasswordRequest = { currentPassword, newPassword };
    this.submission.run(
      this.form,
      this.http.post<void>(apiPath('POST /api/auth/password', {}), body),
      () => void this.auth.passwordChanged(),
    );
  }
}
