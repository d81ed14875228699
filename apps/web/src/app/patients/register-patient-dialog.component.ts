import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { SEXES, type Sex } from '@poems/domain';
import { type PatientView } from '@poems/contract';
import { sexLabel } from '../core/format/labels';
import {
  isoDateValidator,
  notInFutureValidator,
  todayIso,
} from '../core/forms/dates';
import { errorText } from '../core/forms/error-text';
import { Submission } from '../core/forms/submission';
import { notBlank } from '../core/forms/validators';
import { DialogFormComponent } from '../shared/ui/dialog-form.component';
import { PatientsService } from './patients.service';

/** The API's MRN rule (patients.dto.ts). */
const MRN = /^[A-Za-z0-9][A-Za-z0-9./-]{0,31}$/;

const mrnValidator: ValidatorFn = (control) =>
  typeof control.value !== 'string' ||
  control.value.trim() === '' ||
  MRN.test(control.value.trim())
    ? null
    : {
        message:
          'Use 1–32 letters, digits, dots, dashes or slashes, starting with a letter or digit.',
      };

const notBefore1900: ValidatorFn = (control) =>
  typeof control.value === 'string' &&
  control.value !== '' &&
  control.value < '1900-01-01'
    ? { message: 'Must not be before 1900.' }
    : null;

/** Registers a patient; closes with the patient as stored. */
@Component({
  selector: 'pw-register-patient-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    DialogFormComponent,
  ],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      heading="Register a patient"
      submitLabel="Register"
      closeLabel="Cancel"
      [reloadable]="false"
    >
      <mat-form-field appearance="outline">
        <mat-label>Medical record number (MRN)</mat-label>
        <input matInput formControlName="mrn" autocomplete="off" required />
        <mat-error>{{ errorText(form.controls.mrn) }}</mat-error>
      </mat-form-field>
      <div class="form-row">
        <mat-form-field appearance="outline">
          <mat-label>Given name</mat-label>
          <input
            matInput
            formControlName="givenName"
            autocomplete="off"
            required
          />
          <mat-error>{{ errorText(form.controls.givenName) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Family name</mat-label>
          <input
            matInput
            formControlName="familyName"
            autocomplete="off"
            required
          />
          <mat-error>{{ errorText(form.controls.familyName) }}</mat-error>
        </mat-form-field>
      </div>
      <div class="form-row">
        <mat-form-field appearance="outline">
          <mat-label>Birth date</mat-label>
          <input
            matInput
            type="date"
            formControlName="birthDate"
            min="1900-01-01"
            [max]="today"
            required
          />
          <mat-error>{{ errorText(form.controls.birthDate) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Sex</mat-label>
          <mat-select formControlName="sex" required>
            @for (sex of sexes; track sex) {
              <mat-option [value]="sex">{{ sexLabel(sex) }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errorText(form.controls.sex) }}</mat-error>
        </mat-form-field>
      </div>
    </pw-dialog-form>
  `,
})
export class RegisterPatientDialogComponent {
  private readonly patients = inject(PatientsService);
  private readonly dialogRef =
    inject<MatDialogRef<RegisterPatientDialogComponent, PatientView>>(
      MatDialogRef,
    );

  protected readonly sexes = SEXES;
  protected readonly sexLabel = sexLabel;
  protected readonly errorText = errorText;
  protected readonly today = todayIso();
  protected readonly form = inject(NonNullableFormBuilder).group({
    mrn: ['', [Validators.required, notBlank, mrnValidator]],
    givenName: ['', [Validators.required, notBlank, Validators.maxLength(100)]],
    familyName: [
      '',
      [Validators.required, notBlank, Validators.maxLength(100)],
    ],
    birthDate: [
      '',
      [
        Validators.required,
        isoDateValidator,
        notInFutureValidator(),
        notBefore1900,
      ],
    ],
    sex: ['' as Sex | '', [Validators.required]],
  });
  protected readonly submission = new Submission({
    subject: 'patient',
    fieldOfCode: { duplicate_mrn: 'mrn' },
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { mrn, givenName, familyName, birthDate, sex } =
      this.form.getRawValue();
    if (sex === '') {
      return;
    }
    this.submission.run(
      this.form,
      this.patients.register({
        mrn: mrn.trim(),
        givenName: givenName.trim(),
        familyName: familyName.trim(),
        birthDate,
        sex,
      }),
      (patient) => this.dialogRef.close(patient),
    );
  }
}
