import { findValue } from '../../inference/inference.types';
import { isVegfUnit } from '../../inference/units';
import {
  interpret,
  type Interpretation,
  type LightChain,
  type QuantityValue,
  type ResultInput,
  type Specimen,
  type VegfConfounder,
} from '../../workup/result';
import {
  FDG_PET_MODALITY,
  onlsTotal,
  type EgfrMethod,
  type MarrowSite,
  type PetImpression,
} from '../../workup/result-measures';
import type { CriterionKey } from '../../protocol/criteria';
import {
  creatinineInMgPerDl,
  inEgfrUnits,
  inGPer24h,
  inGPerDl,
  inMgPerL,
} from './units';

/*
 * Typed readings of the follow-up from the shared result shape. Each reader returns undefined when
 * the result does not say: a missing value is "cannot tell", never a negative finding.
 */

const asserted = (result: ResultInput, criterion: CriterionKey) =>
  result.findings?.find((f) => f.criterion === criterion)?.value;

/** A VEGF value with its specimen and the upper limit (or flag) it came with. */
export interface VegfReading {
  readonly value: number;
  readonly specimen: Specimen;
  /** The laboratory's upper limit of normal, when sent. */
  readonly uln?: number;
  /** The laboratory's flag (or the one derived from its range). */
  readonly flag?: Interpretation;
  readonly confounders: readonly VegfConfounder[];
}

/** The VEGF of a `vegf` result, or undefined when it has no value, specimen or VEGF unit. */
export function vegfReading(result: ResultInput): VegfReading | undefined {
  const value =
    findValue(result.values, '75628-8', /vegf|vascular endothelial/i) ??
    (result.values?.length === 1 ? result.values[0] : undefined);
  if (!value || !result.specimen || !isVegfUnit(value.unit)) {
    return undefined;
  }
  return {
    value: value.value,
    specimen: result.specimen,
    ...(value.high === undefined ? {} : { uln: value.high }),
    ...(interpretationOf(value) === undefined
      ? {}
      : { flag: interpretationOf(value) }),
    confounders: result.confounders ?? [],
  };
}

const interpretationOf = (value: QuantityValue): Interpretation | undefined =>
  interpret(value);

/**
 * Whether a value is above an upper limit of normal: by the number when one is known, else by the
 * laboratory's flag; undefined when neither tells.
 */
export function aboveUln(
  value: number,
  uln: number | undefined,
  flag: Interpretation | undefined,
): boolean | undefined {
  if (uln !== undefined) {
    return value > uln;
  }
  if (flag === undefined) {
    return undefined;
  }
  return flag === 'H';
}

/** Serum or urine immunofixation: positive (a monoclonal protein), negative, or undefined. */
export interface ImmunofixationReading {
  readonly state: 'positive' | 'negative';
  readonly lightChain?: LightChain;
}

/**
 * An immunofixation read: a light chain or heavy chain recorded = positive; heavy chain `none`
 * with no light chain = negative (the workup's convention). A hematologist's asserted finding on
 * the monoclonal criterion overrides both.
 */
export function immunofixationReading(
  result: ResultInput,
): ImmunofixationReading | undefined {
  const assertion = asserted(result, 'monoclonal_plasma_cell_disorder');
  const lightChain = result.lightChain ? { lightChain: result.lightChain } : {};
  if (assertion === 'present') {
    return { state: 'positive', ...lightChain };
  }
  if (assertion === 'absent') {
    return { state: 'negative' };
  }
  if (assertion === 'indeterminate') {
    return undefined;
  }
  if (
    result.lightChain ||
    (result.heavyChain !== undefined && result.heavyChain !== 'none')
  ) {
    return { state: 'positive', ...lightChain };
  }
  return result.heavyChain === 'none' ? { state: 'negative' } : undefined;
}

/** The serum M-spike of an SPEP in g/dL (0 = none), or undefined when not reported in a known unit. */
export function mSpikeGPerDl(result: ResultInput): number | undefined {
  const spike = findValue(
    result.values,
    '33358-3',
    /m.?spike|m.?protein|paraprotein|monoclonal/i,
  );
  return spike ? inGPerDl(spike.value, spike.unit) : undefined;
}

/** Serum free light chains: κ and λ in mg/L and the κ/λ ratio with its range, each when reported. */
export interface FreeLightChainReading {
  readonly kappa?: number;
  readonly lambda?: number;
  readonly ratio?: {
    readonly value: number;
    readonly low?: number;
    readonly high?: number;
  };
}

