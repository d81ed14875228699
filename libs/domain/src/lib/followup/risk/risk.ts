import type { FieldError } from '../../errors';
import { isIsoDate } from '../../schedule/due-date';
import { EGFR_METHODS } from '../../workup/result-measures';
import { addDays } from '../../schedule/due-date';
import { completedYears, laterOf } from '../calendar';
import type {
  FollowupProtocolDefinition,
  FollowupRuleId,
} from '../protocol/followup-protocol.types';
import { ruleBasis } from '../protocol/rule-basis';
import type { FollowupResult } from '../results/followup-result';
import {
  chemistryReading,
  pleuralEffusionOnImaging,
} from '../results/readings';
import type {
  CountedRiskGroup,
  FactorState,
  RiskFactorKey,
  RiskFactorResult,
  RiskInputs,
  RiskObservation,
  RiskObservationKind,
  RiskResult,
  RiskWindow,
} from './risk.types';

/**
 * The window risk inputs are read in (§3, [D]): from diagnosis − 90 days up to the later of the
 * diagnosis date and the first line's start date; with no line yet, up to diagnosis + 60 days.
 */
export function riskWindow(
  protocol: FollowupProtocolDefinition,
  inputs: RiskInputs,
): RiskWindow {
  const { daysBefore, daysAfterWithoutLine } = protocol.riskInputWindow;
  return {
    from: addDays(inputs.diagnosisDate, -daysBefore),
    to: inputs.firstLineStartDate
      ? laterOf(inputs.diagnosisDate, inputs.firstLineStartDate)
      : addDays(inputs.diagnosisDate, daysAfterWithoutLine),
  };
}

/**
 * Risk observations read from results: PASP from echocardiograms, pleural effusion from imaging
 * reads (body imaging, or skeletal imaging by CT), eGFR with its method and albumin from chemistry.
 */
export function riskObservationsFromResults(
  results: readonly FollowupResult[],
): RiskObservation[] {
  return results.flatMap((r): RiskObservation[] => {
    switch (r.itemKey) {
      case 'echocardiogram':
        return r.result.paspMmHg === undefined
          ? []
          : [
              {
                kind: 'pasp',
                date: r.date,
                mmHg: r.result.paspMmHg,
                resultId: r.id,
              },
            ];
      case 'body_imaging':
      case 'bone_imaging': {
        const effusion = pleuralEffusionOnImaging(r.itemKey, r.result);
        return effusion === undefined
          ? []
          : [
              {
                kind: 'pleural_effusion',
                date: r.date,
                present: effusion,
                resultId: r.id,
              },
            ];
      }
      case 'chemistry_panel': {
        const chemistry = chemistryReading(r.result);
        return [
          ...(chemistry.egfr
            ? [
                {
                  kind: 'egfr' as const,
                  date: r.date,
                  value: chemistry.egfr.value,
                  method: chemistry.egfr.method ?? null,
                  resultId: r.id,
                },
              ]
            : []),
          ...(chemistry.albuminGPerDl === undefined
            ? []
            : [
                {
                  kind: 'albumin' as const,
                  date: r.date,
                  gPerDl: chemistry.albuminGPerDl,
                  resultId: r.id,
                },
              ]),
        ];
      }
      default:
        return [];
    }
  });
}

/**
 * Checks risk observations as a hematologist records them.
 * @returns one entry per invalid field (`observations[i].<field>`), empty when acceptable.
 */
