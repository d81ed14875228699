import {
  FormArray,
  FormControl,
  FormGroup,
  FormRecord,
  Validators,
} from '@angular/forms';
import {
  ENDOCRINE_AXES,
  FREE_KAPPA_CODE,
  FREE_LAMBDA_CODE,
  KAPPA_LAMBDA_RATIO_CODE,
  OTHER_SIGNS,
  SIGN_KEYS,
  VEGF_CONFOUNDERS,
  coveredCriteria,
  establishesThroughRead,
  kappaLambdaRatio,
  signTarget,
  type AxisState,
  type CatalogItem,
  type CriterionKey,
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
} from '@poems/domain';
import {
  dateTimeValidator,
  isoToLocalDateTime,
} from '../../../core/forms/dates';
import { analytesOf } from '../../util/default-analytes';
import { notInFutureInstant } from '../perform-dialog.component';

/** A further clone of a biclonal immunofixation (protocol v2): its heavy and light chain. */
export type CloneRow = FormGroup<{
  heavyChain: FormControl<HeavyChain | ''>;
  lightChain: FormControl<LightChain | ''>;
}>;

/** A measured value being typed: name, value, unit, range and the laboratory's own flag. */
export type ValueRow = FormGroup<{
  code: FormControl<string>;
  name: FormControl<string>;
  value: FormControl<number | null>;
  unit: FormControl<string>;
  low: FormControl<number | null>;
  high: FormControl<number | null>;
  interpretation: FormControl<Interpretation | ''>;
}>;

/** What the result form shows of a catalog item: which parts it takes and asks for. */
export interface ResultShape {
  readonly item: CatalogItem;
  readonly takes: (field: ResultField) => boolean;
  /** Criteria the item covers: one finding field each. */
  readonly covered: readonly CriterionKey[];
  /** Signs an exam of this item may record. */
  readonly allowedSigns: readonly SignKey[];
  /** The item's rules infer findings from the result. */
  readonly infers: boolean;
  /**
   * Findings a read must state because no rule of the item can infer them (NCS/EMG, node
   * biopsy): required in the form, as the API requires them (domain `validateResultContent`).
   */
  readonly requiredFindings: readonly CriterionKey[];
}

/** The shape of the result form for a catalog item. */
export function resultShapeOf(item: CatalogItem): ResultShape {
  const covered = coveredCriteria(item);
  const infers = item.inference.length > 0;
  return {
    item,
    takes: (field) => item.resultFields.includes(field),
    covered,
    allowedSigns: SIGN_KEYS.filter((sign) => {
      const target = signTarget(sign);
      return (
        (covered as readonly string[]).includes(target) ||
        (OTHER_SIGNS as readonly string[]).includes(target)
      );
    }),
    infers,
    requiredFindings:
      establishesThroughRead(item) && !infers ? item.establishes : [],
  };
}

const booleans = <K extends string>(
  keys: readonly K[],
  on: (key: K) => boolean,
) =>
  new FormRecord<FormControl<boolean>>(
    Object.fromEntries(
      keys.map((key) => [key, new FormControl(on(key), { nonNullable: true })]),
    ),
  );

/** The form of a result being recorded or corrected. */
export type ResultForm = FormGroup<{
  performedAt: FormControl<string>;
  values: FormArray<ValueRow>;
  specimen: FormControl<Specimen | ''>;
  confounders: FormRecord<FormControl<boolean>>;
  heavyChain: FormControl<HeavyChain | ''>;
  lightChain: FormControl<LightChain | ''>;
  extraClones: FormArray<CloneRow>;
  axes: FormRecord<FormControl<AxisState | ''>>;
  lesions: FormControl<LesionType | ''>;
  modality: FormControl<ImagingModality | ''>;
  signs: FormRecord<FormControl<boolean>>;
  report: FormControl<string>;
  findings: FormRecord<FormControl<FindingValue | ''>>;
}>;

