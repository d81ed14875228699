import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import {
  type ResultField,
  validateResult,
  validateResultContent,
} from '@poems/domain';
import { ClinicClock } from '../../core/clock/clinic-clock';
import { localDateTimeToIso } from '../../core/forms/dates';
import { errorText } from '../../core/forms/error-text';
import { ItemActionSubmission, type ResultDialogData } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { ResultAxesComponent } from './result/result-axes.component';
import {
  type BuiltResult,
  buildResult,
  formPathOf,
} from './result/result-body';
import { ResultChainsComponent } from './result/result-chains.component';
import { ResultDraft } from './result/result-draft';
import { ResultFindingsComponent } from './result/result-findings.component';
import {
  computeRatio,
  requireNameAndUnit,
  resultForm,
  resultShapeOf,
} from './result/result-form';
import { ResultImagingComponent } from './result/result-imaging.component';
import { ResultSignsComponent } from './result/result-signs.component';
import { ResultSpecimenComponent } from './result/result-specimen.component';
import { ResultValuesComponent } from './result/result-values.component';

/**
 * Records (or corrects) an item's result: values with units and ranges, the structured parts
 * the catalog item takes (each a component of `result/`, shown when the item takes it), a
 * free-text report and asserted findings for the criteria it covers. Checked with the domain's
 * `validateResult` before it is sent.
 */
@Component({
  selector: 'pw-result-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ...ACTION_DIALOG_IMPORTS,
    ResultValuesComponent,
    ResultSpecimenComponent,
    ResultChainsComponent,
    ResultAxesComponent,
    ResultImagingComponent,
    ResultSignsComponent,
    ResultFindingsComponent,
  ],
  templateUrl: './result-dialog.component.html',
  styleUrl: './result-dialog.component.scss',
})
export class ResultDialogComponent {
  /** Names the clinic's zone beside every time input: times are typed on the clinic's clock. */
  protected readonly clock = inject(ClinicClock);
  protected readonly data = inject<ResultDialogData>(MAT_DIALOG_DATA);
  protected readonly item = this.data.catalogItem;
  protected readonly shape = resultShapeOf(this.item);
  protected readonly takes = (field: ResultField): boolean =>
    this.shape.takes(field);
  private built: BuiltResult | null = null;
  protected readonly submission = new ItemActionSubmission((field) =>
    formPathOf(field, this.built),
  );
  protected readonly form = resultForm(
    this.shape,
    this.data.result,
    this.data.target.performedAt,
  );
  protected readonly errorText = errorText;
  protected readonly isCorrection =
    this.data.target.status === 'resulted' ||
    this.data.target.status === 'reviewed';

  private readonly dialogRef = inject(MatDialogRef);
  private readonly draft = new ResultDraft(
    this.data.target,
    this.data.target.version,
  );
  /** The form was refilled from a draft the user had not saved (e.g. the session ended). */
  protected readonly restored = signal(false);

  constructor() {
    this.form.controls.values.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => computeRatio(this.form.controls.values.controls));
    this.restored.set(this.draft.restoreInto(this.form));
    this.form.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.draft.keep(this.form));
    this.dialogRef.afterClosed().subscribe((outcome: unknown) => {
      if ((outcome as { kind?: string } | undefined)?.kind === 'updated') {
        this.draft.discard();
      }
    });
  }

  /** Cancel discards the draft; only a dialog closed by something else keeps it. */
  protected cancel(): void {
    this.draft.discard();
    this.dialogRef.close();
  }

  /**
   * Enter in a value field must not save the result: a half-typed value row would be recorded.
   * Only the Save button (or Enter on it) submits; Enter in a text area still adds a line.
   */
  protected keepEnterInField(event: Event): void {
    if (event.target instanceof HTMLInputElement) {
      event.preventDefault();
    }
  }

  protected submit(): void {
    requireNameAndUnit(this.form.controls.values.controls);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.built = buildResult(this.shape, this.form);
    const errors = [
      ...validateResult(this.item, this.built.result),
      ...validateResultContent(
        this.item,
        this.built.result,
        this.data.protocol.thresholds,
      ),
    ];
    if (errors.length > 0) {
      this.submission.invalid(this.form, errors);
      return;
    }
    const performedAt = localDateTimeToIso(
      this.form.controls.performedAt.value,
    );
    this.submission.send(this.form, 'result', {
      ...this.built.result,
      ...(performedAt !== null && { performedAt }),
    });
  }
}
