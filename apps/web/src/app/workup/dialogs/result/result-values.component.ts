import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { INTERPRETATIONS, displayUnit, interpret } from '@poems/domain';
import { errorText } from '../../../core/forms/error-text';
import { INTERPRETATION_LABELS } from '../../util/workup-labels';
import {
  IN_PARENT_FORM,
  checkOnFormEvents,
} from '../../../shared/ui/parent-form';
import { type ResultForm, type ValueRow, addValueRow } from './result-form';

/**
 * The measured values of a result: one row per analyte with its unit, range and flag. A table on
 * wide screens; on a phone each row stacks into full-width fields, so nothing is cut short.
 */
@Component({
  selector: 'pw-result-values',
  changeDetection: ChangeDetectionStrategy.OnPush,
  viewProviders: [IN_PARENT_FORM],
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './result-values.component.html',
  styleUrl: './result-values.component.scss',
})
export class ResultValuesComponent {
  readonly form = input.required<ResultForm>();

  protected readonly errorText = errorText;
  protected readonly interpretations = INTERPRETATIONS;
  protected readonly labels = { interpretation: INTERPRETATION_LABELS };
  private readonly values = computed(() => this.form().controls.values);

  constructor() {
    checkOnFormEvents(this.form);
  }

  protected rows(): ValueRow[] {
    return this.values().controls;
  }

  protected add(): void {
    addValueRow(this.form());
  }

  protected remove(index: number): void {
    this.values().removeAt(index);
  }

  /**
   * The unit as people read it, under the stored UCUM code, when the two differ ("×10⁹/L" under
   * `10*9/L`); "ratio" for a dimensionless `1`.
   */
  protected unitShown(row: ValueRow): string | null {
    const code = row.controls.unit.value.trim();
    if (code === '1') {
      return 'ratio, no unit';
    }
    const shown = displayUnit(code);
    return shown === code ? null : shown;
  }

  /** The flag a row's value gets from its range, for the preview beside it. */
  protected flagOf(row: ValueRow): string {
    const { value, low, high, interpretation } = row.getRawValue();
    if (value === null) {
      return '';
    }
    const flag = interpret({
      name: '',
      value,
      unit: '',
      ...(low !== null && { low }),
      ...(high !== null && { high }),
      ...(interpretation !== '' && { interpretation }),
    });
    return flag === undefined
      ? '—'
      : `${flag} (${INTERPRETATION_LABELS[flag]})`;
  }
}