/** The result form of an item, filled from its recorded result when it is a correction. */
export function resultForm(
  shape: ResultShape,
  recorded: ResultInput | null,
  performedAt: string | null,
): ResultForm {
  return new FormGroup({
    performedAt: new FormControl(isoToLocalDateTime(performedAt), {
      nonNullable: true,
      validators: [dateTimeValidator, notInFutureInstant],
    }),
    values: new FormArray<ValueRow>(initialRows(shape.item, recorded)),
    specimen: new FormControl<Specimen | ''>(recorded?.specimen ?? '', {
      nonNullable: true,
    }),
    confounders: booleans(
      VEGF_CONFOUNDERS,
      (c) => recorded?.confounders?.includes(c) ?? false,
    ),
    heavyChain: new FormControl<HeavyChain | ''>(
      recorded?.heavyChain ?? recorded?.clones?.[0]?.heavyChain ?? '',
      { nonNullable: true },
    ),
    lightChain: new FormControl<LightChain | ''>(
      recorded?.lightChain ?? recorded?.clones?.[0]?.lightChain ?? '',
      { nonNullable: true },
    ),
    // The first clone is the heavy/light pair above; these are the others of a biclonal result.
    extraClones: new FormArray<CloneRow>(
      (recorded?.clones ?? []).slice(1).map((c) => cloneRow(c)),
    ),
    axes: new FormRecord<FormControl<AxisState | ''>>(
      Object.fromEntries(
        ENDOCRINE_AXES.map((axis) => [
          axis,
          new FormControl<AxisState | ''>(recorded?.axes?.[axis] ?? '', {
            nonNullable: true,
          }),
        ]),
      ),
    ),
    lesions: new FormControl<LesionType | ''>(recorded?.lesions ?? '', {
      nonNullable: true,
    }),
    modality: new FormControl<ImagingModality | ''>(recorded?.modality ?? '', {
      nonNullable: true,
    }),
    signs: booleans(
      shape.allowedSigns,
      (s) => recorded?.signs?.includes(s) ?? false,
    ),
    report: new FormControl(recorded?.report ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(20_000)],
    }),
    findings: new FormRecord<FormControl<FindingValue | ''>>(
      Object.fromEntries(
        shape.covered.map((criterion) => [
          criterion,
          new FormControl<FindingValue | ''>(
            recorded?.findings?.find((f) => f.criterion === criterion)?.value ??
              '',
            {
              nonNullable: true,
              validators: shape.requiredFindings.includes(criterion)
                ? [Validators.required]
                : [],
            },
          ),
        ]),
      ),
    ),
  });
}

export function cloneRow(
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

/** An empty row the user names: a value the catalog does not list. */
export function addValueRow(form: ResultForm): void {
  form.controls.values.push(valueRow({ code: '', name: '', unit: '' }, true));
}

function initialRows(
  item: CatalogItem,
  recorded: ResultInput | null,
): ValueRow[] {
  const values = recorded?.values ?? [];
  const recordedCodes = new Set(
    values.map((v) => v.code).filter((c) => c !== undefined),
  );
  return [
    ...values.map((v) => valueRow(v, v.code === undefined)),
    ...analytesOf(item)
      .filter((a) => !recordedCodes.has(a.code))
      .map((a) => valueRow(a, false)),
  ];
}

function valueRow(
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

/** The κ/λ ratio follows κ and λ: typed once, never copied wrong. */
export function computeRatio(rows: readonly ValueRow[]): void {
  const rowOf = (code: string): ValueRow | undefined =>
    rows.find((r) => r.controls.code.value === code);
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

/** A row with a value needs a name and a unit; empty rows are simply not sent. */
export function requireNameAndUnit(rows: readonly ValueRow[]): void {
  for (const row of rows) {
    const { value, name, unit } = row.getRawValue();
    if (value !== null && name.trim() === '') {
      row.controls.name.setErrors({ required: true });
    }
    if (value !== null && unit.trim() === '') {
      row.controls.unit.setErrors({ required: true });
    }
  }
}
