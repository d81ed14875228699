import type {
  AxisState,
  CriterionGroup,
  CriterionKey,
  EndocrineAxis,
  FindingValue,
  HeavyChain,
  ImagingModality,
  Interpretation,
  ItemAction,
  ItemKind,
  ItemStatus,
  LesionType,
  LightChain,
  OtherSign,
  ProtocolDefinition,
  SignKey,
  Specimen,
  VegfConfounder,
} from '@poems/domain';
import { capitalize, humanize } from '../../core/format/labels';

export const ITEM_STATUS_LABELS: Readonly<Record<ItemStatus, string>> = {
  planned: 'Planned',
  ordered: 'Ordered',
  scheduled: 'Scheduled',
  performed: 'Performed',
  resulted: 'Resulted',
  reviewed: 'Reviewed',
  cancelled: 'Cancelled',
  not_indicated: 'Not indicated',
};

/** Checklist section headings, by item kind. */
export const KIND_LABELS: Readonly<Record<ItemKind, string>> = {
  lab: 'Laboratory tests',
  imaging: 'Imaging',
  procedure: 'Procedures',
  study: 'Studies',
  exam: 'Examinations',
};

export const GROUP_LABELS: Readonly<Record<CriterionGroup, string>> = {
  mandatory: 'Mandatory major criteria (both required)',
  major: 'Other major criteria (at least one)',
  minor: 'Minor criteria (at least one)',
};

export const FINDING_LABELS: Readonly<Record<FindingValue, string>> = {
  present: 'Present',
  absent: 'Absent',
  indeterminate: 'Indeterminate',
};

const ACTION_LABELS: Readonly<Record<ItemAction, string>> = {
  order: 'Order',
  schedule: 'Schedule',
  perform: 'Mark performed',
  result: 'Record result',
  review: 'Review',
  cancel: 'Cancel',
  'not-indicated': 'Not indicated',
  reopen: 'Reopen',
  activate: 'Activate',
};

/** The button text of an action on an item in a given status. */
export function actionLabel(action: ItemAction, status: ItemStatus): string {
  if (action === 'schedule' && status === 'scheduled') {
    return 'Reschedule';
  }
  if (action === 'result' && (status === 'resulted' || status === 'reviewed')) {
    return 'Correct result';
  }
  return ACTION_LABELS[action];
}

export const AXIS_LABELS: Readonly<Record<EndocrineAxis, string>> = {
  gonadal: 'Gonadal',
  prolactin: 'Prolactin / pituitary',
  thyroid: 'Thyroid',
  adrenal: 'Adrenal',
  parathyroid: 'Parathyroid',
  glucose: 'Glucose (pancreatic)',
};

export const AXIS_STATE_LABELS: Readonly<Record<AxisState, string>> = {
  abnormal: 'Abnormal',
  normal: 'Normal',
  not_tested: 'Not tested',
};

export const SPECIMEN_LABELS: Readonly<Record<Specimen, string>> = {
  plasma: 'Plasma',
  serum: 'Serum',
};

export const HEAVY_CHAIN_LABELS: Readonly<Record<HeavyChain, string>> = {
  IgG: 'IgG',
  IgA: 'IgA',
  IgM: 'IgM',
  none: 'None (light chain only or no M-protein)',
};

export const LIGHT_CHAIN_LABELS: Readonly<Record<LightChain, string>> = {
  lambda: 'λ (lambda)',
  kappa: 'κ (kappa)',
};

export const LESION_LABELS: Readonly<Record<LesionType, string>> = {
  sclerotic: 'Sclerotic',
  mixed: 'Mixed sclerotic / lytic',
  lytic: 'Lytic only',
  none: 'No lesions',
};

export const MODALITY_LABELS: Readonly<Record<ImagingModality, string>> = {
  low_dose_whole_body_ct: 'Low-dose whole-body CT',
  pet_ct: 'PET/CT',
  skeletal_survey: 'Skeletal survey',
  ct_chest_abdomen_pelvis: 'CT chest/abdomen/pelvis',
  abdominal_ultrasound: 'Abdominal ultrasound',
  mri: 'MRI',
  other: 'Other',
};

export const CONFOUNDER_LABELS: Readonly<Record<VegfConfounder, string>> = {
  recent_acute_illness: 'Recent acute illness',
  iron_deficiency: 'Iron deficiency',
  copd: 'COPD',
  sleep_apnoea: 'Sleep apnoea',
  malignancy: 'Malignancy',
};

export const INTERPRETATION_LABELS: Readonly<Record<Interpretation, string>> = {
  H: 'high',
  L: 'low',
  N: 'normal',
};

/** A recorded sign or other sign as people read it. */
export function signLabel(sign: SignKey | OtherSign): string {
  return capitalize(humanize(sign));
}

/** A criterion's name in the protocol version, else its key in words. */
export function criterionName(
  protocol: ProtocolDefinition | null,
  key: CriterionKey,
): string {
  return (
    protocol?.criteria.find((c) => c.key === key)?.name ??
    capitalize(humanize(key))
  );
}

/** An item's name in running text, capitalised, else its key. */
export function itemShortName(
  protocol: ProtocolDefinition | null,
  key: string,
): string {
  return capitalize(
    protocol?.items.find((i) => i.key === key)?.shortName ?? humanize(key),
  );
}

/** Column abbreviations of the coverage matrix, as clinicians write them; the full name is the tooltip. */
const ITEM_ABBREVIATIONS: Readonly<Record<string, string>> = {
  emg_ncs: 'NCS/EMG',
  neuro_exam: 'Neuro',
  spep: 'SPEP',
  serum_ife: 'sIFE',
  urine_ife: 'uIFE',
  serum_flc: 'FLC',
  bone_marrow_biopsy: 'BMBx',
  vegf: 'VEGF',
  cbc: 'CBC',
  bone_imaging: 'Bone img',
  body_imaging: 'Body img',
  endocrine_panel: 'Endo',
  physical_exam: 'Exam',
  fundoscopy: 'Fundus',
  lymph_node_biopsy: 'LN Bx',
  lesion_biopsy: 'Lesion Bx',
  echocardiogram: 'Echo',
  pft: 'PFT',
};

/** An item's abbreviation, else its short name. */
export function itemAbbreviation(
  protocol: ProtocolDefinition | null,
  key: string,
): string {
  return ITEM_ABBREVIATIONS[key] ?? itemShortName(protocol, key);
}
