import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  FormArray,
  FormControl,
  FormGroup,
  FormRecord,
  NonNullableFormBuilder,
  Validators,
} from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import {
  AXIS_STATES,
  ENDOCRINE_AXES,
  FINDING_VALUES,
  HEAVY_CHAINS,
  IMAGING_MODALITIES,
  INTERPRETATIONS,
  LESION_TYPES,
  LIGHT_CHAINS,
  OTHER_SIGNS,
  SIGN_KEYS,
  SPECIMENS,
  VEGF_CONFOUNDERS,
  coveredCriteria,
  interpret,
  signTarget,
  validateResult,
  validateResultContent,
  establishesThroughRead,
  type AssertedFinding,
  type AxisState,
  type CriterionKey,
  type EndocrineAxis,
  type FindingValue,
  type HeavyChain,
  type ImagingModality,
  type Interpretation,
  type LesionType,
  type LightChain,
  type QuantityValue,
  type ResultField,
  type ResultInput,
  type SignKey,
  type Specimen,
  type VegfConfounder,
  displayUnit,
  FREE_KAPPA_CODE,
  FREE_LAMBDA_CODE,
  KAPPA_LAMBDA_RATIO_CODE,
  kappaLambdaRatio,
} from '@poems/domain';
import {
  dateTimeValidator,
  isoToLocalDateTime,
  localDateTimeToIso,
} from '../../core/forms/dates';
import { errorText } from '../../core/forms/error-text';
import { fieldPath } from '../../core/forms/server-errors';
import { analytesOf } from '../util/default-analytes';
import {
  AXIS_LABELS,
  AXIS_STATE_LABELS,
  CONFOUNDER_LABELS,
  FINDING_LABELS,
  HEAVY_CHAIN_LABELS,
  INTERPRETATION_LABELS,
  LESION_LABELS,
  LIGHT_CHAIN_LABELS,
  MODALITY_LABELS,
  SPECIMEN_LABELS,
  criterionName,
  signLabel,
} from '../util/workup-labels';
import { ItemActionSubmission, type ResultDialogData } from './action-dialog';
import { ACTION_DIALOG_IMPORTS } from './dialog-imports';
import { notInFutureInstant } from './perform-dialog.component';
import { ClinicClock } from '../../core/clock/clinic-clock';

/** Where an unsaved result waits in the tab's session storage, per item. */
export const RESULT_DRAFT_PREFIX = 'pw-result-draft:';

/** A result being typed, as kept in session storage. */
interface ResultDraft {
  /** The item's version the draft was typed against: a changed item makes it stale. */
  readonly version: number;
  readonly rows: number;
  readonly value: unknown;
}

/** A further clone of a biclonal immunofixation (protocol v2): its heavy and light chain. */
type CloneRow = FormGroup<{
  heavyChain: FormControl<HeavyChain | ''>;
  lightChain: FormControl<LightChain | ''>;
}>;

type ValueRow = FormGroup<{
  code: FormControl<string>;
  name: FormControl<string>;
  value: FormControl<number | null>;
  unit: FormControl<string>;
  low: FormControl<number | null>;
  high: FormControl<number | null>;
  interpretation: FormControl<Interpretation | ''>;
}>;

/** A result body built from the form, with where each list entry came from in the form. */
interface BuiltResult {
  readonly result: ResultInput;
  /** Index in `values` → row of the form. */
  readonly valueRows: readonly number[];
  readonly findingCriteria: readonly CriterionKey[];
  readonly signKeys: readonly SignKey[];
}

/**
 * Records (or corrects) an item's result: values with units and ranges, the structured fields
 * the catalog item takes, a free-text report and asserted findings for the criteria it covers.
 * Checked with the domain's `validateResult` before it is sent.
 */
@Component({
  selector: 'pw-result-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...ACTION_DIALOG_IMPORTS, MatCheckboxModule, MatSelectModule],
  templateUrl: './result-dialog.component.html',
  styleUrl: './result-dialog.component.scss',
})
export class ResultDialogComponent {
  /** Names the clinic's zone beside every time input: times are typed on the clinic's clock. */
  protected readonly clock = inject(ClinicClock);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly data = inject<ResultDialogData>(MAT_DIALOG_DATA);
  protected readonly item = this.data.catalogItem;
  private readonly recorded = this.data.result;
  private built: BuiltResult | null = null;
  protected readonly submission = new ItemActionSubmission((field) =>
    this.formPathOf(field),
  );

