import type { FieldError } from '../../errors';
import { IMAGING_MODALITIES } from '../../workup/result';
import {
  DIFFUSE_LESIONS,
  type LesionCount,
} from '../../workup/result-measures';
import type {
  FollowupParameterValues,
  FollowupProtocolDefinition,
  FollowupRuleId,
} from '../protocol/followup-protocol.types';
import { ruleBasis } from '../protocol/rule-basis';
import { latestOf, type FollowupResult } from '../results/followup-result';
import { marrowReading, urineProteinGPer24h } from '../results/readings';
import {
  MARROW_CLONE_STATES,
  type StagingClass,
  type StagingFlag,
  type StagingInputKey,
  type StagingInputs,
  type StagingResult,
} from './staging.types';

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

const present = <T>(value: T | null | undefined): value is T =>
  value !== null && value !== undefined;

/**
 * Checks staging inputs as a hematologist records them.
 * @returns one entry per invalid field, empty when acceptable.
 */
export function validateStagingInputs(inputs: StagingInputs): FieldError[] {
  const errors: FieldError[] = [];
  if (
    present(inputs.boneLesionCount) &&
    inputs.boneLesionCount !== DIFFUSE_LESIONS &&
    !isCount(inputs.boneLesionCount)
  ) {
    errors.push({
      field: 'boneLesionCount',
      message: 'boneLesionCount must be a whole number ≥ 0 or "diffuse".',
    });
  }
  if (
    present(inputs.extramedullaryPlasmacytomaCount) &&
    !isCount(inputs.extramedullaryPlasmacytomaCount)
  ) {
    errors.push({
      field: 'extramedullaryPlasmacytomaCount',
      message: 'extramedullaryPlasmacytomaCount must be a whole number ≥ 0.',
    });
  }
  if (
    present(inputs.marrowClone) &&
    !(MARROW_CLONE_STATES as readonly string[]).includes(inputs.marrowClone)
  ) {
    errors.push({
      field: 'marrowClone',
      message: `marrowClone must be one of ${MARROW_CLONE_STATES.join(', ')}.`,
    });
  }
  if (
    present(inputs.boneImagingModality) &&
    !(IMAGING_MODALITIES as readonly string[]).includes(
      inputs.boneImagingModality,
    )
  ) {
    errors.push({
      field: 'boneImagingModality',
      message: 'boneImagingModality is not a known modality.',
    });
  }
  if (
    present(inputs.severeOrganDysfunction) &&
    typeof inputs.severeOrganDysfunction !== 'boolean'
  ) {
    errors.push({
      field: 'severeOrganDysfunction',
      message: 'severeOrganDysfunction must be true or false.',
    });
  }
  for (const field of [
    'dlcoPercentPredicted',
    'urineTotalProteinGPer24h',
  ] as const) {
    const value = inputs[field];
    if (
      present(value) &&
      !(typeof value === 'number' && Number.isFinite(value) && value >= 0)
    ) {
      errors.push({ field, message: `${field} must be a number ≥ 0.` });
    }
  }
  return errors;
}

const lesionsText = (count: number): string =>
  `${count} lesion${count === 1 ? '' : 's'}`;

/**
 * Staging at diagnosis (poems-followup.md §2). `total` = bone lesions + extramedullary
 * plasmacytomas; the first step that applies gives the class:
 * 1. iliac-crest marrow clone present → `disseminated`;
 * 2. total diffuse or above `limited_max_lesions` → `disseminated`;
 * 3. marrow not done, or total unknown → `indeterminate`, listing the missing inputs;
 * 4. total 0 → `no_focal_lesion`;
 * 5. otherwise → `limited`.
 */
