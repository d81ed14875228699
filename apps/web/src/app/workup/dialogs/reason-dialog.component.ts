import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { ITEM_TRANSITIONS } from '@poems/domain';
import { notBlank } from '../../core/forms/validators';
import { ItemActionSubmission } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { DialogFormComponent } from '../../shared/ui/dialog-form.component';
import { ReasonFieldComponent } from '../../shared/ui/reason-field.component';

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
      [heading]="copy.title + ': ' + submission.data.target.name"
      [submitLabel]="copy.submit"
      (reload)="submission.reload()"
    >
      <p>{{ copy.explain }}</p>
      <pw-reason-field
        [label]="needsReason ? 'Reason' : 'Reason (optional)'"
        [required]="needsReason"
      />
    </pw-dialog-form>
  `,
})
export class ReasonDialogComponent {
  protected readonly submission = new ItemActionSubmission();
  private readonly action = this.submission.data.action as ReasonAction;
  protected readonly copy = COPY[this.action];
  protected readonly needsReason = ITEM_TRANSITIONS[this.action].needsReason;
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
