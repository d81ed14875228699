import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  type BulkAction,
  type BulkActionResult,
  type WorklistRow,
} from '@poems/contract';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { ClinicClock } from '../core/clock/clinic-clock';
import {
  dateTimeValidator,
  isoDateValidator,
  nowLocalDateTime,
} from '../core/forms/dates';
import { errorText } from '../core/forms/error-text';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { notInFutureInstant } from '../workup/dialogs/perform-dialog.component';
import { BULK_TITLES, bulkRequest, bulkWarnings } from './util/bulk-action';
import { BulkResultComponent } from './ui/bulk-result.component';
import { WorklistService } from './worklist.service';

/** What the bulk dialog acts on. */
export interface BulkDialogData {
  readonly action: BulkAction;
  readonly rows: readonly WorklistRow[];
}

/** How the bulk dialog closed: how many items changed (the list reloads when any did). */
export interface BulkDialogOutcome {
  readonly succeeded: number;
  readonly failed: number;
}

/**
 * Schedules, or marks performed, the selected worklist items with one set of fields. The server
 * acts on each item alone; the dialog then lists which were done and why any were not, so a
 * coordinator can fix those few without redoing the rest.
 */
@Component({
  selector: 'pw-bulk-action-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    BulkResultComponent,
    ErrorAlertComponent,
  ],
  template: `
    <h2 mat-dialog-title>
      {{ title }}: {{ data.rows.length }}
      {{ data.rows.length === 1 ? 'item' : 'items' }}
    </h2>
    @if (result(); as result) {
      <mat-dialog-content>
        <pw-bulk-result
          [action]="data.action"
          [result]="result"
          [rows]="data.rows"
        />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" (click)="close()">Done</button>
      </mat-dialog-actions>
    } @else {
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-dialog-content class="dialog-form">
          @if (error(); as error) {
            <pw-error-alert [message]="error" [reloadable]="false" />
          }
          <ul class="targets" aria-label="Selected items">
            @for (row of data.rows; track $index) {
              <li>{{ row.itemName }} — {{ row.patientName }}</li>
            }
          </ul>
          @if (data.action === 'schedule') {
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
          } @else {
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
          }
          @for (warning of warnings(); track warning) {
            <p class="warning" role="status">{{ warning }}</p>
          }
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button mat-flat-button type="submit" [disabled]="pending()">
            {{ title }}
          </button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styles: `
    .targets {
      margin: 0 0 1rem;
      padding-inline-start: 1.25rem;
      max-height: 8rem;
      overflow-y: auto;
    }
    .warning {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-radius: var(--mat-sys-corner-small);
      background: var(--pw-warning-bg);
      color: var(--pw-warning-fg);
    }
  `,
})
export class BulkActionDialogComponent {
  protected readonly data = inject<BulkDialogData>(MAT_DIALOG_DATA);
  protected readonly clock = inject(ClinicClock);
  private readonly worklist = inject(WorklistService);
  private readonly dialogRef =
    inject<MatDialogRef<BulkActionDialogComponent, BulkDialogOutcome>>(
      MatDialogRef,
    );
  protected readonly errorText = errorText;
  protected readonly title = BULK_TITLES[this.data.action];
  protected readonly pending = signal(false);
  protected readonly error = signal<ErrorMessage | null>(null);
  protected readonly result = signal<BulkActionResult | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    scheduledAt: [
      '',
      this.data.action === 'schedule'
        ? [Validators.required, dateTimeValidator]
        : [],
    ],
    location: ['', [Validators.maxLength(200)]],
    dueDate: ['', [isoDateValidator]],
    performedAt: [
      nowLocalDateTime(),
      this.data.action === 'perform'
        ? [Validators.required, dateTimeValidator, notInFutureInstant]
        : [],
    ],
  });
  private readonly values = toSignal(this.form.valueChanges, {
    initialValue: this.form.getRawValue(),
  });

  /** Warnings, not refusals: a past booking or an early performance may be right. */
  protected readonly warnings = computed((): string[] =>
    bulkWarnings(
      this.data.action,
      this.data.rows,
      this.values(),
      this.clock.timeZone(),
    ),
  );

  protected submit(): void {
    if (this.form.invalid || this.pending()) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.worklist
      .bulk(
        bulkRequest(this.data.action, this.data.rows, this.form.getRawValue()),
      )
      .subscribe({
        next: (result) => {
          this.pending.set(false);
          this.result.set(result);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.error.set(describeError(error));
        },
      });
  }

  protected close(): void {
    const result = this.result();
    this.dialogRef.close({
      succeeded: result?.succeeded ?? 0,
      failed: result?.failed ?? 0,
    });
  }
}
