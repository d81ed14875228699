import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { isIsoDate, type Overall } from '@poems/domain';
import {
  OVERALL_RESULTS,
  WORKUP_STATUSES,
  type WorkupStatus,
} from '@poems/contract';
import { isoDateValidator } from '../../core/forms/dates';
import { errorText } from '../../core/forms/error-text';
import { overallLook } from '../../workup/util/workup-looks';
import { REPORT_DATES, type ReportFilters } from '../util/report-query';

/** An attending the filter offers. */
export interface AttendingOption {
  readonly id: string;
  readonly name: string;
}

const STATUS_LABELS: Readonly<Record<WorkupStatus, string>> = {
  open: 'Open',
  closed: 'Closed',
};

function withinReportDates(control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  return typeof value === 'string' &&
    isIsoDate(value) &&
    (value < REPORT_DATES.min || value > REPORT_DATES.max)
    ? { message: `Between ${REPORT_DATES.min} and ${REPORT_DATES.max}.` }
    : null;
}

function notBeforeFrom(control: AbstractControl): ValidationErrors | null {
  const from: unknown = control.parent?.get('from')?.value;
  const to: unknown = control.value;
  return typeof from === 'string' &&
    typeof to === 'string' &&
    isIsoDate(from) &&
    isIsoDate(to) &&
    to < from
    ? { message: 'Must not be before the start of the period.' }
    : null;
}

/**
 * The report's period and filters. The page's URL holds what is applied; this form edits a copy
 * and hands it back on submit, so a half-typed date never reaches the API.
 */
@Component({
  selector: 'pw-report-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  template: `
    <form
      class="filters"
      [formGroup]="form"
      (ngSubmit)="submit()"
      novalidate
      aria-label="Report period and filters"
    >
      <fieldset class="filters__period">
        <legend class="filters__legend">
          Workups opened (clinic dates, inclusive)
        </legend>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>From</mat-label>
          <input matInput type="date" formControlName="from" />
          <mat-error>{{ errorText(form.controls.from) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>To</mat-label>
          <input matInput type="date" formControlName="to" />
          <mat-error>{{ errorText(form.controls.to) }}</mat-error>
        </mat-form-field>
      </fieldset>
      <div class="filters__others">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Attending</mat-label>
          <mat-select formControlName="attending">
            <mat-option value="">Any attending</mat-option>
            @for (option of attendings(); track option.id) {
              <mat-option [value]="option.id">{{ option.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Workup status</mat-label>
          <mat-select formControlName="status">
            <mat-option value="">Any status</mat-option>
            @for (status of statuses; track status) {
              <mat-option [value]="status">{{
                statusLabels[status]
              }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Overall result</mat-label>
          <mat-select formControlName="overall">
            <mat-option value="">Any result</mat-option>
            @for (overall of overalls; track overall) {
              <mat-option [value]="overall">{{
                overallLabel(overall)
              }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <div class="filters__actions">
        <button mat-flat-button type="submit">Show report</button>
        <button mat-button type="button" (click)="clear.emit()">
          Last 90 days, no filters
        </button>
      </div>
    </form>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem 1.5rem;
      margin-block-end: 1rem;
    }
    .filters__period {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .filters__legend {
      padding: 0;
      margin-block-end: 0.5rem;
      font: var(--mat-sys-label-large);
    }
    .filters__others {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
    }
    .filters__others mat-form-field {
      width: 12.5rem;
    }
    .filters__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      padding-block-end: 0.25rem;
    }
  `,
})
export class ReportFiltersComponent {
  /** The filters applied now (from the URL). */
  readonly filters = input.required<ReportFilters>();
  readonly attendings = input<readonly AttendingOption[]>([]);
  readonly apply = output<ReportFilters>();
  /** Back to the default period without filters. */
  readonly clear = output();

  protected readonly form = inject(NonNullableFormBuilder).group({
    from: ['', [Validators.required, isoDateValidator, withinReportDates]],
    to: [
      '',
      [Validators.required, isoDateValidator, withinReportDates, notBeforeFrom],
    ],
    attending: [''],
    status: ['' as WorkupStatus | ''],
    overall: ['' as Overall | ''],
  });
  protected readonly statuses = WORKUP_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly overalls = OVERALL_RESULTS;
  protected readonly errorText = errorText;

  constructor() {
    effect(() => {
      const f = this.filters();
      this.form.reset({
        from: f.from,
        to: f.to,
        attending: f.attending ?? '',
        status: f.status ?? '',
        overall: f.overall ?? '',
      });
    });
    // `to` is checked against `from`: a new start date can make the end date valid or not.
    this.form.controls.from.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.form.controls.to.updateValueAndValidity());
  }

  protected overallLabel(overall: Overall): string {
    return overallLook(overall).label;
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { from, to, attending, status, overall } = this.form.getRawValue();
    this.apply.emit({
      from,
      to,
      ...(attending !== '' && { attending }),
      ...(status !== '' && { status }),
      ...(overall !== '' && { overall }),
    });
  }
}
