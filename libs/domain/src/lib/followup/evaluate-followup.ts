import { DomainError, type FieldError } from '../errors';
import { addDays, isIsoDate, type DueWindow } from '../schedule/due-date';
import type { FollowupSourceId } from './protocol/evidence';
import type {
  FollowupParameterValues,
  FollowupProtocolDefinition,
} from './protocol/followup-protocol.types';
import { getFollowupProtocol, resolveParameters } from './protocol/registry';
import { mergeBases, ruleBasis, type RuleBasis } from './protocol/rule-basis';
import {
  inDateOrder,
  resultsByItem,
  type FollowupResult,
  type ResultsByItem,
} from './results/followup-result';
import { assessDomain, type DomainContext } from './response/domain-engine';
import { hematologicRules } from './response/hematologic.domain';
import {
  lineTimeline,
  placementOf,
  type LineTimeline,
  type PlacementKind,
} from './response/line-timeline';
import { neurologicalRules } from './response/neurological.domain';
import { radiographicRules } from './response/radiographic.domain';
import { relapseProgressionEvent } from './response/relapse-event';
import type {
  ResponseDomain,
  TimePointKey,
} from './response/response-vocabulary';
import type {
  AssessedDomain,
  DomainAssessment,
  DomainBaseline,
  RelapseProgressionEvent,
  TimePointSummary,
} from './response/response.types';
import { summarizeTimePoint } from './response/summary';
import type { TimePointWindow } from './response/time-points';
import { vegfRules } from './response/vegf.domain';
import { evaluateRisk, riskObservationsFromResults } from './risk/risk';
import type { RiskObservation, RiskResult } from './risk/risk.types';
import {
  lineSchedule,
  planLineSchedule,
  type FollowupInstance,
  type InstanceState,
  type PlannedInstance,
} from './schedule/followup-schedule';
import {
  evaluateStaging,
  mergeStagingInputs,
  stagingInputsFromResults,
} from './staging/staging';
import type { StagingInputs, StagingResult } from './staging/staging.types';
import {
  validateTreatmentLines,
  type LineAnchor,
} from './treatment/treatment-line';
import type { TreatmentLine } from './treatment/treatment-line.types';

/** What the follow-up needs of a patient besides lines and results. */
export interface FollowupPatient {
  /** The day the hematologist signed off `criteria_met`: staging and risk are as of it. */
  readonly diagnosisDate: string;
  readonly birthDate?: string | null;
  /** Staging inputs as recorded; each recorded value wins over what the results propose. */
  readonly staging?: StagingInputs;
  /** Risk inputs recorded directly (beside those read from results). */
  readonly riskObservations?: readonly RiskObservation[];
}

/** Options of an evaluation. */
export interface FollowupOptions {
  /** Stored states of the schedule's instances (cancellations, activations, progress). */
  readonly instances?: readonly InstanceState[];
  /** The clinic's choices for the protocol's parameters; defaults otherwise. */
  readonly parameters?: Partial<FollowupParameterValues>;
  /** Days ahead counted as "due soon" (the clinic's worklist setting); 0 when not given. */
  readonly dueSoonDays?: number;
}

/** A flag raised on a line. */
export interface LineFlag extends RuleBasis {
  readonly key: 'consider_systemic_therapy';
  readonly lineId: string;
  readonly timePoint: TimePointKey;
  readonly domain: ResponseDomain;
  readonly date: string;
  readonly text: string;
  readonly sources: readonly FollowupSourceId[];
}

/** One time point of a line: its dates, every domain, and the summary. */
export interface TimePointFollowup extends TimePointWindow {
  /** In the order vegf, hematologic, radiographic, neurological. */
  readonly domains: readonly DomainAssessment[];
  readonly summary: TimePointSummary;
}

/** Where a result stands in a line (shown on trend charts and grids). */
export interface ResultPlacement {
  readonly resultId: string;
  readonly itemKey: string;
  readonly date: string;
  readonly placement: PlacementKind;
  readonly timePoint?: TimePointKey;
  /** A baseline of a domain of this line. */
  readonly baseline: boolean;
}

/** A line's follow-up as of a day. */
export interface LineFollowup {
  readonly line: TreatmentLine;
  readonly anchor: LineAnchor & RuleBasis;
  readonly baselineWindow: { readonly from: string; readonly to: string };
  /** The superseding line's start date: this line's follow-up ends the day before. */
  readonly followUpEnd: string | null;
  readonly supersededByLineId: string | null;
  readonly baselines: readonly DomainBaseline[];
  readonly timePoints: readonly TimePointFollowup[];
  readonly results: readonly ResultPlacement[];
  readonly event: RelapseProgressionEvent | null;
  readonly flags: readonly LineFlag[];
  readonly schedule: {
    readonly instances: readonly FollowupInstance[];
    readonly activatable: readonly PlannedInstance[];
  };
}

