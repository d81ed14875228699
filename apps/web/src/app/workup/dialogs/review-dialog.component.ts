import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { errorText } from '../../core/forms/error-text';
import { ItemActionSubmission } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { DialogFormComponent } from '../../shared/ui/dialog-form.component';

/** The hematologist's review (sign-off) of a recorded result. */
@Component({
  selector: 'pw-review-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS, DialogFormComponent],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      [heading]="'Review: ' + submission.data.target.name"
      submitLabel="Mark reviewed"
      closeLabel="Cancel"
      (reload)="submission.reload()"
    >
      <p>Reviewing confirms the recorded result and its findings.</p>
      <mat-form-field appearance="outline">
        <mat-label>Note (optional)</mat-label>
        <textarea matInput formControlName="note" rows="3"></textarea>
        <mat-error>{{ errorText(form.controls.note) }}</mat-error>
      </mat-form-field>
    </pw-dialog-form>
  `,
})
export class ReviewDialogComponent {
  protected readonly submission = new ItemActionSubmission();
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    note: ['', [Validators.maxLength(2000)]],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const note = this.form.getRawValue().note.trim();
    this.submission.send(this.form, 'review', note === '' ? {} : { note });
  }
}
