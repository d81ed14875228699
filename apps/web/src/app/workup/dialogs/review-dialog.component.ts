import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { errorText } from '../../core/forms/error-text';
import { ItemActionSubmission } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';

/** The hematologist's review (sign-off) of a recorded result. */
@Component({
  selector: 'pw-review-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS],
  template: `
    <h2 mat-dialog-title>Review: {{ submission.data.target.name }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="dialog-form">
        @if (submission.error(); as error) {
          <pw-error-alert
            [message]="error"
            [extra]="submission.unplaced()"
            (reload)="submission.reload()"
          />
        }
        <p>Reviewing confirms the recorded result and its findings.</p>
        <mat-form-field appearance="outline">
          <mat-label>Note (optional)</mat-label>
          <textarea matInput formControlName="note" rows="3"></textarea>
          <mat-error>{{ errorText(form.controls.note) }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.pending()">
          Mark reviewed
        </button>
      </mat-dialog-actions>
    </form>
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
