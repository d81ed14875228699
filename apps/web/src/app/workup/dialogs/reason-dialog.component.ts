import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { ITEM_TRANSITIONS } from '@poems/domain';
import { errorText } from '../../core/forms/error-text';
import { notBlank } from '../../core/forms/validators';
import { ItemActionSubmission } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';

type ReasonAction = 'cancel' | 'not-indicated' | 'reopen' | 'activate';

const COPY: Readonly<
  Record<ReasonAction, { title: string; submit: string; explain: string }>
> = {
  cancel: {
    title: 'Cancel',
    submit: 'Cancel the item',
    explain:
      'A cancelled item no longer counts as open; it can be reopened later.',
  },
  'not-indicated': {
    title: 'Not indicated',
    submit: 'Mark not indicated',
    explain:
      'The item is judged not needed for this patient; it can be reopened later.',
  },
  reopen: {
    title: 'Reopen',
    submit: 'Reopen',
    explain: 'The item returns to planned.',
  },
  activate: {
    title: 'Activate',
    submit: 'Activate',
    explain:
      'The conditional item becomes part of this workup and counts toward completion.',
  },
};

/** Cancel, not indicated and reopen need a reason; activate takes an optional one. */
@Component({
  selector: 'pw-reason-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS],
  template: `
    <h2 mat-dialog-title>
      {{ copy.title }}: {{ submission.data.target.name }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="dialog-form">
        @if (submission.error(); as error) {
          <pw-error-alert
            [message]="error"
            [extra]="submission.unplaced()"
            (reload)="submission.reload()"
          />
        }
        <p>{{ copy.explain }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{
            needsReason ? 'Reason' : 'Reason (optional)'
          }}</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            [required]="needsReason"
          ></textarea>
          <mat-error>{{ errorText(form.controls.reason) }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Back</button>
        <button mat-flat-button type="submit" [disabled]="submission.pending()">
          {{ copy.submit }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ReasonDialogComponent {
  protected readonly submission = new ItemActionSubmission();
  private readonly action = this.submission.data.action as ReasonAction;
  protected readonly copy = COPY[this.action];
  protected readonly needsReason = ITEM_TRANSITIONS[this.action].needsReason;
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: [
      '',
      this.needsReason
        ? [Validators.required, notBlank, Validators.maxLength(1000)]
        : [Validators.maxLength(1000)],
    ],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const reason = this.form.getRawValue().reason.trim();
    if (this.action === 'activate') {
      this.submission.send(
        this.form,
        'activate',
        reason === '' ? {} : { reason },
      );
    } else {
      this.submission.send(this.form, this.action, { reason });
    }
  }
}