/** The free light chains of a `serum_flc` result. */
export function freeLightChainReading(
  result: ResultInput,
): FreeLightChainReading {
  // The ratio's name usually names both chains: set it aside so it is never read as κ or λ.
  const ratio = findValue(result.values, '48378-4', /ratio/i);
  const chains = result.values?.filter((v) => v !== ratio);
  const kappa = findValue(chains, '36916-5', /kappa|κ/i);
  const lambda = findValue(chains, '33944-0', /lambda|λ/i);
  const k = kappa ? inMgPerL(kappa.value, kappa.unit) : undefined;
  const l = lambda ? inMgPerL(lambda.value, lambda.unit) : undefined;
  return {
    ...(k === undefined ? {} : { kappa: k }),
    ...(l === undefined ? {} : { lambda: l }),
    ...(ratio === undefined
      ? {}
      : {
          ratio: {
            value: ratio.value,
            ...(ratio.low === undefined ? {} : { low: ratio.low }),
            ...(ratio.high === undefined ? {} : { high: ratio.high }),
          },
        }),
  };
}

/** dFLC = involved − uninvolved free light chain (mg/L), or undefined without both or the involved chain. */
export function dflc(
  reading: FreeLightChainReading,
  involved: LightChain | undefined,
): number | undefined {
  if (
    involved === undefined ||
    reading.kappa === undefined ||
    reading.lambda === undefined
  ) {
    return undefined;
  }
  return involved === 'kappa'
    ? reading.kappa - reading.lambda
    : reading.lambda - reading.kappa;
}

/** Whether a κ/λ ratio is within its range: the laboratory's, else the protocol default. */
export function flcRatioNormal(
  ratio: FreeLightChainReading['ratio'],
  defaults: { readonly low: number; readonly high: number },
): boolean | undefined {
  if (!ratio) {
    return undefined;
  }
  const low = ratio.low ?? defaults.low;
  const high = ratio.high ?? defaults.high;
  return ratio.value >= low && ratio.value <= high;
}

/** A marrow biopsy read: clone shown or not, and where the sample was taken. */
export interface MarrowReading {
  readonly clone?: 'present' | 'absent';
  readonly lightChain?: LightChain;
  readonly site?: MarrowSite;
  /** Iliac crest, or a site not recorded (the catalog item is the random marrow biopsy). */
  readonly iliacCrest: boolean;
}

/**
 * A `bone_marrow_biopsy` read: light-chain-restricted plasma cells = a clone; an asserted finding
 * on the monoclonal criterion decides either way. A marrow without a clone is only ever asserted.
 */
export function marrowReading(result: ResultInput): MarrowReading {
  const assertion = asserted(result, 'monoclonal_plasma_cell_disorder');
  const clone =
    assertion === 'present' ||
    (assertion === undefined && result.lightChain !== undefined)
      ? 'present'
      : assertion === 'absent'
        ? 'absent'
        : undefined;
  return {
    ...(clone === undefined ? {} : { clone }),
    ...(result.lightChain ? { lightChain: result.lightChain } : {}),
    ...(result.marrowSite ? { site: result.marrowSite } : {}),
    iliacCrest: result.marrowSite !== 'lesion',
  };
}

/** An FDG-PET read. */
export interface PetReading {
  readonly avidLesionCount?: number;
  readonly newLesion?: boolean;
  readonly impression?: PetImpression;
}

/** The PET read of a `bone_imaging` result, or undefined when the study is not an FDG-PET/CT. */
export function petReading(result: ResultInput): PetReading | undefined {
  if (result.modality !== FDG_PET_MODALITY) {
    return undefined;
  }
  return {
    ...(result.avidLesionCount === undefined
      ? {}
      : { avidLesionCount: result.avidLesionCount }),
    ...(result.newLesion === undefined ? {} : { newLesion: result.newLesion }),
    ...(result.impression === undefined
      ? {}
      : { impression: result.impression }),
  };
}

/** A neurological examination's scales. */
export interface NeuroReading {
  readonly onls?: number;
  readonly onlsArm?: number;
  readonly onlsLeg?: number;
  readonly mrs?: number;
}

/** The ONLS and mRS of a `neuro_exam` result. */
export function neuroReading(result: ResultInput): NeuroReading {
  const total = onlsTotal(result);
  return {
    ...(total === undefined ? {} : { onls: total }),
    ...(result.onlsArm === undefined ? {} : { onlsArm: result.onlsArm }),
    ...(result.onlsLeg === undefined ? {} : { onlsLeg: result.onlsLeg }),
    ...(result.mrs === undefined ? {} : { mrs: result.mrs }),
  };
}