/** The follow-up of a patient as of a day: the evaluation to store, with the protocol version it used. */
export interface FollowupEvaluation {
  readonly protocol: { readonly key: string; readonly version: number };
  readonly parameters: FollowupParameterValues;
  readonly asOf: string;
  readonly diagnosisDate: string;
  readonly staging: StagingResult & {
    readonly fromResults: Readonly<
      Partial<Record<keyof StagingInputs, string>>
    >;
  };
  readonly risk: RiskResult;
  readonly lines: readonly LineFollowup[];
  /** Every line's flags. */
  readonly flags: readonly LineFlag[];
}

function checkInputs(
  patient: FollowupPatient,
  lines: readonly TreatmentLine[],
  results: readonly FollowupResult[],
  asOf: string,
): void {
  const errors: FieldError[] = [];
  if (!isIsoDate(asOf)) {
    errors.push({
      field: 'asOf',
      message: 'asOf must be a date (YYYY-MM-DD).',
    });
  }
  if (!isIsoDate(patient.diagnosisDate)) {
    errors.push({
      field: 'patient.diagnosisDate',
      message: 'diagnosisDate must be a date (YYYY-MM-DD).',
    });
  }
  if (patient.birthDate && !isIsoDate(patient.birthDate)) {
    errors.push({
      field: 'patient.birthDate',
      message: 'birthDate must be a date (YYYY-MM-DD).',
    });
  }
  // Dates after the evaluation day are not known on it, so only the shape of the lines is checked here.
  for (const e of validateTreatmentLines(lines, '9999-12-31')) {
    errors.push({
      field: `lines[${lines.findIndex((l) => l.id === e.lineId)}].${e.field}`,
      message: e.message,
    });
  }
  const seen = new Set<string>();
  results.forEach((r, i) => {
    if (!isIsoDate(r.date)) {
      errors.push({
        field: `results[${i}].date`,
        message: 'date must be a date (YYYY-MM-DD).',
      });
    }
    if (seen.has(r.id)) {
      errors.push({
        field: `results[${i}].id`,
        message: 'result ids are unique.',
      });
    }
    seen.add(r.id);
  });
  if (errors.length > 0) {
    throw DomainError.invalid(
      errors,
      'The follow-up cannot be evaluated from these inputs.',
    );
  }
}

/**
 * The whole follow-up of a patient as of a day (poems-followup.md), pure: staging and risk at
 * diagnosis, and per treatment line its anchor, baselines, time points with every domain's
 * category and the summary, the relapse/progression event, flags and the schedule with overdue
 * instances. Results dated after `asOf` are ignored, so an earlier day's evaluation can be
 * reproduced; every figure lists the rules it rests on and its tracker defaults.
 * @param protocolVersion the `poems-followup` version (stored evaluations keep theirs).
 * @param results the patient's done results (workup and follow-up), any order.
 * @param asOf the clinic's today (`YYYY-MM-DD`).
 * @throws DomainError `not_found` for an unknown version; `validation_failed` for malformed input.
 */
export function evaluateFollowup(
  protocolVersion: number,
  patient: FollowupPatient,
  lines: readonly TreatmentLine[],
  results: readonly FollowupResult[],
  asOf: string,
  options: FollowupOptions = {},
): FollowupEvaluation {
  const protocol = getFollowupProtocol(protocolVersion);
  const parameters = resolveParameters(protocol, options.parameters);
  checkInputs(patient, lines, results, asOf);
  const known = inDateOrder(results.filter((r) => r.date <= asOf));
  const ordered = [...lines].sort((a, b) => a.lineNumber - b.lineNumber);

  const proposed = stagingInputsFromResults(known, patient.diagnosisDate);
  const staging = {
    ...evaluateStaging(
      protocol,
      mergeStagingInputs(proposed.inputs, patient.staging),
      parameters,
    ),
    fromResults: Object.fromEntries(
      Object.entries(proposed.fromResults).filter(([key]) => {
        const recorded = patient.staging?.[key as keyof StagingInputs];
        return recorded === undefined || recorded === null;
      }),
    ),
  };
  const risk = evaluateRisk(protocol, {
    birthDate: patient.birthDate ?? null,
    diagnosisDate: patient.diagnosisDate,
    firstLineStartDate: ordered[0]?.startDate ?? null,
    observations: [
      ...riskObservationsFromResults(known),
      ...(patient.riskObservations ?? []),
    ],
  });
  const window: DueWindow = {
    today: asOf,
    dueSoonUntil: addDays(asOf, options.dueSoonDays ?? 0),
  };

  const byItem = resultsByItem(known);
  const lineResults = ordered.map((line) =>
    evaluateLine(
      protocol,
      parameters,
      ordered,
      line,
      { all: known, byItem },
      asOf,
      window,
      options.instances ?? [],
      staging,
    ),
  );
  return {
    protocol: { key: protocol.key, version: protocol.version },
    parameters,
    asOf,
    diagnosisDate: patient.diagnosisDate,
    staging,
    risk,
    lines: lineResults,
    flags: lineResults.flatMap((l) => l.flags),
  };
}

