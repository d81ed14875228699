import type { SignKey } from '../lib/protocol/signs';
import type {
  HeavyChain,
  LightChain,
  ResultInput,
  Specimen,
  VegfConfounder,
} from '../lib/workup/result';
import type {
  EgfrMethod,
  LesionCount,
  MarrowSite,
  PetImpression,
} from '../lib/workup/result-measures';
import {
  evaluateFollowup,
  type FollowupEvaluation,
  type FollowupOptions,
  type FollowupPatient,
  type LineFollowup,
  type TimePointFollowup,
} from '../lib/followup/evaluate-followup';
import type { FollowupResult } from '../lib/followup/results/followup-result';
import type {
  AssessedDomain,
  DomainAssessment,
} from '../lib/followup/response/response.types';
import type {
  ResponseDomain,
  TimePointKey,
} from '../lib/followup/response/response-vocabulary';
import type { TreatmentLine } from '../lib/followup/treatment/treatment-line.types';

/** Mayo Clinic Laboratories' plasma VEGF upper limit, pg/mL [S14]: the worked examples' ULN. */
export const PLASMA_VEGF_ULN = 96.2;

/** A plasma (or serum) VEGF result with the laboratory's upper limit. */
export const vegf = (
  value: number,
  options: {
    specimen?: Specimen;
    uln?: number | null;
    confounders?: VegfConfounder[];
  } = {},
): ResultInput => {
  const uln = options.uln === undefined ? PLASMA_VEGF_ULN : options.uln;
  return {
    specimen: options.specimen ?? 'plasma',
    values: [
      {
        code: '75628-8',
        name: 'VEGF',
        value,
        unit: 'pg/mL',
        ...(uln === null ? {} : { high: uln }),
      },
    ],
    ...(options.confounders ? { confounders: options.confounders } : {}),
  };
};

/** A positive immunofixation. */
export const ifePositive = (
  heavyChain: HeavyChain,
  lightChain: LightChain,
): ResultInput => ({ heavyChain, lightChain });

/** A negative immunofixation. */
export const ifeNegative: ResultInput = { heavyChain: 'none' };

/** An SPEP with its M-spike in g/dL (0 = none). */
export const spep = (gPerDl: number): ResultInput => ({
  values: [{ code: '33358-3', name: 'M-spike', value: gPerDl, unit: 'g/dL' }],
});

/** Serum free light chains: κ and λ in mg/L and the ratio (laboratory range 0.26–1.65 unless given). */
export const flc = (options: {
  kappa?: number;
  lambda?: number;
  ratio?: number;
}): ResultInput => ({
  values: [
    ...(options.kappa === undefined
      ? []
      : [
          {
            code: '36916-5',
            name: 'kappa free light chain',
            value: options.kappa,
            unit: 'mg/L',
          },
        ]),
    ...(options.lambda === undefined
      ? []
      : [
          {
            code: '33944-0',
            name: 'lambda free light chain',
            value: options.lambda,
            unit: 'mg/L',
          },
        ]),
    ...(options.ratio === undefined
      ? []
      : [
          {
            code: '48378-4',
            name: 'kappa/lambda ratio',
            value: options.ratio,
            unit: '1',
            low: 0.26,
            high: 1.65,
          },
        ]),
  ],
});