export function validateRiskObservations(
  observations: readonly RiskObservation[],
): FieldError[] {
  const errors: FieldError[] = [];
  const nonNegative = (value: unknown): boolean =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0;
  observations.forEach((o, i) => {
    const at = (field: string): string => `observations[${i}].${field}`;
    if (!isIsoDate(o.date)) {
      errors.push({
        field: at('date'),
        message: 'date must be a date (YYYY-MM-DD).',
      });
    }
    switch (o.kind) {
      case 'pasp':
        if (!nonNegative(o.mmHg))
          errors.push({
            field: at('mmHg'),
            message: 'PASP must be a number ≥ 0 (mmHg).',
          });
        break;
      case 'pleural_effusion':
        if (typeof o.present !== 'boolean')
          errors.push({
            field: at('present'),
            message: 'present must be true or false.',
          });
        break;
      case 'egfr':
        if (!nonNegative(o.value))
          errors.push({
            field: at('value'),
            message: 'eGFR must be a number ≥ 0 (mL/min/1.73 m²).',
          });
        if (
          o.method !== undefined &&
          o.method !== null &&
          !(EGFR_METHODS as readonly string[]).includes(o.method)
        ) {
          errors.push({
            field: at('method'),
            message: `method must be one of ${EGFR_METHODS.join(', ')}.`,
          });
        }
        break;
      case 'albumin':
        if (!nonNegative(o.gPerDl))
          errors.push({
            field: at('gPerDl'),
            message: 'albumin must be a number ≥ 0 (g/dL).',
          });
        break;
      default:
        errors.push({
          field: at('kind'),
          message: 'kind must be pasp, pleural_effusion, egfr or albumin.',
        });
    }
  });
  return errors;
}

type Of<K extends RiskObservationKind> = Extract<RiskObservation, { kind: K }>;

const byDate = (a: RiskObservation, b: RiskObservation): number =>
  a.date === b.date
    ? (a.resultId ?? '').localeCompare(b.resultId ?? '')
    : a.date < b.date
      ? -1
      : 1;

function latestIn<K extends RiskObservationKind>(
  observations: readonly RiskObservation[],
  kind: K,
  window: RiskWindow,
): Of<K> | undefined {
  const inWindow = observations
    .filter(
      (o): o is Of<K> =>
        o.kind === kind && o.date >= window.from && o.date <= window.to,
    )
    .sort(byDate);
  return inWindow[inWindow.length - 1];
}

const groupFor = (
  protocol: FollowupProtocolDefinition,
  count: number,
): CountedRiskGroup =>
  protocol.riskScore.groups.reduce<CountedRiskGroup>(
    (group, g) => (count >= g.from ? g.group : group),
    protocol.riskScore.groups[0].group,
  );

/**
 * Risk at diagnosis by the tracker default `beijing-factor-count` v1 (§3, [D]): the number of
 * Beijing factors present (0 low, 1 intermediate, ≥ 2 high). Unknown factors give a minimum
 * (counted absent) and a maximum (counted present); when the two groups differ the result is
 * `indeterminate`, listing the missing inputs. Low albumin is shown, never counted.
 */
