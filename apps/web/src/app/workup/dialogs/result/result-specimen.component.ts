import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { SPECIMENS, VEGF_CONFOUNDERS } from '@poems/domain';
import { errorText } from '../../../core/forms/error-text';
import { CONFOUNDER_LABELS, SPECIMEN_LABELS } from '../../util/workup-labels';
import {
  IN_PARENT_FORM,
  checkOnFormEvents,
} from '../../../shared/ui/parent-form';
import { type ResultForm, type ResultShape } from './result-form';

/** The specimen of a VEGF result and the conditions that raise it. */
@Component({
  selector: 'pw-result-specimen',
  changeDetection: ChangeDetectionStrategy.OnPush,
  viewProviders: [IN_PARENT_FORM],
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatSelectModule,
  ],
  template: `
    <fieldset class="result-form__group">
      <legend>Specimen</legend>
      @if (shape().takes('specimen')) {
        <mat-form-field appearance="outline">
          <mat-label>Specimen</mat-label>
          <!-- No required attribute: the domain's validateResult owns that rule and its message. -->
          <mat-select formControlName="specimen">
            @for (specimen of specimens; track specimen) {
              <mat-option [value]="specimen">{{
                labels.specimen[specimen]
              }}</mat-option>
            }
          </mat-select>
          <mat-hint
            >Required for VEGF; never compare values across specimens</mat-hint
          >
          <mat-error>{{ errorText(form().controls.specimen) }}</mat-error>
        </mat-form-field>
      }
      @if (shape().takes('confounders')) {
        <p class="result-form__hint" id="confounders-hint">
          Conditions that raise serum VEGF, shown beside the value:
        </p>
        <div
          class="checkbox-grid"
          formGroupName="confounders"
          role="group"
          aria-labelledby="confounders-hint"
        >
          @for (confounder of confounders; track confounder) {
            <mat-checkbox [formControlName]="confounder">{{
              labels.confounder[confounder]
            }}</mat-checkbox>
          }
        </div>
      }
    </fieldset>
  `,
  styleUrl: './result-part.scss',
})
export class ResultSpecimenComponent {
  readonly form = input.required<ResultForm>();
  readonly shape = input.required<ResultShape>();

  protected readonly errorText = errorText;
  protected readonly specimens = SPECIMENS;
  protected readonly confounders = VEGF_CONFOUNDERS;
  protected readonly labels = {
    specimen: SPECIMEN_LABELS,
    confounder: CONFOUNDER_LABELS,
  };

  constructor() {
    checkOnFormEvents(this.form);
  }
}
