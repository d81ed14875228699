import type { FieldError } from '../../errors';
import { DEFAULT_PROTOCOL_KEY, getProtocol } from '../../protocol/registry';
import type { ResultInput } from '../../workup/result';
import {
  FDG_PET_MODALITY,
  PET_READER_FIELDS,
  validateResultMeasures,
} from '../../workup/result-measures';
import { validateResult } from '../../workup/result-validation';
import type { FollowupProtocolDefinition } from '../protocol/followup-protocol.types';
import {
  albuminValue,
  creatinineValue,
  egfrValue,
  vegfReading,
} from './readings';
import { creatinineInMgPerDl, inEgfrUnits, inGPerDl } from './units';

/** Fields of the workup shape a chemistry panel never carries. */
const NOT_CHEMISTRY: readonly (keyof ResultInput)[] = [
  'specimen',
  'heavyChain',
  'lightChain',
  'axes',
  'lesions',
  'modality',
  'signs',
  'confounders',
  'findings',
];

/**
 * Checks a result recorded on a follow-up instance. Items the workup catalog has are checked by the
 * workup's own rules (one rule, one place); `chemistry_panel` by its analytes and units. On top,
 * a follow-up result must carry what its domain reads: a VEGF value, an ONLS, a PET's reader
 * fields, a chemistry value. Otherwise the instance would close on a result that cannot be
 * categorized.
 * @returns one entry per invalid field, empty when acceptable.
 */
export function validateFollowupResult(
  protocol: FollowupProtocolDefinition,
  itemKey: string,
  result: ResultInput,
): FieldError[] {
  if (!protocol.items.some((i) => i.key === itemKey)) {
    return [
      { field: 'itemKey', message: 'the follow-up protocol has no such item.' },
    ];
  }
  const workupItem = getProtocol(DEFAULT_PROTOCOL_KEY).items.find(
    (i) => i.key === itemKey,
  );
  const errors = workupItem
    ? validateResult(workupItem, result)
    : validateChemistry(result);
  return [...errors, ...followupContent(itemKey, result)];
}

function validateChemistry(result: ResultInput): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of NOT_CHEMISTRY) {
    if (result[field] !== undefined) {
      errors.push({
        field,
        message: `${field} is not recorded for this item.`,
      });
    }
  }
  result.values?.forEach((v, i) => {
    if (v.low !== undefined && v.high !== undefined && v.low > v.high) {
      errors.push({
        field: `values[${i}].low`,
        message: 'low must not exceed high.',
      });
    }
  });
  const checkUnit = (
    value: ReturnType<typeof egfrValue>,
    convert: (v: number, u: string) => number | undefined,
    what: string,
  ): void => {
    if (value && convert(value.value, value.unit) === undefined) {
      const index = result.values?.indexOf(value) ?? -1;
      errors.push({
        field: `values[${index}].unit`,
        message: `${what} is reported in an unknown unit.`,
      });
    }
  };
  const egfr = egfrValue(result.values);
  checkUnit(egfr, inEgfrUnits, 'eGFR (mL/min/1.73 m²)');
  checkUnit(albuminValue(result.values), inGPerDl, 'albumin (g/dL or g/L)');
  checkUnit(
    creatinineValue(result.values),
    creatinineInMgPerDl,
    'creatinine (mg/dL or µmol/L)',
  );
  if (result.egfrMethod !== undefined && !egfr) {
    errors.push({
      field: 'egfrMethod',
      message: 'an eGFR method needs the eGFR value.',
    });
  }
  errors.push(...validateResultMeasures('chemistry_panel', result));
  return errors;
}

function followupContent(itemKey: string, result: ResultInput): FieldError[] {
  switch (itemKey) {
    case 'vegf':
      return vegfReading(result)
        ? []
        : [
            {
              field: 'values',
              message: 'a follow-up VEGF needs its value in pg/mL.',
            },
          ];
    case 'neuro_exam':
      return result.onls !== undefined || result.onlsArm !== undefined
        ? []
        : [
            {
              field: 'onls',
              message:
                'a follow-up neurological examination records the ONLS (arm and leg grades).',
            },
          ];
    case 'bone_imaging':
      return result.modality === FDG_PET_MODALITY
        ? PET_READER_FIELDS.filter((f) => result[f] === undefined).map(
            (field) => ({
              field,
              message: `a follow-up PET read records ${field}.`,
            }),
          )
        : [];
    case 'chemistry_panel':
      return [
        egfrValue(result.values),
        albuminValue(result.values),
        creatinineValue(result.values),
      ].some(Boolean)
        ? []
        : [
            {
              field: 'values',
              message: 'a chemistry panel reports creatinine, eGFR or albumin.',
            },
          ];
    default:
      return [];
  }
}