export function evaluateStaging(
  protocol: FollowupProtocolDefinition,
  inputs: StagingInputs,
  parameters: FollowupParameterValues,
): StagingResult {
  const max = parameters.limited_max_lesions;
  const extramedullary = inputs.extramedullaryPlasmacytomaCount ?? 0;
  const bone = inputs.boneLesionCount;
  const total: LesionCount | null = !present(bone)
    ? null
    : bone === DIFFUSE_LESIONS
      ? DIFFUSE_LESIONS
      : bone + extramedullary;
  const marrow = inputs.marrowClone ?? 'not_done';
  const read: StagingInputs = {
    ...inputs,
    extramedullaryPlasmacytomaCount: extramedullary,
    marrowClone: marrow,
  };
  const countedExtramedullary: FollowupRuleId[] =
    extramedullary > 0 ? ['extramedullary_in_total'] : [];
  const totalText =
    typeof total === 'number' && extramedullary > 0
      ? `${lesionsText(total)} (${bone} bone, ${extramedullary} extramedullary)`
      : typeof total === 'number'
        ? lesionsText(total)
        : '';

  const decide = (
    stagingClass: StagingClass,
    step: StagingResult['step'],
    explanation: string,
    rules: readonly FollowupRuleId[],
    missingInputs: readonly StagingInputKey[] = [],
  ): StagingResult => ({
    class: stagingClass,
    step,
    total,
    limitedMaxLesions: max,
    missingInputs,
    implications: protocol.stagingImplications[stagingClass],
    flags: stagingFlags(protocol, inputs),
    explanation,
    inputs: read,
    ...ruleBasis(protocol, ['staging_rule', ...rules]),
  });

  if (marrow === 'present') {
    return decide(
      'disseminated',
      1,
      'The iliac-crest marrow shows a plasma-cell clone: disseminated.',
      [],
    );
  }
  if (total === DIFFUSE_LESIONS) {
    return decide('disseminated', 2, 'Diffuse bone lesions: disseminated.', []);
  }
  if (total !== null && total > max) {
    return decide(
      'disseminated',
      2,
      `${totalText} exceed the limit of ${max} for limited disease: disseminated.`,
      ['limited_max_lesions', ...countedExtramedullary],
    );
  }
  if (marrow === 'not_done' || total === null) {
    const missing: StagingInputKey[] = [
      ...(total === null ? (['bone_lesion_count'] as const) : []),
      ...(marrow === 'not_done' ? (['marrow_clone'] as const) : []),
    ];
    return decide(
      'indeterminate',
      3,
      `Indeterminate until recorded: ${missing.join(', ')}.`,
      total === null ? [] : ['limited_max_lesions', ...countedExtramedullary],
      missing,
    );
  }
  if (total === 0) {
    return decide(
      'no_focal_lesion',
      4,
      'No focal lesion and an iliac-crest marrow without a clone: no focal lesion.',
      [],
    );
  }
  return decide(
    'limited',
    5,
    `${totalText} (limit ${max}) and an iliac-crest marrow without a clone: limited.`,
    ['limited_max_lesions', ...countedExtramedullary],
  );
}

function stagingFlags(
  protocol: FollowupProtocolDefinition,
  inputs: StagingInputs,
): StagingFlag[] {
  const {
    dlcoPercentPredicted: dlcoCutOff,
    urineProteinGPer24h: proteinCutOff,
  } = protocol.thresholds.information;
  const flags: StagingFlag[] = [];
  if (inputs.severeOrganDysfunction === true) {
    flags.push({
      key: 'severe_organ_dysfunction',
      text: 'Severe organ dysfunction (asserted): the Beijing group gave induction before ASCT to such patients.',
      information: false,
      sources: ['F26'],
      ...ruleBasis(protocol, ['severe_organ_dysfunction_flag']),
    });
  }
  if (
    present(inputs.dlcoPercentPredicted) &&
    inputs.dlcoPercentPredicted < dlcoCutOff
  ) {
    flags.push({
      key: 'reduced_dlco',
      text:
        `DLCO ${inputs.dlcoPercentPredicted}% of predicted (< ${dlcoCutOff}%): salvage therapy after radiation was more ` +
        'likely with reduced DLCO. Information only: the cut-off is from a secondary source.',
      information: true,
      sources: ['F9', 'F31'],
      ...ruleBasis(protocol, ['reduced_dlco_information']),
    });
  }
  if (
    present(inputs.urineTotalProteinGPer24h) &&
    inputs.urineTotalProteinGPer24h >= proteinCutOff
  ) {
    flags.push({
      key: 'raised_urine_protein',
      text:
        `Urine total protein ${inputs.urineTotalProteinGPer24h} g/24 h (≥ ${proteinCutOff}): salvage therapy after ` +
        'radiation was more likely with raised urine protein. Information only: the cut-off is from a secondary source.',
      information: true,
      sources: ['F9', 'F31'],
      ...ruleBasis(protocol, ['raised_urine_protein_information']),
    });
  }
  return flags;
}

