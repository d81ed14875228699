import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { DEFAULT_PROTOCOL_KEY, getProtocol } from '@poems/domain';
import { type InboxEntryView, type PatientListItem } from '@poems/contract';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { PatientsService, patientName } from '../patients/patients.service';

/** Where an entry is to be applied. */
export interface ApplyTarget {
  readonly patientId: string;
  readonly workupId: string;
  readonly itemKey: string;
}

/**
 * First step of applying an inbox entry: the patient (found by MRN or name; the one the report
 * matched is preselected) and the checklist item. The result itself is then entered in the usual
 * result dialog, prefilled with the decoded values.
 */
@Component({
  selector: 'pw-apply-inbox-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    ErrorAlertComponent,
  ],
  template: `
    <h2 mat-dialog-title>Apply the result</h2>
    <mat-dialog-content>
      <form class="apply" (ngSubmit)="search()">
        <mat-form-field>
          <mat-label>Patient (MRN or name)</mat-label>
          <input matInput name="q" [(ngModel)]="query" />
        </mat-form-field>
        <button mat-stroked-button type="submit">Search</button>
      </form>
      @if (error(); as error) {
        <pw-error-alert [message]="error" />
      }
      <mat-radio-group
        class="apply__patients"
        aria-label="Patient"
        [(ngModel)]="patientId"
        name="patient"
      >
        @for (patient of patients(); track patient.id) {
          <mat-radio-button
            [value]="patient.id"
            [disabled]="patient.workup?.status !== 'open'"
          >
            {{ patient.mrn }} · {{ name(patient) }} · born
            {{ patient.birthDate }}
            @if (patient.workup?.status !== 'open') {
              (no open workup)
            }
          </mat-radio-button>
        } @empty {
          <p>No patient found. A coordinator can register the patient first.</p>
        }
      </mat-radio-group>
      <mat-form-field class="apply__item">
        <mat-label>Checklist item</mat-label>
        <mat-select [(ngModel)]="itemKey" name="item">
          @for (item of items; track item.key) {
            <mat-option [value]="item.key">{{ item.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="!ready()"
        (click)="continue()"
      >
        Continue to the result
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .apply {
      display: flex;
      gap: 0.5rem;
      align-items: baseline;
    }
    .apply__patients {
      display: flex;
      flex-direction: column;
      margin: 0.5rem 0 1rem;
    }
    .apply__item {
      width: 100%;
    }
  `,
})
export class ApplyInboxDialogComponent {
  private readonly patientsApi = inject(PatientsService);
  private readonly dialogRef =
    inject<MatDialogRef<ApplyInboxDialogComponent, ApplyTarget>>(MatDialogRef);
  protected readonly entry = inject<InboxEntryView>(MAT_DIALOG_DATA);
  protected readonly items = getProtocol(DEFAULT_PROTOCOL_KEY).items;
  protected readonly patients = signal<readonly PatientListItem[]>([]);
  protected readonly error = signal<ErrorMessage | null>(null);
  protected readonly name = patientName;
  protected query = this.entry.sentPatient.mrn ?? '';
  protected patientId: string | null = this.entry.patientId;
  protected itemKey: string | null =
    this.entry.proposal.itemKey ?? this.entry.itemKey;

  constructor() {
    this.search();
  }

  protected ready(): boolean {
    return (
      this.patientId !== null &&
      this.itemKey !== null &&
      this.workupOf(this.patientId) !== undefined
    );
  }

  protected search(): void {
    this.patientsApi
      .list({ q: this.query.trim(), page: 1, pageSize: 10 })
      .subscribe({
        next: (page) => {
          this.error.set(null);
          this.patients.set(page.items);
          if (
            this.patientId === null &&
            page.items.length === 1 &&
            page.items[0]?.workup?.status === 'open'
          ) {
            this.patientId = page.items[0].id;
          }
        },
        error: (error: unknown) => this.error.set(describeError(error)),
      });
  }

  protected continue(): void {
    const workupId =
      this.patientId === null ? undefined : this.workupOf(this.patientId);
    if (
      this.patientId !== null &&
      this.itemKey !== null &&
      workupId !== undefined
    ) {
      this.dialogRef.close({
        patientId: this.patientId,
        workupId,
        itemKey: this.itemKey,
      });
    }
  }

  private workupOf(patientId: string): string | undefined {
    const workup = this.patients().find((p) => p.id === patientId)?.workup;
    return workup?.status === 'open' ? workup.id : undefined;
  }
}
