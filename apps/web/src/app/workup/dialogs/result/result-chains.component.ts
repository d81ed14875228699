import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { HEAVY_CHAINS, LIGHT_CHAINS } from '@poems/domain';
import { errorText } from '../../../core/forms/error-text';
import {
  HEAVY_CHAIN_LABELS,
  LIGHT_CHAIN_LABELS,
} from '../../util/workup-labels';
import {
  IN_PARENT_FORM,
  checkOnFormEvents,
} from '../../../shared/ui/parent-form';
import { cloneRow, type ResultForm, type ResultShape } from './result-form';

/** The monoclonal protein of an immunofixation: heavy and light chain, and further clones. */
@Component({
  selector: 'pw-result-chains',
  changeDetection: ChangeDetectionStrategy.OnPush,
  viewProviders: [IN_PARENT_FORM],
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
  ],
  template: `
    <fieldset class="result-form__group">
      <legend>Monoclonal protein</legend>
      <div class="form-row">
        <mat-form-field appearance="outline">
          <mat-label>Heavy chain</mat-label>
          <mat-select formControlName="heavyChain">
            <mat-option value="">Not recorded</mat-option>
            @for (chain of heavyChains; track chain) {
              <mat-option [value]="chain">{{ labels.heavy[chain] }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errorText(form().controls.heavyChain) }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Light chain</mat-label>
          <mat-select formControlName="lightChain">
            <mat-option value="">Not recorded</mat-option>
            @for (chain of lightChains; track chain) {
              <mat-option [value]="chain">{{ labels.light[chain] }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errorText(form().controls.lightChain) }}</mat-error>
        </mat-form-field>
      </div>
      @if (shape().takes('clones')) {
        <div formArrayName="extraClones">
          @for (
            clone of form().controls.extraClones.controls;
            track clone;
            let i = $index
          ) {
            <div class="form-row" [formGroupName]="i">
              <mat-form-field appearance="outline">
                <mat-label>Clone {{ i + 2 }}: heavy chain</mat-label>
                <mat-select formControlName="heavyChain" required>
                  @for (chain of heavyChains; track chain) {
                    <mat-option [value]="chain">{{
                      labels.heavy[chain]
                    }}</mat-option>
                  }
                </mat-select>
                <mat-error>{{
                  errorText(clone.controls.heavyChain)
                }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Clone {{ i + 2 }}: light chain</mat-label>
                <mat-select formControlName="lightChain" required>
                  @for (chain of lightChains; track chain) {
                    <mat-option [value]="chain">{{
                      labels.light[chain]
                    }}</mat-option>
                  }
                </mat-select>
                <mat-error>{{
                  errorText(clone.controls.lightChain)
                }}</mat-error>
              </mat-form-field>
              <button
                mat-button
                type="button"
                (click)="removeClone(i)"
                [attr.aria-label]="'Remove clone ' + (i + 2)"
              >
                Remove
              </button>
            </div>
          }
        </div>
        <p class="result-form__hint">
          Biclonal: record each further heavy/light pair; every pair counts as a
          clone.
        </p>
        <button mat-stroked-button type="button" (click)="addClone()">
          Add another clone
        </button>
      }
    </fieldset>
  `,
  styleUrl: './result-part.scss',
})
export class ResultChainsComponent {
  readonly form = input.required<ResultForm>();
  readonly shape = input.required<ResultShape>();

  protected readonly errorText = errorText;
  protected readonly heavyChains = HEAVY_CHAINS;
  protected readonly lightChains = LIGHT_CHAINS;
  protected readonly labels = {
    heavy: HEAVY_CHAIN_LABELS,
    light: LIGHT_CHAIN_LABELS,
  };

  constructor() {
    checkOnFormEvents(this.form);
  }

  protected addClone(): void {
    this.form().controls.extraClones.push(cloneRow());
  }

  protected removeClone(index: number): void {
    this.form().controls.extraClones.removeAt(index);
  }
}
