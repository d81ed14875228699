import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ManagedUserView } from '@poems/contract';
import { errorText } from '../core/forms/error-text';
import { Submission } from '../core/forms/submission';
import { DialogFormComponent } from '../shared/ui/dialog-form.component';
import type { UserDialogResult } from './user-dialog-result';
import { PASSWORD_MIN_LENGTH } from '@poems/contract';
import { UsersService } from './users.service';

/** Sets a new password for a user (which also clears a lock). */
@Component({
  selector: 'pw-reset-password-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    DialogFormComponent,
  ],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      [heading]="'Reset the password of ' + user.username"
      submitLabel="Set password"
      closeLabel="Cancel"
      (reload)="reload()"
    >
      <mat-form-field appearance="outline">
        <mat-label>New password</mat-label>
        <input
          matInput
          type="password"
          formControlName="password"
          autocomplete="new-password"
          required
        />
        <mat-hint
          >At least {{ minLength }} characters; give it to the user in
          person</mat-hint
        >
        <mat-error>{{ errorText(form.controls.password) }}</mat-error>
      </mat-form-field>
    </pw-dialog-form>
  `,
})
export class ResetPasswordDialogComponent {
  private readonly users = inject(UsersService);
  private readonly dialogRef =
    inject<MatDialogRef<ResetPasswordDialogComponent, UserDialogResult>>(
      MatDialogRef,
    );
  protected readonly user = inject<ManagedUserView>(MAT_DIALOG_DATA);

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(256),
      ],
    ],
  });
  protected readonly submission = new Submission({ subject: 'user' });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submission.run(
      this.form,
      this.users.update(this.user.id, {
        version: this.user.version,
        password: this.form.getRawValue().password,
      }),
      (user) => this.dialogRef.close({ kind: 'saved', user }),
    );
  }

  protected reload(): void {
    this.dialogRef.close({ kind: 'reload' });
  }
}
