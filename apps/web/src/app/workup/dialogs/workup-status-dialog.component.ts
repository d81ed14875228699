import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { WorkupView } from '@poems/contract';
import { Submission } from '../../core/forms/submission';
import { notBlank } from '../../core/forms/validators';
import { WorkupsService } from '../data-access/workups.service';
import type { ActionOutcome } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { DialogFormComponent } from '../../shared/ui/dialog-form.component';
import { ReasonFieldComponent } from '../../shared/ui/reason-field.component';

/** Closing or reopening a workup: which, and the workup as the user saw it. */
export interface WorkupStatusDialogData {
  readonly change: 'close' | 'reopen';
  readonly workup: Pick<WorkupView, 'id' | 'version'>;
}

/** The hematologist closes a workup (sign-off) or reopens a closed one, with a reason. */
@Component({
  selector: 'pw-workup-status-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ...ACTION_DIALOG_IMPORTS,
    DialogFormComponent,
    ReasonFieldComponent,
  ],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      [heading]="closing ? 'Close the workup' : 'Reopen the workup'"
      [submitLabel]="closing ? 'Close the workup' : 'Reopen the workup'"
      (reload)="reload()"
    >
      <p>
        @if (closing) {
          Closing ends the workup: no further item changes until it is reopened.
        } @else {
          Reopening allows item changes again.
        }
      </p>
      <pw-reason-field label="Reason" [required]="true" />
    </pw-dialog-form>
  `,
})
export class WorkupStatusDialogComponent {
  private readonly workups = inject(WorkupsService);
  private readonly dialogRef =
    inject<MatDialogRef<WorkupStatusDialogComponent, ActionOutcome>>(
      MatDialogRef,
    );
  private readonly data = inject<WorkupStatusDialogData>(MAT_DIALOG_DATA);
  protected readonly closing = this.data.change === 'close';
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, notBlank, Validators.maxLength(1000)]],
  });
  protected readonly submission = new Submission({ subject: 'workup' });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body = {
      version: this.data.workup.version,
      reason: this.form.getRawValue().reason.trim(),
    };
    const call = this.closing
      ? this.workups.close(this.data.workup.id, body)
      : this.workups.reopen(this.data.workup.id, body);
    this.submission.run(this.form, call, (workup) =>
      this.dialogRef.close({ kind: 'updated', workup }),
    );
  }

  protected reload(): void {
    this.dialogRef.close({ kind: 'reload' });
  }
}