  protected readonly takes = (field: ResultField): boolean =>
    this.item.resultFields.includes(field);
  protected readonly covered = coveredCriteria(this.item);
  protected readonly allowedSigns = SIGN_KEYS.filter((sign) => {
    const target = signTarget(sign);
    return (
      (this.covered as readonly string[]).includes(target) ||
      (OTHER_SIGNS as readonly string[]).includes(target)
    );
  });
  protected readonly infers = this.item.inference.length > 0;
  /**
   * Findings a read must state because no rule of the item can infer them (NCS/EMG, node biopsy):
   * required in the form, as the API requires them (domain `validateResultContent`).
   */
  protected readonly requiredFindings: readonly CriterionKey[] =
    establishesThroughRead(this.item) && !this.infers
      ? this.item.establishes
      : [];
  protected readonly isRequiredFinding = (criterion: CriterionKey): boolean =>
    this.requiredFindings.includes(criterion);

  protected readonly form = this.fb.group({
    performedAt: [
      isoToLocalDateTime(this.data.target.performedAt),
      [dateTimeValidator, notInFutureInstant],
    ],
    values: new FormArray<ValueRow>(this.initialRows()),
    specimen: [(this.recorded?.specimen ?? '') as Specimen | ''],
    confounders: new FormRecord<FormControl<boolean>>(
      Object.fromEntries(
        VEGF_CONFOUNDERS.map((c) => [
          c,
          new FormControl(this.recorded?.confounders?.includes(c) ?? false, {
            nonNullable: true,
          }),
        ]),
      ),
    ),
    heavyChain: [
      (this.recorded?.heavyChain ??
        this.recorded?.clones?.[0]?.heavyChain ??
        '') as HeavyChain | '',
    ],
    lightChain: [
      (this.recorded?.lightChain ??
        this.recorded?.clones?.[0]?.lightChain ??
        '') as LightChain | '',
    ],
    // The first clone is the heavy/light pair above; these are the others of a biclonal result.
    extraClones: new FormArray<CloneRow>(
      (this.recorded?.clones ?? []).slice(1).map((c) => this.cloneRow(c)),
    ),
    axes: new FormRecord<FormControl<AxisState | ''>>(
      Object.fromEntries(
        ENDOCRINE_AXES.map((axis) => [
          axis,
          new FormControl<AxisState | ''>(this.recorded?.axes?.[axis] ?? '', {
            nonNullable: true,
          }),
        ]),
      ),
    ),
    lesions: [(this.recorded?.lesions ?? '') as LesionType | ''],
    modality: [(this.recorded?.modality ?? '') as ImagingModality | ''],
    signs: new FormRecord<FormControl<boolean>>(
      Object.fromEntries(
        this.allowedSigns.map((s) => [
          s,
          new FormControl(this.recorded?.signs?.includes(s) ?? false, {
            nonNullable: true,
          }),
        ]),
      ),
    ),
    report: [this.recorded?.report ?? '', [Validators.maxLength(20_000)]],
    findings: new FormRecord<FormControl<FindingValue | ''>>(
      Object.fromEntries(
        this.covered.map((criterion) => [
          criterion,
          new FormControl<FindingValue | ''>(
            this.recorded?.findings?.find((f) => f.criterion === criterion)
              ?.value ?? '',
            {
              nonNullable: true,
              validators: this.isRequiredFinding(criterion)
                ? [Validators.required]
                : [],
            },
          ),
        ]),
      ),
    ),
  });

  protected readonly errorText = errorText;
  protected readonly specimens = SPECIMENS;
  protected readonly confounders = VEGF_CONFOUNDERS;
  protected readonly heavyChains = HEAVY_CHAINS;
  protected readonly lightChains = LIGHT_CHAINS;
  protected readonly axes = ENDOCRINE_AXES;
  protected readonly axisStates = AXIS_STATES;
  protected readonly lesionTypes = LESION_TYPES;
  protected readonly modalities = IMAGING_MODALITIES;
  protected readonly findingValues = FINDING_VALUES;
  protected readonly interpretations = INTERPRETATIONS;
  protected readonly labels = {
    specimen: SPECIMEN_LABELS,
    confounder: CONFOUNDER_LABELS,
    heavy: HEAVY_CHAIN_LABELS,
    light: LIGHT_CHAIN_LABELS,
    axis: AXIS_LABELS,
    axisState: AXIS_STATE_LABELS,
    lesion: LESION_LABELS,
    modality: MODALITY_LABELS,
    finding: FINDING_LABELS,
    interpretation: INTERPRETATION_LABELS,
  };
  protected readonly signLabel = signLabel;
  protected readonly criterionName = (key: CriterionKey): string =>
    criterionName(this.data.protocol, key);
  protected readonly isCorrection =
    this.data.target.status === 'resulted' ||
    this.data.target.status === 'reviewed';

  private readonly dialogRef = inject(MatDialogRef);
  private readonly draftKey = `${RESULT_DRAFT_PREFIX}${this.data.target.workupId}/${this.data.target.key}`;
  /** The form was refilled from a draft the user had not saved (e.g. the session ended). */
  protected readonly restored = signal(false);

