import type { ResponseDomain } from '@poems/domain';

/** The response domain each follow-up item feeds (poems-followup.md §5); others inform only. */
export const ITEM_DOMAIN: Readonly<Record<string, ResponseDomain>> = {
  vegf: 'vegf',
  spep: 'hematologic',
  serum_ife: 'hematologic',
  urine_ife: 'hematologic',
  serum_flc: 'hematologic',
  bone_imaging: 'radiographic',
  neuro_exam: 'neurological',
};

/** Which fields the result form shows for an item. */
export type ResultFieldSet =
  | 'vegf'
  | 'onls'
  | 'm_spike'
  | 'immunofixation'
  | 'flc'
  | 'pet'
  | 'chemistry'
  | 'report';

export function resultFieldSet(itemKey: string): ResultFieldSet {
  switch (itemKey) {
    case 'vegf':
      return 'vegf';
    case 'neuro_exam':
      return 'onls';
    case 'spep':
      return 'm_spike';
    case 'serum_ife':
    case 'urine_ife':
      return 'immunofixation';
    case 'serum_flc':
      return 'flc';
    case 'bone_imaging':
      return 'pet';
    case 'chemistry_panel':
      return 'chemistry';
    default:
      return 'report';
  }
}

/** A number input's value: Angular's number accessor gives a number, or null when empty. */
export type NumberInput = number | string | null;

/** The values typed in the follow-up result form. */
export interface ResultFormValue {
  readonly performedOn: string;
  readonly value: NumberInput;
  readonly uln: NumberInput;
  readonly specimen: string;
  readonly onlsArm: NumberInput;
  readonly onlsLeg: NumberInput;
  readonly mrs: NumberInput;
  readonly heavyChain: string;
  readonly lightChain: string;
  readonly kappa: NumberInput;
  readonly lambda: NumberInput;
  readonly avidLesionCount: NumberInput;
  readonly newLesion: string;
  readonly impression: string;
  readonly creatinine: NumberInput;
  readonly albumin: NumberInput;
  readonly report: string;
}

const num = (input: NumberInput): number | undefined =>
  input === null || String(input).trim() === '' ? undefined : Number(input);

/**
 * The API body of a follow-up result (the workup's result shape, with the follow-up's ONLS/mRS
 * and PET reader fields) from the form. Empty inputs are left out so the API's field errors name
 * what is missing instead of the form guessing.
 */
export function followupResultBody(
  itemKey: string,
  f: ResultFormValue,
): Record<string, unknown> {
  const report = f.report.trim();
  const common = {
    performedOn: f.performedOn,
    ...(report !== '' && { report }),
  };
  switch (resultFieldSet(itemKey)) {
    case 'vegf': {
      const uln = num(f.uln);
      return {
        ...common,
        specimen: f.specimen,
        values: [
          {
            code: '75628-8',
            name: 'VEGF',
            value: num(f.value),
            unit: 'pg/mL',
            ...(uln !== undefined && { high: uln }),
          },
        ],
      };
    }
    case 'onls': {
      const arm = num(f.onlsArm);
      const leg = num(f.onlsLeg);
      const mrs = num(f.mrs);
      return {
        ...common,
        ...(arm !== undefined && { onlsArm: arm }),
        ...(leg !== undefined && { onlsLeg: leg }),
        ...(arm !== undefined && leg !== undefined && { onls: arm + leg }),
        ...(mrs !== undefined && { mrs }),
      };
    }
    case 'm_spike':
      return {
        ...common,
        values: [
          {
            code: '33358-3',
            name: 'M-spike',
            value: num(f.value),
            unit: 'g/dL',
          },
        ],
      };
    case 'immunofixation':
      return {
        ...common,
        ...(f.heavyChain && { heavyChain: f.heavyChain }),
        ...(f.lightChain && { lightChain: f.lightChain }),
      };
    case 'flc': {
      const kappa = num(f.kappa);
      const lambda = num(f.lambda);
      return {
        ...common,
        values: [
          ...(kappa === undefined
            ? []
            : [
                {
                  code: '36916-5',
                  name: 'Kappa free light chains',
                  value: kappa,
                  unit: 'mg/L',
                },
              ]),
          ...(lambda === undefined
            ? []
            : [
                {
                  code: '33944-0',
                  name: 'Lambda free light chains',
                  value: lambda,
                  unit: 'mg/L',
                },
              ]),
        ],
      };
    }
    case 'pet': {
      const avid = num(f.avidLesionCount);
      return {
        ...common,
        modality: 'pet_ct',
        ...(avid !== undefined && { avidLesionCount: avid }),
        ...(f.newLesion && { newLesion: f.newLesion === 'yes' }),
        ...(f.impression && { impression: f.impression }),
      };
    }
    case 'chemistry': {
      const creatinine = num(f.creatinine);
      const albumin = num(f.albumin);
      return {
        ...common,
        values: [
          ...(creatinine === undefined
            ? []
            : [
                {
                  code: '2160-0',
                  name: 'Creatinine',
                  value: creatinine,
                  unit: 'mg/dL',
                },
              ]),
          ...(albumin === undefined
            ? []
            : [
                {
                  code: '1751-7',
                  name: 'Albumin',
                  value: albumin,
                  unit: 'g/dL',
                },
              ]),
        ],
      };
    }
    case 'report':
      return common;
  }
}
