import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import {
  type FormControl,
  type FormRecord,
  ReactiveFormsModule,
} from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { errorText } from '../../../core/forms/error-text';
import { signLabel } from '../../util/workup-labels';
import {
  IN_PARENT_FORM,
  checkOnFormEvents,
} from '../../../shared/ui/parent-form';
import { type ResultForm, type ResultShape } from './result-form';

/** The signs an examination found; none ticked records that none was found. */
@Component({
  selector: 'pw-result-signs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  viewProviders: [IN_PARENT_FORM],
  imports: [ReactiveFormsModule, MatCheckboxModule],
  template: `
    <fieldset class="result-form__group">
      <legend>Signs found</legend>
      <p class="result-form__hint">
        Tick what was found; ticking none records that none was found.
      </p>
      <div class="checkbox-grid" formGroupName="signs">
        @for (sign of shape().allowedSigns; track sign) {
          <mat-checkbox [formControlName]="sign">{{
            signLabel(sign)
          }}</mat-checkbox>
        }
      </div>
      @for (message of groupErrors(form().controls.signs); track $index) {
        <p class="result-form__error">{{ message }}</p>
      }
    </fieldset>
  `,
  styleUrl: './result-part.scss',
})
export class ResultSignsComponent {
  readonly form = input.required<ResultForm>();
  readonly shape = input.required<ResultShape>();

  protected readonly errorText = errorText;
  protected readonly signLabel = signLabel;

  constructor() {
    checkOnFormEvents(this.form);
  }

  /** Error messages put on a group of checkboxes (which have no field of their own to show them). */
  protected groupErrors(group: FormRecord<FormControl<boolean>>): string[] {
    return Object.values(group.controls)
      .map((c) => (c.errors?.['server'] as string | undefined) ?? null)
      .filter((m): m is string => m !== null);
  }
}
