import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { WorkupView } from '@poems/contract';
import { errorText } from '../../core/forms/error-text';
import { Submission } from '../../core/forms/submission';
import { notBlank } from '../../core/forms/validators';
import { WorkupsService } from '../data-access/workups.service';
import type { UpgradeOffer } from '../util/upgrade-offer';
import type { ActionOutcome } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';

/** The workup as the hematologist saw it, and the upgrade they were offered. */
export interface UpgradeDialogData {
  readonly workup: Pick<WorkupView, 'id' | 'version'>;
  readonly offer: UpgradeOffer;
}

/** The hematologist moves a workup to a newer protocol version, with a reason (audited). */
@Component({
  selector: 'pw-upgrade-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS],
  template: `
    <h2 mat-dialog-title>Upgrade to protocol version {{ offer.to }}</h2>
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
          The workup moves from version {{ offer.from }} to version
          {{ offer.to }}.
          @if (offer.added.length > 0) {
            New items, planned: {{ addedNames }}.
          }
          Every current item keeps its status, results and history. This cannot
          be undone.
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
          Upgrade
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class UpgradeDialogComponent {
  private readonly workups = inject(WorkupsService);
  private readonly dialogRef =
    inject<MatDialogRef<UpgradeDialogComponent, ActionOutcome>>(MatDialogRef);
  private readonly data = inject<UpgradeDialogData>(MAT_DIALOG_DATA);
  protected readonly offer = this.data.offer;
  protected readonly addedNames = this.offer.added
    .map((a) => a.name)
    .join('; ');
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
    this.submission.run(
      this.form,
      this.workups.upgrade(this.data.workup.id, {
        version: this.data.workup.version,
        reason: this.form.getRawValue().reason.trim(),
        protocolVersion: this.offer.to,
      }),
      (workup) => this.dialogRef.close({ kind: 'updated', workup }),
    );
  }

  protected reload(): void {
    this.dialogRef.close({ kind: 'reload' });
  }
}
