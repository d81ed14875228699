import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { performWarnings } from '@poems/domain';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import {
  dateTimeValidator,
  localDateTimeToIso,
  nowLocalDateTime,
} from '../../core/forms/dates';
import { errorText } from '../../core/forms/error-text';
import { ItemActionSubmission } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { DialogFormComponent } from '../../shared/ui/dialog-form.component';
import { ClinicClock } from '../../core/clock/clinic-clock';

/** A test cannot have been performed in the future (a minute's grace for clock skew). */
export function notInFutureInstant(
  control: AbstractControl,
): ValidationErrors | null {
  const iso =
    typeof control.value === 'string'
      ? localDateTimeToIso(control.value)
      : null;
  return iso !== null && new Date(iso).getTime() > Date.now() + 60_000
    ? { future: true }
    : null;
}

/** Marks an item performed (awaiting its result). */
@Component({
  selector: 'pw-perform-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS, DialogFormComponent],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      [heading]="'Mark performed: ' + submission.data.target.name"
      submitLabel="Mark performed"
      closeLabel="Cancel"
      (reload)="submission.reload()"
    >
      <mat-form-field appearance="outline">
        <mat-label>Performed at</mat-label>
        <input
          matInput
          type="datetime-local"
          formControlName="performedAt"
          required
        />
        <mat-hint>{{ clock.label() }}</mat-hint>
        <mat-error>{{ errorText(form.controls.performedAt) }}</mat-error>
      </mat-form-field>
      @for (warning of warnings(); track warning) {
        <p class="entry-warning" role="status">{{ warning }}</p>
      }
    </pw-dialog-form>
  `,
})
export class PerformDialogComponent {
  /** Names the clinic's zone beside every time input: times are typed on the clinic's clock. */
  protected readonly clock = inject(ClinicClock);
  protected readonly submission = new ItemActionSubmission();
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    performedAt: [
      nowLocalDateTime(),
      [Validators.required, dateTimeValidator, notInFutureInstant],
    ],
  });

  private readonly typed = toSignal(
    this.form.controls.performedAt.valueChanges,
    { initialValue: this.form.controls.performedAt.value },
  );
  /** Warnings, not refusals: the entry may be right, but is usually a slip. */
  protected readonly warnings = computed((): string[] => {
    const at = localDateTimeToIso(this.typed());
    return at === null
      ? []
      : performWarnings(
          new Date(at),
          this.submission.data.target.scheduledAt === null
            ? null
            : new Date(this.submission.data.target.scheduledAt),
          this.clock.timeZone(),
        ).map((w) => w.message);
  });

  protected submit(): void {
    const performedAt = localDateTimeToIso(
      this.form.controls.performedAt.value,
    );
    if (this.form.invalid || performedAt === null) {
      this.form.markAllAsTouched();
      return;
    }
    this.submission.send(this.form, 'perform', { performedAt });
  }
}
