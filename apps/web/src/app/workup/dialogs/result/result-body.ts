import {
  VEGF_CONFOUNDERS,
  type AssertedFinding,
  type AxisState,
  type CriterionKey,
  type EndocrineAxis,
  type FindingValue,
  type QuantityValue,
  type ResultInput,
  type SignKey,
  type VegfConfounder,
} from '@poems/domain';
import { fieldPath } from '../../../core/forms/server-errors';
import type { ResultForm, ResultShape } from './result-form';

/** A result body built from the form, with where each list entry came from in the form. */
export interface BuiltResult {
  readonly result: ResultInput;
  /** Index in `values` → row of the form. */
  readonly valueRows: readonly number[];
  readonly findingCriteria: readonly CriterionKey[];
  readonly signKeys: readonly SignKey[];
}

/** The result body the form describes: empty rows and parts the item does not take left out. */
export function buildResult(shape: ResultShape, form: ResultForm): BuiltResult {
  const { takes } = shape;
  const raw = form.getRawValue();
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
  const findingCriteria = shape.covered.filter(
    (c) => raw.findings[c] !== '' && raw.findings[c] !== undefined,
  );
  const findings: AssertedFinding[] = findingCriteria.map((criterion) => ({
    criterion,
    value: raw.findings[criterion] as FindingValue,
  }));
  const signKeys = shape.allowedSigns.filter((s) => raw.signs[s]);
  const confounders = VEGF_CONFOUNDERS.filter(
    (c) => raw.confounders[c],
  ) as VegfConfounder[];
  const report = raw.report.trim();
  // Biclonal: the first pair and every further clone go to `clones`, never beside it.
  const extraClones = takes('clones')
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
    ...(takes('specimen') && raw.specimen !== '' && { specimen: raw.specimen }),
    ...(takes('confounders') && confounders.length > 0 && { confounders }),
    ...(takes('chains') &&
      !biclonal &&
      raw.heavyChain !== '' && { heavyChain: raw.heavyChain }),
    ...(takes('chains') &&
      !biclonal &&
      raw.lightChain !== '' && { lightChain: raw.lightChain }),
    ...(biclonal && { clones: [...first, ...extraClones] }),
    ...(takes('axes') && Object.keys(axes).length > 0 && { axes }),
    ...(takes('lesions') && raw.lesions !== '' && { lesions: raw.lesions }),
    ...(takes('modality') && raw.modality !== '' && { modality: raw.modality }),
    // An exam that records signs and ticks none found none: the rules read that as absent.
    ...(takes('signs') && { signs: signKeys }),
    ...(report !== '' && { report }),
    ...(findings.length > 0 && { findings }),
  };
  return { result, valueRows, findingCriteria, signKeys };
}

/** Where a field error of the result body (domain or API) lives in the form that built it. */
export function formPathOf(
  field: string,
  built: BuiltResult | null,
): (string | number)[] | null {
  const path = fieldPath(field);
  const [head, index, ...rest] = path;
  if (typeof index !== 'number' || built === null) {
    return path;
  }
  switch (head) {
    case 'values': {
      const row = built.valueRows[index];
      return row === undefined ? null : ['values', row, ...rest];
    }
    case 'findings': {
      const criterion = built.findingCriteria[index];
      return criterion === undefined ? null : ['findings', criterion];
    }
    case 'signs': {
      const sign = built.signKeys[index];
      return sign === undefined ? null : ['signs', sign];
    }
    default:
      return path;
  }
}