/** Staging inputs proposed from results, with the result each came from. */
export interface ProposedStagingInputs {
  readonly inputs: StagingInputs;
  readonly fromResults: Readonly<Partial<Record<keyof StagingInputs, string>>>;
}

/**
 * Staging inputs read from the results dated up to a day (usually the diagnosis date): the latest
 * skeletal imaging read with a lesion count (a read with no lesions counts 0), the latest iliac-crest
 * marrow biopsy with a clone shown or asserted absent (a biopsy of the lesion itself does not count),
 * the latest DLCO and 24-hour urine protein. Extramedullary plasmacytomas and organ dysfunction are
 * never inferred: a hematologist records them. A proposal only; what the hematologist records wins.
 */
export function stagingInputsFromResults(
  results: readonly FollowupResult[],
  upTo: string,
): ProposedStagingInputs {
  const upToDate = results.filter((r) => r.date <= upTo);
  const latest = (
    itemKey: string,
    usable: (r: FollowupResult) => boolean,
  ): FollowupResult | undefined =>
    latestOf(upToDate.filter((r) => r.itemKey === itemKey && usable(r)));

  const imaging = latest(
    'bone_imaging',
    (r) => r.result.lesionCount !== undefined || r.result.lesions === 'none',
  );
  const marrow = latest('bone_marrow_biopsy', (r) => {
    const reading = marrowReading(r.result);
    return reading.iliacCrest && reading.clone !== undefined;
  });
  const pft = latest('pft', (r) => r.result.dlcoPercentPredicted !== undefined);
  const urine = latest(
    'urine_ife',
    (r) => urineProteinGPer24h(r.result) !== undefined,
  );

  const inputs: StagingInputs = {
    ...(imaging
      ? {
          boneLesionCount: imaging.result.lesionCount ?? 0,
          ...(imaging.result.modality
            ? { boneImagingModality: imaging.result.modality }
            : {}),
        }
      : {}),
    ...(marrow ? { marrowClone: marrowReading(marrow.result).clone } : {}),
    ...(pft ? { dlcoPercentPredicted: pft.result.dlcoPercentPredicted } : {}),
    ...(urine
      ? { urineTotalProteinGPer24h: urineProteinGPer24h(urine.result) }
      : {}),
  };
  return {
    inputs,
    fromResults: {
      ...(imaging
        ? {
            boneLesionCount: imaging.id,
            ...(imaging.result.modality
              ? { boneImagingModality: imaging.id }
              : {}),
          }
        : {}),
      ...(marrow ? { marrowClone: marrow.id } : {}),
      ...(pft ? { dlcoPercentPredicted: pft.id } : {}),
      ...(urine ? { urineTotalProteinGPer24h: urine.id } : {}),
    },
  };
}

/** Recorded inputs over proposed ones: a value the hematologist recorded always wins. */
export function mergeStagingInputs(
  proposed: StagingInputs,
  recorded: StagingInputs | undefined,
): StagingInputs {
  const merged: Record<string, unknown> = { ...proposed };
  for (const [key, value] of Object.entries(recorded ?? {})) {
    if (present(value)) {
      merged[key] = value;
    }
  }
  return merged as StagingInputs;
}
