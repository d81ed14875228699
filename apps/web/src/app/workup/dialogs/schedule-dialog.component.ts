import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { scheduleWarnings } from '@poems/domain';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import {
  dateTimeValidator,
  isoDateValidator,
  isoToLocalDateTime,
  localDateTimeToIso,
} from '../../core/forms/dates';
import { errorText } from '../../core/forms/error-text';
import { ItemActionSubmission } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { DialogFormComponent } from '../../shared/ui/dialog-form.component';
import { ClinicClock } from '../../core/clock/clinic-clock';

/** Schedules (or reschedules) an item: when, where, and optionally a new due date. */
@Component({
  selector: 'pw-schedule-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS, DialogFormComponent],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      [heading]="title + ': ' + submission.data.target.name"
      [submitLabel]="title"
      closeLabel="Cancel"
      (reload)="submission.reload()"
    >
      <mat-form-field appearance="outline">
        <mat-label>Date and time</mat-label>
        <input
          matInput
          type="datetime-local"
          formControlName="scheduledAt"
          required
        />
        <mat-hint>{{ clock.label() }}</mat-hint>
        <mat-error>{{ errorText(form.controls.scheduledAt) }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Location (optional)</mat-label>
        <input matInput formControlName="location" autocomplete="off" />
        <mat-error>{{ errorText(form.controls.location) }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Due date (optional)</mat-label>
        <input matInput type="date" formControlName="dueDate" />
        <mat-error>{{ errorText(form.controls.dueDate) }}</mat-error>
      </mat-form-field>
      @for (warning of warnings(); track warning) {
        <p class="entry-warning" role="status">{{ warning }}</p>
      }
    </pw-dialog-form>
  `,
})
export class ScheduleDialogComponent {
  /** Names the clinic's zone beside every time input: times are typed on the clinic's clock. */
  protected readonly clock = inject(ClinicClock);
  protected readonly submission = new ItemActionSubmission();
  protected readonly errorText = errorText;
  private readonly target = this.submission.data.target;
  protected readonly title =
    this.target.status === 'scheduled' ? 'Reschedule' : 'Schedule';
  protected readonly form = inject(NonNullableFormBuilder).group({
    scheduledAt: [
      isoToLocalDateTime(this.target.scheduledAt),
      [Validators.required, dateTimeValidator],
    ],
    location: [this.target.location ?? '', [Validators.maxLength(200)]],
    dueDate: [this.target.dueDate ?? '', [isoDateValidator]],
  });

  private readonly typed = toSignal(
    this.form.controls.scheduledAt.valueChanges,
    { initialValue: this.form.controls.scheduledAt.value },
  );
  /** Warnings, not refusals: the entry may be right, but is usually a slip. */
  protected readonly warnings = computed((): string[] => {
    const at = localDateTimeToIso(this.typed());
    return at === null
      ? []
      : scheduleWarnings(new Date(at), new Date(), this.clock.timeZone()).map(
          (w) => w.message,
        );
  });

  protected submit(): void {
    const scheduledAt = localDateTimeToIso(
      this.form.controls.scheduledAt.value,
    );
    if (this.form.invalid || scheduledAt === null) {
      this.form.markAllAsTouched();
      return;
    }
    const { location, dueDate } = this.form.getRawValue();
    this.submission.send(this.form, 'schedule', {
      scheduledAt,
      ...(location.trim() !== '' && { location: location.trim() }),
      ...(dueDate !== '' && { dueDate }),
    });
  }
}