/** The chemistry the risk factors read. */
export interface ChemistryReading {
  readonly egfr?: { readonly value: number; readonly method?: EgfrMethod };
  readonly albuminGPerDl?: number;
  readonly creatinineMgPerDl?: number;
}

/** eGFR codes by equation (CKD-EPI 2021, CKD-EPI 2009, MDRD). */
const EGFR_CODES: Readonly<Record<string, EgfrMethod>> = {
  '98979-8': 'ckd_epi_2021',
  '62238-1': 'ckd_epi_2009',
  '33914-3': 'mdrd',
};

/** The eGFR value of a result, if any: by code, else by name. */
export function egfrValue(
  values: readonly QuantityValue[] | undefined,
): QuantityValue | undefined {
  return (
    values?.find((v) => v.code !== undefined && v.code in EGFR_CODES) ??
    values?.find((v) => /egfr|glomerular/i.test(v.name))
  );
}

/** The albumin value of a result, if any. */
export function albuminValue(
  values: readonly QuantityValue[] | undefined,
): QuantityValue | undefined {
  return findValue(values, '1751-7', /albumin/i);
}

/** The creatinine value of a result, if any. */
export function creatinineValue(
  values: readonly QuantityValue[] | undefined,
): QuantityValue | undefined {
  return findValue(values, '2160-0', /creatinine/i);
}

/**
 * A `chemistry_panel` read. The eGFR's method is the one recorded, else the one its LOINC code
 * names; neither → no method (the risk flags `egfr_method_unknown`).
 */
export function chemistryReading(result: ResultInput): ChemistryReading {
  const egfr = egfrValue(result.values);
  const egfrInUnits = egfr ? inEgfrUnits(egfr.value, egfr.unit) : undefined;
  const method =
    result.egfrMethod ??
    (egfr?.code === undefined ? undefined : EGFR_CODES[egfr.code]);
  const albumin = albuminValue(result.values);
  const albuminG = albumin ? inGPerDl(albumin.value, albumin.unit) : undefined;
  const creatinine = creatinineValue(result.values);
  const creatinineMg = creatinine
    ? creatinineInMgPerDl(creatinine.value, creatinine.unit)
    : undefined;
  return {
    ...(egfrInUnits === undefined
      ? {}
      : { egfr: { value: egfrInUnits, ...(method ? { method } : {}) } }),
    ...(albuminG === undefined ? {} : { albuminGPerDl: albuminG }),
    ...(creatinineMg === undefined ? {} : { creatinineMgPerDl: creatinineMg }),
  };
}

/** The 24-hour urine total protein of a `urine_ife` result in g/24 h, if reported. */
export function urineProteinGPer24h(result: ResultInput): number | undefined {
  const protein = findValue(result.values, '2889-4', /protein/i);
  return protein ? inGPer24h(protein.value, protein.unit) : undefined;
}

/** Imaging that shows the chest: body imaging of any modality, skeletal imaging only by CT. */
const CT_MODALITIES: readonly string[] = [
  'low_dose_whole_body_ct',
  'pet_ct',
  'ct_chest_abdomen_pelvis',
];

/**
 * Pleural effusion on an imaging result: present when the read records it; absent when the read
 * recorded its signs without it; undefined when it recorded none or cannot show the chest.
 */
export function pleuralEffusionOnImaging(
  itemKey: string,
  result: ResultInput,
): boolean | undefined {
  const imagesChest =
    itemKey === 'body_imaging' ||
    (itemKey === 'bone_imaging' &&
      result.modality !== undefined &&
      CT_MODALITIES.includes(result.modality));
  if (!imagesChest || result.signs === undefined) {
    return undefined;
  }
  return result.signs.includes('pleural_effusion');
}

/** Whether an endocrine panel found an abnormal axis (or an asserted endocrinopathy); undefined when it does not say. */
export function abnormalEndocrineAxis(
  result: ResultInput,
): boolean | undefined {
  if (asserted(result, 'endocrinopathy') === 'present') {
    return true;
  }
  const states = Object.values(result.axes ?? {});
  if (states.includes('abnormal')) {
    return true;
  }
  return states.some((s) => s === 'normal') ? false : undefined;
}

/** Whether a fundoscopy showed papilledema (recorded sign or asserted finding); undefined when it does not say. */
export function papilledemaShown(result: ResultInput): boolean | undefined {
  const assertion = asserted(result, 'papilledema');
  if (assertion === 'present' || result.signs?.includes('papilledema')) {
    return true;
  }
  if (assertion === 'absent' || result.signs !== undefined) {
    return false;
  }
  return undefined;
}
