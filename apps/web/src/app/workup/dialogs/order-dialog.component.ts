import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder } from '@angular/forms';
import { isoDateValidator } from '../../core/forms/dates';
import { errorText } from '../../core/forms/error-text';
import { ItemActionSubmission } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { DialogFormComponent } from '../../shared/ui/dialog-form.component';

/** Orders an item, optionally with a due date. */
@Component({
  selector: 'pw-order-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS, DialogFormComponent],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      [heading]="'Order: ' + submission.data.target.name"
      submitLabel="Order"
      closeLabel="Cancel"
      (reload)="submission.reload()"
    >
      <mat-form-field appearance="outline">
        <mat-label>Due date (optional)</mat-label>
        <input matInput type="date" formControlName="dueDate" />
        <mat-error>{{ errorText(form.controls.dueDate) }}</mat-error>
      </mat-form-field>
    </pw-dialog-form>
  `,
})
export class OrderDialogComponent {
  protected readonly submission = new ItemActionSubmission();
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    dueDate: [this.submission.data.target.dueDate ?? '', [isoDateValidator]],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { dueDate } = this.form.getRawValue();
    this.submission.send(this.form, 'order', dueDate === '' ? {} : { dueDate });
  }
}
