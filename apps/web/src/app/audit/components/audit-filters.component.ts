import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { errorText } from '../../core/forms/error-text';
import {
  auditFilterForm,
  filterFormValue,
  filtersOf,
  OUTCOME_LABELS,
  suggest,
} from '../util/audit-filter-form';
import {
  AUDIT_OUTCOMES,
  type AuditFilters,
  KNOWN_AUDIT_ACTIONS,
  KNOWN_ENTITY_TYPES,
} from '../util/audit-query';
import { ClinicClock } from '../../core/clock/clinic-clock';

/**
 * The audit log's filters. The URL holds what is applied; the form edits a copy and hands it back
 * on submit, refusing values the API would reject.
 */
@Component({
  selector: 'pw-audit-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
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
      aria-label="Audit log filters"
    >
      <fieldset class="filters__group">
        <legend class="filters__legend">{{ clock.label() }}</legend>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>From</mat-label>
          <input matInput type="datetime-local" formControlName="from" />
          <mat-error>{{ errorText(form.controls.from) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Before</mat-label>
          <input matInput type="datetime-local" formControlName="to" />
          <mat-error>{{ errorText(form.controls.to) }}</mat-error>
        </mat-form-field>
      </fieldset>
      <div class="filters__group">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Actor</mat-label>
          <input
            matInput
            formControlName="actor"
            autocomplete="off"
            spellcheck="false"
          />
          <mat-hint>Username or user id</mat-hint>
          <mat-error>{{ errorText(form.controls.actor) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Patient</mat-label>
          <input
            matInput
            formControlName="patient"
            autocomplete="off"
            spellcheck="false"
          />
          <mat-hint>MRN, name or patient id</mat-hint>
          <mat-error>{{ errorText(form.controls.patient) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Action</mat-label>
          <input
            matInput
            formControlName="action"
            autocomplete="off"
            spellcheck="false"
            [matAutocomplete]="actions"
          />
          <mat-hint>An action or a family: result, item</mat-hint>
          <mat-autocomplete #actions="matAutocomplete">
            @for (action of actionOptions(); track action) {
              <mat-option [value]="action">{{ action }}</mat-option>
            }
          </mat-autocomplete>
          <mat-error>{{ errorText(form.controls.action) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Entity type</mat-label>
          <input
            matInput
            formControlName="entityType"
            autocomplete="off"
            spellcheck="false"
            [matAutocomplete]="entityTypes"
          />
          <mat-autocomplete #entityTypes="matAutocomplete">
            @for (type of entityTypeOptions(); track type) {
              <mat-option [value]="type">{{ type }}</mat-option>
            }
          </mat-autocomplete>
          <mat-error>{{ errorText(form.controls.entityType) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Outcome</mat-label>
          <mat-select formControlName="outcome">
            <mat-option value="">Any outcome</mat-option>
            @for (outcome of outcomes; track outcome) {
              <mat-option [value]="outcome">{{
                outcomeLabels[outcome]
              }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <div class="filters__actions">
        <button mat-flat-button type="submit">Apply filters</button>
        <button mat-button type="button" (click)="clear.emit()">
          Clear filters
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
    .filters__group {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.5rem 0.75rem;
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .filters__group mat-form-field {
      width: 13rem;
    }
    .filters__legend {
      padding: 0;
      margin-block-end: 0.5rem;
      font: var(--mat-sys-label-large);
    }
    .filters__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      padding-block-end: 0.25rem;
    }
  `,
})
export class AuditFiltersComponent {
  /** Names the clinic's zone beside every time input: times are typed on the clinic's clock. */
  protected readonly clock = inject(ClinicClock);
  /** The filters applied now (from the URL). */
  readonly filters = input.required<AuditFilters>();
  readonly apply = output<AuditFilters>();
  readonly clear = output();

  protected readonly form = auditFilterForm(inject(NonNullableFormBuilder));
  protected readonly outcomes = AUDIT_OUTCOMES;
  protected readonly outcomeLabels = OUTCOME_LABELS;
  protected readonly errorText = errorText;

  private readonly typedAction = toSignal(
    this.form.controls.action.valueChanges,
    {
      initialValue: '',
    },
  );
  private readonly typedEntityType = toSignal(
    this.form.controls.entityType.valueChanges,
    { initialValue: '' },
  );
  protected readonly actionOptions = computed(() =>
    suggest(KNOWN_AUDIT_ACTIONS, this.typedAction()),
  );
  protected readonly entityTypeOptions = computed(() =>
    suggest(KNOWN_ENTITY_TYPES, this.typedEntityType()),
  );

  constructor() {
    effect(() => {
      this.form.reset(filterFormValue(this.filters()));
    });
    this.form.controls.from.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.form.controls.to.updateValueAndValidity());
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.apply.emit(filtersOf(this.form.getRawValue()));
  }
}
