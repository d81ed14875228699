import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { AXIS_STATES, ENDOCRINE_AXES } from '@poems/domain';
import { errorText } from '../../../core/forms/error-text';
import { AXIS_LABELS, AXIS_STATE_LABELS } from '../../util/workup-labels';
import {
  IN_PARENT_FORM,
  checkOnFormEvents,
} from '../../../shared/ui/parent-form';
import { type ResultForm, type ResultShape } from './result-form';

/** The state of each endocrine axis. */
@Component({
  selector: 'pw-result-axes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  viewProviders: [IN_PARENT_FORM],
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule],
  template: `
    <fieldset class="result-form__group" formGroupName="axes">
      <legend>Endocrine axes</legend>
      <p class="result-form__hint">
        Diabetes or a thyroid abnormality alone does not meet the endocrinopathy
        criterion.
      </p>
      <div class="axes-grid">
        @for (axis of axes; track axis) {
          <mat-form-field appearance="outline">
            <mat-label>{{ labels.axis[axis] }}</mat-label>
            <mat-select [formControlName]="axis">
              <mat-option value="">Not recorded</mat-option>
              @for (state of axisStates; track state) {
                <mat-option [value]="state">{{
                  labels.axisState[state]
                }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
      </div>
    </fieldset>
  `,
  styleUrl: './result-part.scss',
})
export class ResultAxesComponent {
  readonly form = input.required<ResultForm>();
  readonly shape = input.required<ResultShape>();

  protected readonly errorText = errorText;
  protected readonly axes = ENDOCRINE_AXES;
  protected readonly axisStates = AXIS_STATES;
  protected readonly labels = {
    axis: AXIS_LABELS,
    axisState: AXIS_STATE_LABELS,
  };

  constructor() {
    checkOnFormEvents(this.form);
  }
}