function evaluateLine(
  protocol: FollowupProtocolDefinition,
  parameters: FollowupParameterValues,
  lines: readonly TreatmentLine[],
  line: TreatmentLine,
  known: {
    readonly all: readonly FollowupResult[];
    readonly byItem: ResultsByItem;
  },
  asOf: string,
  window: DueWindow,
  states: readonly InstanceState[],
  staging: StagingResult,
): LineFollowup {
  const results = known.all;
  const timeline = lineTimeline(protocol, lines, line, asOf);
  const base: Omit<DomainContext, 'instanceCancelled'> = {
    protocol,
    parameters,
    timeline,
    asOf,
    results,
    byItem: known.byItem,
  };
  // The VEGF baseline's specimen goes on the VEGF instances; the schedule's closed instances feed the domains.
  const vegfSpecimen = vegfRules({ ...base, instanceCancelled: () => false })
    .baseline.specimen;
  const planned = planLineSchedule(protocol, timeline, results, vegfSpecimen);
  const schedule = lineSchedule(
    protocol,
    planned,
    states.filter((s) => s.lineId === line.id),
    results,
    window,
    timeline.supersededBy !== null,
  );
  const ctx: DomainContext = {
    ...base,
    instanceCancelled: (itemKeys, timePoint) => {
      const relevant = schedule.instances.filter(
        (i) => i.timePoint === timePoint && itemKeys.includes(i.itemKey),
      );
      return (
        relevant.length > 0 &&
        relevant.every(
          (i) => i.status === 'cancelled' || i.status === 'not_indicated',
        )
      );
    },
  };
  const domainRules = [
    vegfRules(ctx),
    hematologicRules(ctx),
    radiographicRules(ctx),
    neurologicalRules(ctx),
  ];
  const byDomain = domainRules.map((rules) => assessDomain(ctx, rules));
  const timePoints: TimePointFollowup[] = timeline.timePoints.map((tp, i) => {
    const domains = byDomain.map((assessments) => assessments[i]);
    return { ...tp, domains, summary: summarizeTimePoint(protocol, domains) };
  });
  const all = byDomain.flat();
  const baselines = domainRules.map((r) => r.baseline);
  const baselineIds = new Set(
    baselines.flatMap((b) => (b.status === 'available' ? b.resultIds : [])),
  );

  return {
    line,
    anchor: { ...timeline.anchor, ...ruleBasis(protocol, ['anchor']) },
    baselineWindow: timeline.baselineWindow,
    followUpEnd: timeline.followUpEnd,
    supersededByLineId: timeline.supersededBy?.id ?? null,
    baselines,
    timePoints,
    results: results.map((r) => {
      const placement = placementOf(timeline, r.date);
      return {
        resultId: r.id,
        itemKey: r.itemKey,
        date: r.date,
        placement: placement.kind,
        ...(placement.timePoint ? { timePoint: placement.timePoint } : {}),
        baseline: baselineIds.has(r.id),
      };
    }),
    event: relapseProgressionEvent(protocol, all),
    flags: considerSystemicTherapy(protocol, timeline, staging, all),
    schedule,
  };
}

/**
 * `consider_systemic_therapy` (§2): a `limited` patient treated with radiation whose disease
 * progresses in any domain once the M3 window has opened (every time point's range does). A
 * progression the next result did not confirm no longer raises it.
 */
function considerSystemicTherapy(
  protocol: FollowupProtocolDefinition,
  timeline: LineTimeline,
  staging: StagingResult,
  assessments: readonly DomainAssessment[],
): LineFlag[] {
  if (
    staging.class !== 'limited' ||
    timeline.line.regimenClass !== 'radiation'
  ) {
    return [];
  }
  const first = assessments
    .filter(
      (a): a is AssessedDomain & { readonly date: string } =>
        a.status === 'assessed' &&
        a.category === 'progression' &&
        a.confirmation !== 'not_confirmed' &&
        a.date !== undefined,
    )
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0];
  if (!first) {
    return [];
  }
  return [
    {
      key: 'consider_systemic_therapy',
      lineId: timeline.line.id,
      timePoint: first.timePoint,
      domain: first.domain,
      date: first.date,
      text:
        `Limited disease treated with radiation: ${first.domain} progression at ${first.timePoint} (${first.date}` +
        `${first.confirmation === 'unconfirmed' ? ', unconfirmed' : ''}). Systemic therapy is given to patients "who have ` +
        'progression of their disease 3 to 6 months after completing radiation therapy". Decision support, never an order.',
      sources: ['F1', 'F2'],
      ...mergeBases(
        protocol,
        ruleBasis(protocol, ['consider_systemic_therapy', 'staging_rule']),
        staging,
        first,
      ),
    },
  ];
}
