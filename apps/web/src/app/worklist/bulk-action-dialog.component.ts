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
import { performWarnings, scheduleWarnings } from '@poems/domain';
import {
  type BulkAction,
  type BulkActionResult,
  type BulkItemOutcome,
  type WorklistRow,
} from '@poems/contract';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { ClinicClock } from '../core/clock/clinic-clock';
import {
  dateTimeValidator,
  isoDateValidator,
  localDateTimeToIso,
  nowLocalDateTime,
} from '../core/forms/dates';
import { errorText } from '../core/forms/error-text';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { notInFutureInstant } from '../workup/dialogs/perform-dialog.component';
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

/** One failed item as the person reads it. */
interface FailedItem {
  readonly label: string;
  readonly reason: string;
}

const TITLES: Readonly<Record<BulkAction, string>> = {
  schedule: 'Schedule',
  perform: 'Mark performed',
};

/** Why an item of a bulk action was not done, in words. */
export function bulkFailureReason(outcome: BulkItemOutcome): string {
  switch (outcome.status) {
    case 409:
      return 'Changed by someone else meanwhile: reload the list and try it again.';
    case 422:
      return outcome.detail ?? 'Not allowed in its current status.';
    case 404:
      return 'No longer on this workup (reload the list).';
    default:
      return outcome.detail ?? 'Not saved.';
  }
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
    ErrorAlertComponent,
  ],
  template: `
    <h2 mat-dialog-title>
      {{ title }}: {{ data.rows.length }}
      {{ data.rows.length === 1 ? 'item' : 'items' }}
    </h2>
    @if (result(); as result) {
      <mat-dialog-content>
        <p role="status" class="summary">{{ summary() }}</p>
        @if (failures().length > 0) {
          <h3 class="failed-title">Not done</h3>
          <ul class="failed">
            @for (failure of failures(); track $index) {
              <li>
                <strong>{{ failure.label }}</strong
                >: {{ failure.reason }}
              </li>
            }
          </ul>
        }
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
    .failed-title {
      margin: 0.75rem 0 0.25rem;
      font: var(--mat-sys-title-small);
    }
    .failed {
      margin: 0;
      padding-inline-start: 1.25rem;
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
  protected readonly title = TITLES[this.data.action];
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
  protected readonly warnings = computed((): string[] => {
    const values = this.values();
    const zone = this.clock.timeZone();
    if (this.data.action === 'schedule') {
      const at = localDateTimeToIso(values.scheduledAt ?? '');
      return at === null
        ? []
        : scheduleWarnings(new Date(at), new Date(), zone).map(
            (w) => w.message,
          );
    }
    const at = localDateTimeToIso(values.performedAt ?? '');
    if (at === null) {
      return [];
    }
    const early = this.data.rows.filter(
      (row) =>
        performWarnings(
          new Date(at),
          row.scheduledAt === null ? null : new Date(row.scheduledAt),
          zone,
        ).length > 0,
    );
    return early.length === 0
      ? []
      : [
          `Before the appointment of ${early.map((r) => `${r.itemName} (${r.patientName})`).join(', ')}. Save anyway if done early.`,
        ];
  });

  protected readonly summary = computed(() => {
    const result = this.result();
    if (result === null) {
      return '';
    }
    const verb = this.data.action === 'schedule' ? 'Scheduled' : 'Marked performed';
    return result.failed === 0
      ? `${verb}: all ${result.succeeded}.`
      : `${verb}: ${result.succeeded} of ${result.items.length}. ${result.failed} not done.`;
  });

  protected readonly failures = computed((): FailedItem[] =>
    (this.result()?.items ?? []).flatMap((outcome, index) => {
      if (outcome.status === 200) {
        return [];
      }
      const row = this.data.rows[index];
      return [
        {
          label: row
            ? `${row.itemName} — ${row.patientName}`
            : `${outcome.key}`,
          reason: bulkFailureReason(outcome),
        },
      ];
    }),
  );

  protected submit(): void {
    if (this.form.invalid || this.pending()) {
      this.form.markAllAsTouched();
      return;
    }
    const values = this.form.getRawValue();
    const items = this.data.rows.map((row) => ({
      workupId: row.workupId,
      key: row.itemKey,
      version: row.version,
    }));
    const fields =
      this.data.action === 'schedule'
        ? {
            scheduledAt: localDateTimeToIso(values.scheduledAt) ?? '',
            ...(values.location.trim() !== '' && {
              location: values.location.trim(),
            }),
            ...(values.dueDate !== '' && { dueDate: values.dueDate }),
          }
        : { performedAt: localDateTimeToIso(values.performedAt) ?? '' };
    this.pending.set(true);
    this.error.set(null);
    this.worklist
      .bulk({ action: this.data.action, items, ...fields })
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
