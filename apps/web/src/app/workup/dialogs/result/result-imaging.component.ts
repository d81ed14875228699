import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { IMAGING_MODALITIES, LESION_TYPES } from '@poems/domain';
import { errorText } from '../../../core/forms/error-text';
import { LESION_LABELS, MODALITY_LABELS } from '../../util/workup-labels';
import {
  IN_PARENT_FORM,
  checkOnFormEvents,
} from '../../../shared/ui/parent-form';
import { type ResultForm, type ResultShape } from './result-form';

/** What an imaging study used and the bone lesions it showed. */
@Component({
  selector: 'pw-result-imaging',
  changeDetection: ChangeDetectionStrategy.OnPush,
  viewProviders: [IN_PARENT_FORM],
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule],
  template: `
    <fieldset class="result-form__group">
      <legend>Imaging</legend>
      <div class="form-row">
        @if (shape().takes('modality')) {
          <mat-form-field appearance="outline">
            <mat-label>Modality</mat-label>
            <mat-select formControlName="modality">
              <mat-option value="">Not recorded</mat-option>
              @for (modality of modalities; track modality) {
                <mat-option [value]="modality">{{
                  labels.modality[modality]
                }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ errorText(form().controls.modality) }}</mat-error>
          </mat-form-field>
        }
        @if (shape().takes('lesions')) {
          <mat-form-field appearance="outline">
            <mat-label>Bone lesions</mat-label>
            <mat-select formControlName="lesions">
              <mat-option value="">Not recorded</mat-option>
              @for (lesion of lesionTypes; track lesion) {
                <mat-option [value]="lesion">{{
                  labels.lesion[lesion]
                }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ errorText(form().controls.lesions) }}</mat-error>
          </mat-form-field>
        }
      </div>
    </fieldset>
  `,
  styleUrl: './result-part.scss',
})
export class ResultImagingComponent {
  readonly form = input.required<ResultForm>();
  readonly shape = input.required<ResultShape>();

  protected readonly errorText = errorText;
  protected readonly modalities = IMAGING_MODALITIES;
  protected readonly lesionTypes = LESION_TYPES;
  protected readonly labels = {
    lesion: LESION_LABELS,
    modality: MODALITY_LABELS,
  };

  constructor() {
    checkOnFormEvents(this.form);
  }
}