export function evaluateRisk(
  protocol: FollowupProtocolDefinition,
  inputs: RiskInputs,
): RiskResult {
  const t = protocol.thresholds.risk;
  const window = riskWindow(protocol, inputs);
  const obs = inputs.observations;

  const age: Omit<RiskFactorResult, 'rules' | 'trackerDefaults'> =
    inputs.birthDate
      ? (() => {
          const years = completedYears(inputs.birthDate, inputs.diagnosisDate);
          return {
            key: 'age_gt_50',
            state: years > t.ageYears ? 'present' : 'absent',
            basis: `${years} completed years at diagnosis (${years > t.ageYears ? '>' : '≤'} ${t.ageYears})`,
          };
        })()
      : {
          key: 'age_gt_50',
          state: 'unknown',
          basis: 'date of birth not recorded',
        };

  const pasp = latestIn(obs, 'pasp', window);
  const ph: Omit<RiskFactorResult, 'rules' | 'trackerDefaults'> = pasp
    ? {
        key: 'pulmonary_hypertension',
        state: pasp.mmHg >= t.paspMmHg ? 'present' : 'absent',
        basis: `PASP ${pasp.mmHg} mmHg on ${pasp.date} (${pasp.mmHg >= t.paspMmHg ? '≥' : '<'} ${t.paspMmHg})`,
        observation: pasp,
      }
    : {
        key: 'pulmonary_hypertension',
        state: 'unknown',
        basis: 'no echocardiographic PASP in the window',
      };

  // Any imaging in the window that shows an effusion counts, whatever size (§3, [D]).
  const effusions = obs.filter(
    (o): o is Of<'pleural_effusion'> =>
      o.kind === 'pleural_effusion' &&
      o.date >= window.from &&
      o.date <= window.to,
  );
  const shown = effusions
    .filter((e) => e.present)
    .sort(byDate)
    .pop();
  const notShown = effusions
    .filter((e) => !e.present)
    .sort(byDate)
    .pop();
  const effusion: Omit<RiskFactorResult, 'rules' | 'trackerDefaults'> = shown
    ? {
        key: 'pleural_effusion',
        state: 'present',
        basis: `pleural effusion on imaging of ${shown.date}`,
        observation: shown,
      }
    : notShown
      ? {
          key: 'pleural_effusion',
          state: 'absent',
          basis: `no pleural effusion on imaging of ${notShown.date}`,
          observation: notShown,
        }
      : {
          key: 'pleural_effusion',
          state: 'unknown',
          basis: 'no imaging read for pleural effusion in the window',
        };

  const egfr = latestIn(obs, 'egfr', window);
  const renal: Omit<RiskFactorResult, 'rules' | 'trackerDefaults'> = egfr
    ? {
        key: 'egfr_lt_30',
        state: egfr.value < t.egfr ? 'present' : 'absent',
        basis: `eGFR ${egfr.value} mL/min/1.73 m² on ${egfr.date}${egfr.method ? ` (${egfr.method})` : ' (method not recorded)'} (${egfr.value < t.egfr ? '<' : '≥'} ${t.egfr})`,
        observation: egfr,
      }
    : { key: 'egfr_lt_30', state: 'unknown', basis: 'no eGFR in the window' };

  const withRules = (
    factor: Omit<RiskFactorResult, 'rules' | 'trackerDefaults'>,
    ...ids: FollowupRuleId[]
  ): RiskFactorResult => ({
    ...factor,
    ...ruleBasis(protocol, ids),
  });
  const factors = [
    withRules(age, 'age_gt_50', 'age_completed_years'),
    withRules(ph, 'pulmonary_hypertension_rvsp', 'risk_input_window'),
    withRules(effusion, 'pleural_effusion_any_imaging', 'risk_input_window'),
    withRules(renal, 'egfr_lt_30', 'risk_input_window'),
  ];
  const count = (state: FactorState): number =>
    factors.filter((f) => f.state === state).length;
  const min = count('present');
  const max = min + count('unknown');
  const minGroup = groupFor(protocol, min);
  const maxGroup = groupFor(protocol, max);
  const missingInputs = factors
    .filter((f) => f.state === 'unknown')
    .map((f): RiskFactorKey => f.key);
  const group = minGroup === maxGroup ? minGroup : 'indeterminate';

  const albumin = latestIn(obs, 'albumin', window);
  const lowAlbumin = {
    ...(albumin
      ? {
          state: (albumin.gPerDl < t.albuminGPerDl
            ? 'present'
            : 'absent') as FactorState,
          basis: `albumin ${albumin.gPerDl} g/dL on ${albumin.date} (${albumin.gPerDl < t.albuminGPerDl ? '<' : '≥'} ${t.albuminGPerDl})`,
          observation: albumin,
        }
      : { state: 'unknown' as FactorState, basis: 'no albumin in the window' }),
    ...ruleBasis(protocol, ['low_albumin', 'risk_input_window']),
  };

  const flags: RiskResult['flags'] = [
    ...(lowAlbumin.state === 'present' ? (['low_albumin'] as const) : []),
    ...(egfr && !egfr.method ? (['egfr_method_unknown'] as const) : []),
  ];
  const presentNames = factors
    .filter((f) => f.state === 'present')
    .map((f) => f.key);
  const explanation =
    group === 'indeterminate'
      ? `Between ${min} (${minGroup}) and ${max} (${maxGroup}) factors: indeterminate until recorded: ${missingInputs.join(', ')}.`
      : `${min === max ? min : `${min}–${max}`} factor${max === 1 ? '' : 's'}${presentNames.length ? ` (${presentNames.join(', ')})` : ''}: ${group}.`;

  return {
    score: {
      key: protocol.riskScore.key,
      version: protocol.riskScore.version,
      label: protocol.riskScore.label,
    },
    group,
    min,
    max,
    minGroup,
    maxGroup,
    factors,
    missingInputs,
    lowAlbumin,
    flags,
    window,
    explanation,
    ...ruleBasis(protocol, [
      'beijing_factor_count',
      'risk_input_window',
      'age_gt_50',
      'age_completed_years',
      'pulmonary_hypertension_rvsp',
      'pleural_effusion_any_imaging',
      'egfr_lt_30',
    ]),
  };
}
