import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { PERSON_ROLES } from '@poems/domain';
import { type ManagedUserView } from '@poems/contract';
import { roleLabel } from '../core/format/labels';
import { errorText } from '../core/forms/error-text';
import { Submission } from '../core/forms/submission';
import { DialogFormComponent } from '../shared/ui/dialog-form.component';
import type { UserDialogResult } from './user-dialog-result';
import type { UpdateUserRequest } from '@poems/contract';
import { UsersService } from './users.service';

/** Changes a user's display name, role or whether the account is active. */
@Component({
  selector: 'pw-edit-user-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
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
      [heading]="'Edit ' + user.username"
      submitLabel="Save"
      closeLabel="Cancel"
      (reload)="reload()"
    >
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
      <mat-checkbox formControlName="active"
        >Account active (may sign in)</mat-checkbox
      >
    </pw-dialog-form>
  `,
})
export class EditUserDialogComponent {
  private readonly users = inject(UsersService);
  private readonly dialogRef =
    inject<MatDialogRef<EditUserDialogComponent, UserDialogResult>>(
      MatDialogRef,
    );
  protected readonly user = inject<ManagedUserView>(MAT_DIALOG_DATA);

  protected readonly roles = PERSON_ROLES;
  protected readonly roleLabel = roleLabel;
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [
      this.user.displayName,
      [Validators.required, Validators.maxLength(100)],
    ],
    role: [this.user.role, [Validators.required]],
    active: [this.user.active],
  });
  protected readonly submission = new Submission({ subject: 'user' });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { displayName, role, active } = this.form.getRawValue();
    const change: UpdateUserRequest = {
      version: this.user.version,
      ...(displayName.trim() !== this.user.displayName && {
        displayName: displayName.trim(),
      }),
      ...(role !== this.user.role && { role }),
      ...(active !== this.user.active && { active }),
    };
    if (Object.keys(change).length === 1) {
      this.dialogRef.close();
      return;
    }
    this.submission.run(
      this.form,
      this.users.update(this.user.id, change),
      (user) => this.dialogRef.close({ kind: 'saved', user }),
    );
  }

  protected reload(): void {
    this.dialogRef.close({ kind: 'reload' });
  }
}
