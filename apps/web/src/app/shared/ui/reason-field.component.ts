import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import {
  type AbstractControl,
  ControlContainer,
  ReactiveFormsModule,
} from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { errorText } from '../../core/forms/error-text';
import { IN_PARENT_FORM, checkOnFormEvents } from './parent-form';

/** The free-text reason of a dialog form (its `reason` control): a text area with its error. */
@Component({
  selector: 'pw-reason-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  viewProviders: [IN_PARENT_FORM],
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline">
      <mat-label>{{ label() }}</mat-label>
      <textarea
        matInput
        formControlName="reason"
        rows="3"
        [required]="required()"
      ></textarea>
      <mat-error>{{ errorText(control()) }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class ReasonFieldComponent {
  readonly label = input.required<string>();
  readonly required = input(false);

  private readonly form = inject(ControlContainer, { skipSelf: true });
  protected readonly control = computed(
    (): AbstractControl | null => this.form.control?.get('reason') ?? null,
  );
  protected readonly errorText = errorText;

  constructor() {
    checkOnFormEvents(this.control);
  }
}
