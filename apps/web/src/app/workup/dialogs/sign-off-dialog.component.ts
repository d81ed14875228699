import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { WorkupView } from '@poems/contract';
import { errorText } from '../../core/forms/error-text';
import { Submission } from '../../core/forms/submission';
import { WorkupsService } from '../data-access/workups.service';
import type { ActionOutcome } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { DialogFormComponent } from '../../shared/ui/dialog-form.component';

/** The workup as the hematologist saw it when choosing to sign off. */
export interface SignOffDialogData {
  readonly workup: Pick<WorkupView, 'id' | 'version'>;
}

/** The hematologist attests the evaluation as it stands, with an optional note. */
@Component({
  selector: 'pw-sign-off-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS, DialogFormComponent],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      heading="Sign off the evaluation"
      submitLabel="Sign off"
      (reload)="reload()"
    >
      <p>
        You attest the criteria evaluation as it stands now. A later change to a
        finding or result marks this sign-off as outdated.
      </p>
      <mat-form-field appearance="outline">
        <mat-label>Note (optional)</mat-label>
        <textarea matInput formControlName="note" rows="3"></textarea>
        <mat-error>{{ errorText(form.controls.note) }}</mat-error>
      </mat-form-field>
    </pw-dialog-form>
  `,
})
export class SignOffDialogComponent {
  private readonly workups = inject(WorkupsService);
  private readonly dialogRef =
    inject<MatDialogRef<SignOffDialogComponent, ActionOutcome>>(MatDialogRef);
  private readonly data = inject<SignOffDialogData>(MAT_DIALOG_DATA);
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    note: ['', [Validators.maxLength(2000)]],
  });
  protected readonly submission = new Submission({ subject: 'workup' });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const note = this.form.getRawValue().note.trim();
    this.submission.run(
      this.form,
      this.workups.signOff(this.data.workup.id, {
        version: this.data.workup.version,
        ...(note !== '' && { note }),
      }),
      (workup) => this.dialogRef.close({ kind: 'updated', workup }),
    );
  }

  protected reload(): void {
    this.dialogRef.close({ kind: 'reload' });
  }
}
