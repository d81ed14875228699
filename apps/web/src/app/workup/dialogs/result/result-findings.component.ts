import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  FINDING_VALUES,
  type CriterionKey,
  type ProtocolDefinition,
} from '@poems/domain';
import { errorText } from '../../../core/forms/error-text';
import { FINDING_LABELS, criterionName } from '../../util/workup-labels';
import {
  IN_PARENT_FORM,
  checkOnFormEvents,
} from '../../../shared/ui/parent-form';
import { type ResultForm, type ResultShape } from './result-form';

/** Findings asserted for the criteria the item covers, beside (or instead of) what the rules infer. */
@Component({
  selector: 'pw-result-findings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  viewProviders: [IN_PARENT_FORM],
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule],
  template: `
    <fieldset class="result-form__group" formGroupName="findings">
      <legend>Findings</legend>
      <p class="result-form__hint">
        @if (shape().infers) {
          Leave "From the result" to let the rules infer a finding; choose a
          value to assert it (an assertion overrides the inference). A read must
          say what it found for each criterion it establishes: "Indeterminate"
          when it cannot tell.
        } @else {
          Nothing is inferred from this item's result: state each finding it
          establishes ("Indeterminate" when the read cannot tell).
        }
      </p>
      <div class="form-row">
        @for (criterion of shape().covered; track criterion) {
          <mat-form-field appearance="outline">
            <mat-label>{{ criterionName(criterion) }}</mat-label>
            <mat-select
              [formControlName]="criterion"
              [required]="isRequiredFinding(criterion)"
            >
              <mat-option value="">{{
                shape().infers ? 'From the result' : 'Not asserted'
              }}</mat-option>
              @for (value of findingValues; track value) {
                <mat-option [value]="value">{{
                  labels.finding[value]
                }}</mat-option>
              }
            </mat-select>
            <mat-error>{{
              errorText(form().controls.findings.get(criterion))
            }}</mat-error>
          </mat-form-field>
        }
      </div>
    </fieldset>
  `,
  styleUrl: './result-part.scss',
})
export class ResultFindingsComponent {
  readonly form = input.required<ResultForm>();
  readonly shape = input.required<ResultShape>();

  protected readonly errorText = errorText;
  readonly protocol = input.required<ProtocolDefinition>();

  protected readonly findingValues = FINDING_VALUES;
  protected readonly labels = { finding: FINDING_LABELS };
  protected readonly criterionName = (key: CriterionKey): string =>
    criterionName(this.protocol(), key);
  protected readonly isRequiredFinding = (criterion: CriterionKey): boolean =>
    this.shape().requiredFindings.includes(criterion);

  constructor() {
    checkOnFormEvents(this.form);
  }
}
