import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { WorkupView } from '@poems/contract';
import { errorText } from '../../core/forms/error-text';
import { Submission } from '../../core/forms/submission';
import { notBlank } from '../../core/forms/validators';
import { WorkupsService } from '../data-access/workups.service';
import type { ActionOutcome } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';

/** Closing or reopening a workup: which, and the workup as the user saw it. */
export interface WorkupStatusDialogData {
  readonly change: 'close' | 'reopen';
  readonly workup: Pick<WorkupView, 'id' | 'version'>;
}

/** The hematologist closes a workup (sign-off) or reopens a closed one, with a reason. */
@Component({
  selector: 'pw-workup-status-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS],
  template: `
    <h2 mat-dialog-title>
      {{ closing ? 'Close the workup' : 'Reopen the workup' }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="dialog-form">
        @if (submission.error(); as error) {
          <pw-error-alert
            [message]="error"
            [extra]="submission.unplaced()"
            (reload)="reload()"
          />
        }
        <p>
          @if (closing) {
            Closing ends the workup: no further item changes until it is
            reopened.
          } @else {
            Reopening allows item changes again.
          }
        </p>
        <mat-form-field appearance="outline">
          <mat-label>Reason</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            required
          ></textarea>
          <mat-error>{{ errorText(form.controls.reason) }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Back</button>
        <button mat-flat-button type="submit" [disabled]="submission.pending()">
          {{ closing ? 'Close the workup' : 'Reopen the workup' }}
        </button>
      </mat-dialog-actions>
    </form>
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
  protected readonly errorText = errorText;
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