/** A bone marrow biopsy read: clone shown by its light chain, or asserted absent. */
export const marrow = (
  clone: LightChain | 'none',
  site: MarrowSite = 'iliac_crest',
): ResultInput =>
  clone === 'none'
    ? {
        marrowSite: site,
        findings: [
          { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
        ],
      }
    : { marrowSite: site, lightChain: clone };

/** An FDG-PET/CT read with the reader fields. */
export const pet = (options: {
  avid: number;
  newLesion?: boolean;
  impression?: PetImpression;
  lesions?: LesionCount;
}): ResultInput => ({
  modality: 'pet_ct',
  avidLesionCount: options.avid,
  newLesion: options.newLesion ?? false,
  ...(options.impression ? { impression: options.impression } : {}),
  ...(options.lesions === undefined ? {} : { lesionCount: options.lesions }),
});

/** A low-dose whole-body CT read. */
export const lowDoseCt = (
  lesions: LesionCount,
  signs?: SignKey[],
): ResultInput => ({
  modality: 'low_dose_whole_body_ct',
  lesions: lesions === 0 ? 'none' : 'sclerotic',
  lesionCount: lesions,
  ...(signs ? { signs } : {}),
});

/** A neurological examination with ONLS arm and leg grades (and the mRS). */
export const onls = (arm: number, leg: number, mrs?: number): ResultInput => ({
  onlsArm: arm,
  onlsLeg: leg,
  ...(mrs === undefined ? {} : { mrs }),
});

/** A neurological examination with only the ONLS total. */
export const onlsTotal = (total: number): ResultInput => ({ onls: total });

/** An echocardiogram with the PASP in mmHg. */
export const echo = (paspMmHg: number): ResultInput => ({ paspMmHg });

/** A chemistry panel: eGFR (with its method when known) and albumin. */
export const chemistry = (options: {
  egfr?: number;
  method?: EgfrMethod;
  albuminGPerDl?: number;
}): ResultInput => ({
  values: [
    ...(options.egfr === undefined
      ? []
      : [{ name: 'eGFR', value: options.egfr, unit: 'mL/min/1.73m2' }]),
    ...(options.albuminGPerDl === undefined
      ? []
      : [
          {
            code: '1751-7',
            name: 'albumin',
            value: options.albuminGPerDl,
            unit: 'g/dL',
          },
        ]),
  ],
  ...(options.method ? { egfrMethod: options.method } : {}),
});

/** A CT of chest, abdomen and pelvis with the signs it showed (none = an empty list). */
export const bodyCt = (...signs: SignKey[]): ResultInput => ({
  modality: 'ct_chest_abdomen_pelvis',
  signs,
});

/** A line with valid defaults; override what the story needs. */
export const aLine = (
  fields: Partial<TreatmentLine> &
    Pick<TreatmentLine, 'regimenClass' | 'startDate'>,
): TreatmentLine => ({
  id: `line-${fields.lineNumber ?? 1}`,
  lineNumber: 1,
  intent: 'first_line',
  ...fields,
});

/**
 * A patient's follow-up story: lines and dated results added step by step, evaluated as of a day.
 * Immutable: each step returns a new story, so variants branch from a shared start.
 */
export class FollowupStory {
  private constructor(
    readonly patient: FollowupPatient,
    readonly lines: readonly TreatmentLine[],
    readonly results: readonly FollowupResult[],
  ) {}

  /** A patient signed off on a diagnosis date. */
  static diagnosed(
    diagnosisDate: string,
    fields: Omit<FollowupPatient, 'diagnosisDate'> = {},
  ): FollowupStory {
    return new FollowupStory({ diagnosisDate, ...fields }, [], []);
  }

  /** Adds a treatment line. */
  line(line: TreatmentLine): FollowupStory {
    return new FollowupStory(this.patient, [...this.lines, line], this.results);
  }

  /** Adds a done result of an item on a date; its id is `<item>@<date>` unless given. */
  result(
    itemKey: string,
    date: string,
    result: ResultInput,
    id = `${itemKey}@${date}`,
  ): FollowupStory {
    return new FollowupStory(this.patient, this.lines, [
      ...this.results,
      { id, itemKey, date, result },
    ]);
  }

  /** Replaces the recorded staging inputs. */
  staging(staging: FollowupPatient['staging']): FollowupStory {
    return new FollowupStory(
      { ...this.patient, staging },
      this.lines,
      this.results,
    );
  }

  /** The evaluation as of a day with protocol v1. */
  evaluate(asOf: string, options?: FollowupOptions): FollowupEvaluation {
    return evaluateFollowup(
      1,
      this.patient,
      this.lines,
      this.results,
      asOf,
      options,
    );
  }
}

/** A line of an evaluation by number (1 by default). */
export function lineOf(
  evaluation: FollowupEvaluation,
  lineNumber = 1,
): LineFollowup {
  const line = evaluation.lines.find((l) => l.line.lineNumber === lineNumber);
  if (!line) {
    throw new Error(`line ${lineNumber} not evaluated`);
  }
  return line;
}

/** A time point of a line. */
export function timePointOf(
  line: LineFollowup,
  key: TimePointKey,
): TimePointFollowup {
  const tp = line.timePoints.find((t) => t.key === key);
  if (!tp) {
    throw new Error(`time point ${key} not in the line`);
  }
  return tp;
}

/** One domain at a time point. */
export function domainAt(
  line: LineFollowup,
  key: TimePointKey,
  domain: ResponseDomain,
): DomainAssessment {
  const found = timePointOf(line, key).domains.find((d) => d.domain === domain);
  if (!found) {
    throw new Error(`${domain} not assessed at ${key}`);
  }
  return found;
}

/** One domain at a time point, which must have been assessed. */
export function assessedAt(
  line: LineFollowup,
  key: TimePointKey,
  domain: ResponseDomain,
): AssessedDomain {
  const found = domainAt(line, key, domain);
  if (found.status !== 'assessed') {
    throw new Error(`${domain} at ${key} is pending`);
  }
  return found;
}

/** The category of each domain at a time point (`pending` when none yet). */
export function categoriesAt(
  line: LineFollowup,
  key: TimePointKey,
): Record<ResponseDomain, string> {
  return Object.fromEntries(
    timePointOf(line, key).domains.map((d) => [
      d.domain,
      d.status === 'assessed' ? d.category : 'pending',
    ]),
  ) as Record<ResponseDomain, string>;
}