  constructor() {
    // The κ/λ ratio follows κ and λ: typed once, never copied wrong.
    this.form.controls.values.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.computeRatio());
    this.restoreDraft();
    // A session that ends (idle time-out, forced sign-in) closes the dialog: what was typed
    // waits in this tab's session storage until it is saved or cancelled.
    this.form.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.keepDraft());
    this.dialogRef.afterClosed().subscribe((outcome: unknown) => {
      if ((outcome as { kind?: string } | undefined)?.kind === 'updated') {
        sessionStorage.removeItem(this.draftKey);
      }
    });
  }

  /** Cancel discards the draft; only a dialog closed by something else keeps it. */
  protected cancel(): void {
    sessionStorage.removeItem(this.draftKey);
    this.dialogRef.close();
  }

  private keepDraft(): void {
    const draft: ResultDraft = {
      version: this.data.target.version,
      rows: this.valueRows.length,
      value: this.form.getRawValue(),
    };
    try {
      sessionStorage.setItem(this.draftKey, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the dialog still works, without a draft.
    }
  }

  private restoreDraft(): void {
    let draft: ResultDraft | null = null;
    try {
      draft = JSON.parse(
        sessionStorage.getItem(this.draftKey) ?? 'null',
      ) as ResultDraft | null;
    } catch {
      draft = null;
    }
    if (draft === null || draft.version !== this.data.target.version) {
      // Typed against an item that has changed since: it could overwrite someone else's result.
      sessionStorage.removeItem(this.draftKey);
      return;
    }
    while (this.valueRows.length < draft.rows) {
      this.addRow();
    }
    this.form.patchValue(draft.value as never);
    this.restored.set(true);
  }

  private computeRatio(): void {
    const rowOf = (code: string): ValueRow | undefined =>
      this.valueRows.find((r) => r.controls.code.value === code);
    const ratio = rowOf(KAPPA_LAMBDA_RATIO_CODE);
    const kappa = rowOf(FREE_KAPPA_CODE)?.controls.value.value;
    const lambda = rowOf(FREE_LAMBDA_CODE)?.controls.value.value;
    const computed = kappaLambdaRatio(kappa, lambda);
    if (
      ratio !== undefined &&
      computed !== undefined &&
      ratio.controls.value.value !== computed
    ) {
      ratio.controls.value.setValue(computed, { emitEvent: false });
      ratio.controls.value.markAsDirty();
    }
  }

  protected get valueRows(): ValueRow[] {
    return this.form.controls.values.controls;
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

  protected addClone(): void {
    this.form.controls.extraClones.push(this.cloneRow());
  }

  protected removeClone(index: number): void {
    this.form.controls.extraClones.removeAt(index);
  }

  private cloneRow(
    clone: { heavyChain: HeavyChain | ''; lightChain: LightChain | '' } = {
      heavyChain: '',
      lightChain: '',
    },
  ): CloneRow {
    return new FormGroup({
      heavyChain: new FormControl<HeavyChain | ''>(clone.heavyChain, {
        nonNullable: true,
        validators: [Validators.required],
      }),
      lightChain: new FormControl<LightChain | ''>(clone.lightChain, {
        nonNullable: true,
        validators: [Validators.required],
      }),
    });
  }

  protected addRow(): void {
    this.form.controls.values.push(
      this.row({ code: '', name: '', unit: '' }, true),
    );
  }

  protected removeRow(index: number): void {
    this.form.controls.values.removeAt(index);
  }

  /** Error messages put on a group of checkboxes (which have no field of their own to show them). */
  protected groupErrors(group: FormRecord<FormControl<boolean>>): string[] {
    return Object.values(group.controls)
      .map((c) => (c.errors?.['server'] as string | undefined) ?? null)
      .filter((m): m is string => m !== null);
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
    this.requireNameAndUnit();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.built = this.build();
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

  private initialRows(): ValueRow[] {
    const recorded = this.recorded?.values ?? [];
    const recordedCodes = new Set(
      recorded.map((v) => v.code).filter((c) => c !== undefined),
    );
    return [
      ...recorded.map((v) => this.row(v, v.code === undefined)),
      ...analytesOf(this.item)
        .filter((a) => !recordedCodes.has(a.code))
        .map((a) => this.row(a, false)),
    ];
  }

  private row(
    start: Partial<QuantityValue> & { name: string; unit: string },
    nameEditable: boolean,
  ): ValueRow {
    const row: ValueRow = new FormGroup({
      code: new FormControl(start.code ?? '', { nonNullable: true }),
      name: new FormControl(start.name, {
        nonNullable: true,
        validators: [Validators.maxLength(200)],
      }),
      value: new FormControl<number | null>(start.value ?? null),
      unit: new FormControl(start.unit, {
        nonNullable: true,
        validators: [Validators.maxLength(50)],
      }),
      low: new FormControl<number | null>(start.low ?? null),
      high: new FormControl<number | null>(start.high ?? null),
      interpretation: new FormControl<Interpretation | ''>(
        start.interpretation ?? '',
        { nonNullable: true },
      ),
    });
    if (!nameEditable) {
      row.controls.name.disable();
    }
    return row;
  }

  /** A row with a value needs a name and a unit; empty rows are simply not sent. */
  private requireNameAndUnit(): void {
    for (const row of this.valueRows) {
      const { value, name, unit } = row.getRawValue();
      if (value !== null && name.trim() === '') {
        row.controls.name.setErrors({ required: true });
      }
      if (value !== null && unit.trim() === '') {
        row.controls.unit.setErrors({ required: true });
      }
    }
  }

  private build(): BuiltResult {
    const raw = this.form.getRawValue();
    const valueRows: number[] = [];
    const values: QuantityValue[] = [];
    raw.values.forEach((row, index) => {
      if (row.value === null) {
        return;
      }
      valueRows.push(index);
      values.push({
        ...(row.code !== '' && { code: row.code }),
        name: row.name.trim(),
        value: row.value,
        unit: row.unit.trim(),
        ...(row.low !== null && { low: row.low }),
        ...(row.high !== null && { high: row.high }),
        ...(row.interpretation !== '' && {
          interpretation: row.interpretation,
        }),
      });
    });
    const axes = Object.fromEntries(
      Object.entries(raw.axes).filter(
        (entry): entry is [EndocrineAxis, AxisState] => entry[1] !== '',
      ),
    );
    const findingCriteria = this.covered.filter(
      (c) => raw.findings[c] !== '' && raw.findings[c] !== undefined,
    );
    const findings: AssertedFinding[] = findingCriteria.map((criterion) => ({
      criterion,
      value: raw.findings[criterion] as FindingValue,
    }));
    const signKeys = this.allowedSigns.filter((s) => raw.signs[s]);
    const confounders = VEGF_CONFOUNDERS.filter(
      (c) => raw.confounders[c],
    ) as VegfConfounder[];
    const report = raw.report.trim();
    // Biclonal: the first pair and every further clone go to `clones`, never beside it.
    const extraClones = this.takes('clones')
      ? raw.extraClones.flatMap((c) =>
          c.heavyChain !== '' && c.lightChain !== ''
            ? [{ heavyChain: c.heavyChain, lightChain: c.lightChain }]
            : [],
        )
      : [];
    const biclonal = extraClones.length > 0;
    const first =
      raw.heavyChain !== '' && raw.lightChain !== ''
        ? [{ heavyChain: raw.heavyChain, lightChain: raw.lightChain }]
        : [];
    const result: ResultInput = {
      ...(values.length > 0 && { values }),
      ...(this.takes('specimen') &&
        raw.specimen !== '' && { specimen: raw.specimen }),
      ...(this.takes('confounders') &&
        confounders.length > 0 && { confounders }),
      ...(this.takes('chains') &&
        !biclonal &&
        raw.heavyChain !== '' && { heavyChain: raw.heavyChain }),
      ...(this.takes('chains') &&
        !biclonal &&
        raw.lightChain !== '' && { lightChain: raw.lightChain }),
      ...(biclonal && { clones: [...first, ...extraClones] }),
      ...(this.takes('axes') && Object.keys(axes).length > 0 && { axes }),
      ...(this.takes('lesions') &&
        raw.lesions !== '' && { lesions: raw.lesions }),
      ...(this.takes('modality') &&
        raw.modality !== '' && { modality: raw.modality }),
      // An exam that records signs and ticks none found none: the rules read that as absent.
      ...(this.takes('signs') && { signs: signKeys }),
      ...(report !== '' && { report }),
      ...(findings.length > 0 && { findings }),
    };
    return { result, valueRows, findingCriteria, signKeys };
  }

  /** Where a field error of the result body (domain or API) lives in this form. */
  private formPathOf(field: string): (string | number)[] | null {
    const path = fieldPath(field);
    const [head, index, ...rest] = path;
    if (typeof index !== 'number' || this.built === null) {
      return path;
    }
    switch (head) {
      case 'values': {
        const row = this.built.valueRows[index];
        return row === undefined ? null : ['values', row, ...rest];
      }
      case 'findings': {
        const criterion = this.built.findingCriteria[index];
        return criterion === undefined ? null : ['findings', criterion];
      }
      case 'signs': {
        const sign = this.built.signKeys[index];
        return sign === undefined ? null : ['signs', sign];
      }
      default:
        return path;
    }
  }
}
