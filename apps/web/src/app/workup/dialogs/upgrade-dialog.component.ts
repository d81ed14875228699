import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { WorkupView } from '@poems/contract';
import { Submission } from '../../core/forms/submission';
import { notBlank } from '../../core/forms/validators';
import { WorkupsService } from '../data-access/workups.service';
import type { UpgradeOffer } from '../util/upgrade-offer';
import type { ActionOutcome } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { DialogFormComponent } from '../../shared/ui/dialog-form.component';
import { ReasonFieldComponent } from '../../shared/ui/reason-field.component';

/** The workup as the hematologist saw it, and the upgrade they were offered. */
export interface UpgradeDialogData {
  readonly workup: Pick<WorkupView, 'id' | 'version'>;
  readonly offer: UpgradeOffer;
}

/** The hematologist moves a workup to a newer protocol version, with a reason (audited). */
@Component({
  selector: 'pw-upgrade-dialog',
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
      [heading]="'Upgrade to protocol version ' + offer.to"
      submitLabel="Upgrade"
      (reload)="reload()"
    >
      <p>
        The workup moves from version {{ offer.from }} to version
        {{ offer.to }}.
        @if (offer.added.length > 0) {
          New items, planned: {{ addedNames }}.
        }
        Every current item keeps its status, results and history. This cannot be
        undone.
      </p>
      <pw-reason-field label="Reason" [required]="true" />
    </pw-dialog-form>
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
