import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { PERSON_ROLES, type Role } from '@poems/domain';
import { roleLabel } from '../core/format/labels';
import { errorText } from '../core/forms/error-text';
import { Submission } from '../core/forms/submission';
import { DialogFormComponent } from '../shared/ui/dialog-form.component';
import type { UserDialogResult } from './user-dialog-result';
import { PASSWORD_MIN_LENGTH } from '@poems/contract';
import { UsersService } from './users.service';

/** Mirrors the API's username rule (users.dto.ts). */
const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;

const usernameValidator: ValidatorFn = (control) =>
  control.value === '' || USERNAME.test(String(control.value))
    ? null
    : { message: 'Use 3–64 letters, digits, dots, dashes or underscores.' };

@Component({
  selector: 'pw-create-user-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    DialogFormComponent,
  ],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      heading="New user"
      submitLabel="Create user"
      closeLabel="Cancel"
      [reloadable]="false"
    >
      <mat-form-field appearance="outline">
        <mat-label>Username</mat-label>
        <input
          matInput
          formControlName="username"
          autocomplete="off"
          required
        />
        <mat-hint>3–64 letters, digits, dots, dashes or underscores</mat-hint>
        <mat-error>{{ errorText(form.controls.username) }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Display name</mat-label>
        <input
          matInput
          formControlName="displayName"
          autocomplete="off"
          required
        />
        <mat-error>{{ errorText(form.controls.displayName) }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Role</mat-label>
        <mat-select formControlName="role" required>
          @for (role of roles; track role) {
            <mat-option [value]="role">{{ roleLabel(role) }}</mat-option>
          }
        </mat-select>
        <mat-error>{{ errorText(form.controls.role) }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Initial password</mat-label>
        <input
          matInput
          type="password"
          formControlName="password"
          autocomplete="new-password"
          required
        />
        <mat-hint>At least {{ minLength }} characters</mat-hint>
        <mat-error>{{ errorText(form.controls.password) }}</mat-error>
      </mat-form-field>
    </pw-dialog-form>
  `,
})
export class CreateUserDialogComponent {
  private readonly users = inject(UsersService);
  private readonly dialogRef =
    inject<MatDialogRef<CreateUserDialogComponent, UserDialogResult>>(
      MatDialogRef,
    );

  protected readonly roles = PERSON_ROLES;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly roleLabel = roleLabel;
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, usernameValidator]],
    displayName: ['', [Validators.required, Validators.maxLength(100)]],
    role: ['coordinator' as Role, [Validators.required]],
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(PASSWORD_MIN_LENGTH),
        Validators.maxLength(256),
      ],
    ],
  });
  protected readonly submission = new Submission({
    subject: 'user',
    fieldOfCode: { duplicate_username: 'username' },
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.submission.run(
      this.form,
      this.users.create({ ...value, displayName: value.displayName.trim() }),
      (user) => this.dialogRef.close({ kind: 'saved', user }),
    );
  }
}
