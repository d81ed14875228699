import type { Code } from '../../protocol/protocol.types';
import type { TimePointKey } from '../response/response-vocabulary';
import { FOLLOWUP_SOURCES } from './evidence';
import type {
  FollowupProtocolDefinition,
  FollowupRuleDefinition,
  TimePointDefinition,
} from './followup-protocol.types';

/*
 * Protocol `poems-followup`, version 1: staging, risk, treatment lines and response follow-up.
 * Source: the project's follow-up reference (shared/domain/poems-followup.md), which cites the
 * papers by id ([F1]…). Every rule carries the reference's evidence label. Rules the reference
 * states without a label or a source (nadir, category order, relapse, superseding) are the
 * tracker's own and labelled `D`: nothing without a source is presented as published.
 *
 * Released versions are never edited: a change is a new version beside this one.
 */

const loinc = (code: string, display: string): Code => ({
  system: 'http://loinc.org',
  code,
  display,
});

const RULES: readonly FollowupRuleDefinition[] = [
  // §1 Scope and vocabulary
  {
    id: 'anchor',
    name: 'Time-point anchor',
    label: 'D',
    section: '§1',
    statement:
      'Time points count from the end date of a radiation line, the transplant (stem-cell infusion) date of an ' +
      'ASCT line and the start date of every other line. A line without its anchor yet has no time points.',
    sources: ['F1', 'F2', 'F7'],
  },
  {
    id: 'baseline_window',
    name: 'Baseline window',
    label: 'D',
    section: '§1',
    statement:
      'The baseline of a domain is its latest done result dated from 90 days before the start date up to the ' +
      'start date, both inclusive. Without one the domain is not evaluable for the whole line.',
    sources: [],
  },
  {
    id: 'time_points',
    name: 'Time points and windows',
    label: 'D',
    section: '§1',
    statement:
      'Mk = anchor + k calendar months (day clamped to the month’s end), k = 3, 6, 12, 18, 24, then yearly to ' +
      '120. Windows ±30 days at M3, ±45 at M6, ±60 from M12; the due date is target + half-width. A result ' +
      'belongs to Mk when dated from the opening of Mk’s window to the day before Mk+1’s window opens.',
    sources: [],
  },
  {
    id: 'time_point_result',
    name: 'Time-point result',
    label: 'D',
    section: '§1',
    statement:
      'The Mk result is the one nearest the target date (a tie goes to the later one). Other results in the ' +
      'same range are additional: used for the nadir and confirmation, never for the Mk category.',
    sources: [],
  },
  {
    id: 'interim_results',
    name: 'Interim and on-treatment results',
    label: 'D',
    section: '§1',
    statement:
      'Results after the anchor and before the M3 window opens are interim: they count toward the nadir but ' +
      'are never categorized. Results after the start date and before the anchor are on-treatment: shown only.',
    sources: ['F24'],
  },
  {
    id: 'nadir',
    name: 'Nadir',
    label: 'D',
    section: '§1',
    statement:
      'The nadir is the lowest value among the baseline and every earlier post-anchor result of the line ' +
      '(VEGF: same specimen only; an absent M-spike counts as 0 g/dL).',
    sources: [],
  },
  {
    id: 'category_order',
    name: 'Category order',
    label: 'D',
    section: '§1',
    statement:
      'Categories are tried in the order not evaluable, progression, CR, PR, stable (neurological: progression, ' +
      'improved, stable); the first that applies wins.',
    sources: [],
  },
  {
    id: 'confirmation',
    name: 'Confirmation of progression',
    label: 'D',
    section: '§1',
    statement:
      'VEGF, hematologic and neurological progression is unconfirmed until the next result of the domain: ' +
      'confirmed if it also meets progression, not confirmed otherwise. Radiographic progression is confirmed ' +
      'at once. Evaluated as of the evaluation date.',
    sources: [],
  },
  {
    id: 'relapse',
    name: 'Relapse',
    label: 'D',
    section: '§1',
    statement:
      'A progression in a domain whose best earlier category in the line was CR is a relapse.',
    sources: [],
  },
  {
    id: 'line_superseding',
    name: 'Superseded line',
    label: 'D',
    section: '§1',
    statement:
      'Recording line n+1 closes line n’s schedule: its open instances are cancelled (superseded_by_line), and ' +
      'results from line n+1’s start date on belong to line n+1.',
    sources: [],
  },
  // §2 Staging
  {
    id: 'staging_rule',
    name: 'Staging rule',
    label: 'V',
    section: '§2',
    statement:
      'Marrow clone present → disseminated; lesions diffuse or above the limit → disseminated; marrow not done ' +
      'or lesion count unknown → indeterminate; no lesion → no focal lesion; otherwise (lesions within the ' +
      'limit, iliac-crest marrow without a clone) → limited.',
    sources: ['F1', 'F2', 'F4', 'F9'],
  },
  {
    id: 'limited_max_lesions',
    name: 'Lesions that still count as limited',
    label: 'D',
    section: '§2',
    statement:
      'Limited disease has at most 3 lesions (protocol parameter; 2 is the alternative).',
    sources: ['F9', 'F24', 'F2', 'F4', 'F28'],
    note:
      'Sources disagree: 1–3 lesions (Mayo [F9]); one or two (LEN-DEX [F24]); a dominant plasmacytoma ' +
      '([F2][F4]); lesions one radiation field covers ([F28]). Mayo irradiated up to 6.',
  },
  {
    id: 'extramedullary_in_total',
    name: 'Extramedullary plasmacytomas in the lesion total',
    label: 'D',
    section: '§2',
    statement:
      'Biopsy-proven extramedullary plasmacytomas add to the bone lesion count.',
    sources: [],
  },
  {
    id: 'consider_systemic_therapy',
    name: 'Consider systemic therapy after radiation',
    label: 'V',
    section: '§2',
    statement:
      'For limited disease treated with radiation, a progression in any domain on or after the opening of the ' +
      'M3 window raises the flag consider_systemic_therapy: the AJH updates give systemic therapy to patients ' +
      '"who have progression of their disease 3 to 6 months after completing radiation therapy".',
    sources: ['F1', 'F2'],
  },
  {
    id: 'severe_organ_dysfunction_flag',
    name: 'Severe organ dysfunction',
    label: 'V',
    section: '§2',
    statement:
      'Severe organ dysfunction, asserted by a hematologist, is shown as a flag only; the Beijing group gave ' +
      'induction before ASCT to such patients.',
    sources: ['F26'],
  },
  {
    id: 'reduced_dlco_information',
    name: 'Reduced DLCO (information)',
    label: 'V2',
    section: '§2',
    statement:
      'Salvage therapy after radiation was more likely with reduced DLCO [F9]; the cut-off DLCO < 75% predicted ' +
      'appears only in a secondary source, so it raises an information flag, never a rule.',
    sources: ['F9', 'F31'],
  },
  {
    id: 'raised_urine_protein_information',
    name: 'Raised urine total protein (information)',
    label: 'V2',
    section: '§2',
    statement:
      'Salvage therapy after radiation was more likely with raised urine total protein [F9]; the cut-off ' +
      '≥ 0.093 g/24 h appears only in a secondary source, so it raises an information flag, never a rule.',
    sources: ['F9', 'F31'],
  },
  // §3 Risk
  {
    id: 'beijing_factor_count',
    name: 'Risk grouping beijing-factor-count v1',
    label: 'D',
    section: '§3',
    statement:
      'Score = the number of Beijing factors present: 0 → low, 1 → intermediate, ≥ 2 → high. Unknown inputs ' +
      'give a minimum (counted absent) and a maximum (counted present); different groups → indeterminate.',
    sources: ['F11'],
    note: 'The published point weights and group cut-offs of Wang 2016 were not read; no survival figures are shown.',
  },
  {
    id: 'risk_input_window',
    name: 'Risk input window',
    label: 'D',
    section: '§3',
    statement:
      'Each input is the latest value dated from 90 days before diagnosis up to the later of the diagnosis date ' +
      'and the first line’s start date; with no line yet, up to 60 days after diagnosis.',
    sources: [],
  },
  {
    id: 'age_gt_50',
    name: 'Age over 50',
    label: 'V',
    section: '§3',
    statement: 'Age above 50 years at diagnosis is a Beijing factor (HR 4.07).',
    sources: ['F11'],
  },
  {
    id: 'age_completed_years',
    name: 'Age in completed years',
    label: 'D',
    section: '§3',
    statement:
      'Age is counted in completed years at the diagnosis date, so age 50 does not count.',
    sources: [],
  },
  {
    id: 'pulmonary_hypertension_rvsp',
    name: 'Pulmonary hypertension by echo',
    label: 'V',
    section: '§3',
    statement:
      'Pulmonary hypertension = echo-estimated PA systolic pressure (RVSP) ≥ 50 mmHg (HR 3.99).',
    sources: ['F12', 'F11'],
    note: 'The same centre’s definition in Li 2013 [F12]; that Wang 2016 used it is not verified.',
  },
  {
    id: 'pleural_effusion_any_imaging',
    name: 'Pleural effusion on any imaging',
    label: 'D',
    section: '§3',
    statement:
      'Pleural effusion of any size on any imaging (body imaging, CT of skeletal imaging, chest film, ultrasound).',
    sources: ['F11'],
  },
  {
    id: 'egfr_lt_30',
    name: 'eGFR below 30',
    label: 'V',
    section: '§3',
    statement:
      'eGFR < 30 mL/min/1.73 m² (strictly less) is a Beijing factor (HR 8.25); 30–59 did not predict inferior survival.',
    sources: ['F11', 'F13'],
  },
  {
    id: 'low_albumin',
    name: 'Low albumin (shown, not counted)',
    label: 'V2',
    section: '§3',
    statement:
      'Low albumin at diagnosis predicted progression in the Mayo series [F10]; the cut-off < 3.2 g/dL appears only ' +
      'in a secondary source. Shown beside the group, never counted.',
    sources: ['F10', 'F32'],
  },
  // §5.1 VEGF
  {
    id: 'vegf_same_specimen',
    name: 'VEGF compared within one specimen',
    label: 'V',
    section: '§5.1',
    statement:
      'VEGF is compared only with a baseline of the same specimen (plasma preferred); a result of the other ' +
      'specimen is shown, never categorized.',
    sources: ['F5', 'F8', 'F14'],
  },
  {
    id: 'vegf_uln',
    name: 'VEGF upper limit of normal',
    label: 'V',
    section: '§5.1',
    statement:
      'Each VEGF result is compared with the upper limit of normal stored with it (or its laboratory flag); ' +
      'Mayo plasma: ≤ 96.2 pg/mL.',
    sources: ['S14'],
  },
  {
    id: 'vegf_serum_normalisation_cutoff',
    name: 'Serum VEGF normalisation cut-off',
    label: 'D',
    section: '§5.1',
    statement:
      'For serum, the protocol may use a normalisation cut-off of 1000 pg/mL [F17] or 1040 pg/mL [F16] instead ' +
      'of the laboratory’s upper limit (parameter; default: the laboratory’s).',
    sources: ['F16', 'F17'],
  },
  {
    id: 'vegf_baseline_elevated',
    name: 'VEGF baseline above normal',
    label: 'D',
    section: '§5.1',
    statement:
      'VEGF response is evaluable only when the baseline is above the upper limit of normal.',
    sources: [],
  },
  {
    id: 'vegf_normalisation',
    name: 'VEGF normalisation (CR)',
    label: 'V',
    section: '§5.1',
    statement:
      'CR = VEGF at or below the upper limit of normal: "complete" or "normalised" VEGF response is prognostic.',
    sources: ['F16', 'F17', 'F18'],
  },
  {
    id: 'vegf_partial_response',
    name: 'VEGF partial response (≤ 50% of baseline)',
    label: 'D',
    section: '§5.1',
    statement: 'PR = VEGF ≤ 0.5 × baseline.',
    sources: ['F7', 'F25', 'F17'],
    note: 'The 50% threshold is recalled from the Mayo system [F7] (reused by [F25]), not verified; [F17] reports "partial" without defining it.',
  },
  {
    id: 'vegf_progression',
    name: 'VEGF progression (≥ 1.5 × nadir)',
    label: 'D',
    section: '§5.1',
    statement:
      'Progression = VEGF ≥ 1.5 × nadir and above the upper limit of normal.',
    sources: ['F7'],
    note: 'The threshold is recalled from the Mayo system [F7], not verified.',
  },
  // §5.2 Hematologic
  {
    id: 'hematologic_baseline_class',
    name: 'Hematologic baseline class',
    label: 'D',
    section: '§5.2',
    statement:
      'Measurable = serum M-spike > 0.5 g/dL or dFLC > 100 mg/L; IFE-only = serum or urine IFE positive but ' +
      'not measurable; serum and urine IFE both negative → not evaluable.',
    sources: ['F23'],
    note: 'Modelled on the amyloid hematologic criteria [F23]; that Mayo applies them to POEMS is not verified.',
  },
  {
    id: 'hematologic_progression',
    name: 'Hematologic progression',
    label: 'D',
    section: '§5.2',
    statement:
      'Progression: after CR, a monoclonal protein reappears on serum or urine IFE; or M-spike ≥ 1.5 × nadir ' +
      'and > 0.5 g/dL; or dFLC ≥ 1.5 × nadir and > 100 mg/L.',
    sources: ['F23'],
  },
  {
    id: 'hematologic_complete_response',
    name: 'Hematologic CR',
    label: 'D',
    section: '§5.2',
    statement:
      'CR: serum and urine IFE negative; a κ/λ ratio back in range if it was abnormal at baseline; no iliac-crest ' +
      'marrow in the range shows a clone. Serum IFE negative with a required test missing → not evaluable ' +
      '(CR workup incomplete) unless PR applies.',
    sources: ['F23', 'F7', 'F10'],
    note: 'No VGPR: the amyloid dFLC < 40 mg/L rule [F23] does not fit POEMS, where the FLC ratio is normal in 82% [F6].',
  },
  {
    id: 'hematologic_partial_response',
    name: 'Hematologic PR',
    label: 'D',
    section: '§5.2',
    statement:
      'PR (measurable baseline only): M-spike ≤ 0.5 × baseline when it was > 0.5 g/dL, or dFLC ≤ 0.5 × baseline when it was > 100 mg/L.',
    sources: ['F23'],
  },
  // §5.3 Radiographic
  {
    id: 'radiographic_pet_only',
    name: 'Radiographic response by FDG-PET only',
    label: 'D',
    section: '§5.3',
    statement:
      'Radiographic response is evaluable only when the baseline PET shows at least one FDG-avid lesion and the ' +
      'current study is a PET; CT-only reads are not categorized.',
    sources: ['F7', 'S29'],
  },
  {
    id: 'radiographic_categories',
    name: 'Radiographic categories',
    label: 'D',
    section: '§5.3',
    statement:
      'Progression = a new lesion or a worse read; CR = no FDG-avid lesion; PR = improved; stable = unchanged.',
    sources: ['F7'],
    note: 'No published SUV thresholds were found.',
  },
  // §5.4 Neurological
  {
    id: 'neurological_onls',
    name: 'Neurological response by ONLS',
    label: 'V',
    section: '§5.4',
    statement:
      'The ONLS (arm 0–5 + leg 0–7) is the neurological response measure; the mRS is shown as a trend, not ' +
      'categorized.',
    sources: ['F15', 'F19', 'F29', 'F22', 'F21'],
  },
  {
    id: 'neurological_one_point_step',
    name: 'ONLS one-point step',
    label: 'D',
    section: '§5.4',
    statement:
      'Progression = ONLS ≥ nadir + 1; improved = ONLS ≤ baseline − 1; stable otherwise.',
    sources: [],
    note: 'The studies’ definitions of neurological response were not read.',
  },
  // §5.5 Summary and event
  {
    id: 'summary',
    name: 'Time-point summary',
    label: 'D',
    section: '§5.5',
    statement:
      'The first that applies: progression (a confirmed progression), progression unconfirmed, response (a CR, ' +
      'PR or improved), stable (a domain evaluable; a progression not confirmed counts only as evaluable), ' +
      'not evaluable. Not a published composite.',
    sources: ['F9', 'F14'],
  },
  {
    id: 'relapse_event',
    name: 'Relapse/progression event',
    label: 'D',
    section: '§5.5',
    statement:
      'One event per line, dated at the first result of the confirming sequence; its types are the domains with a ' +
      'confirmed progression (neurological = clinical); symptomatic when clinical is among them.',
    sources: ['F10'],
  },
  // §6 Schedule
  {
    id: 'followup_schedule',
    name: 'Follow-up schedule',
    label: 'D',
    section: '§6',
    statement:
      'Follow-up items, their time points and conditions as in the schedule table; one instance per item per ' +
      'time point, due at the end of its window, closed by the first done result in the time point’s range.',
    sources: ['F16', 'F17', 'F19', 'F10', 'F21'],
  },
];

const tp = (months: number, halfWidthDays: number): TimePointDefinition => ({
  key: `M${months}`,
  months,
  halfWidthDays,
});

const YEARLY_FROM_36: readonly TimePointKey[] = [
  'M36',
  'M48',
  'M60',
  'M72',
  'M84',
  'M96',
  'M108',
  'M120',
];
const CORE_SCHEDULE: readonly TimePointKey[] = [
  'M3',
  'M6',
  'M12',
  'M18',
  'M24',
  ...YEARLY_FROM_36,
];
const YEARLY_FROM_12: readonly TimePointKey[] = [
  'M12',
  'M24',
  ...YEARLY_FROM_36,
];

/** The first version of the POEMS follow-up protocol. */
export const POEMS_FOLLOWUP_V1: FollowupProtocolDefinition = {
  key: 'poems-followup',
  version: 1,
  name: 'POEMS syndrome — staging, risk and response follow-up',
  effectiveFrom: '2026-01-01',
  rules: RULES,
  parameters: [
    {
      key: 'limited_max_lesions',
      name: 'Lesions that still count as limited',
      rule: 'limited_max_lesions',
      default: 3,
      allowed: [3, 2],
      description:
        'Mayo irradiated 1–3 lesions [F9]; the French LEN-DEX protocol one or two [F24].',
    },
    {
      key: 'vegf_serum_normalisation_cutoff',
      name: 'Serum VEGF normalisation cut-off',
      rule: 'vegf_serum_normalisation_cutoff',
      default: 'lab_uln',
      allowed: ['lab_uln', 1000, 1040],
      description:
        "The laboratory's upper limit, or 1000 pg/mL [F17] or 1040 pg/mL [F16] for serum.",
    },
  ],
  anchors: {
    radiation: 'end_date',
    asct_melphalan: 'transplant_date',
    lenalidomide_dexamethasone: 'start_date',
    melphalan_dexamethasone: 'start_date',
    other: 'start_date',
  },
  baselineWindowDays: 90,
  timePoints: [
    tp(3, 30),
    tp(6, 45),
    tp(12, 60),
    tp(18, 60),
    tp(24, 60),
    tp(36, 60),
    tp(48, 60),
    tp(60, 60),
    tp(72, 60),
    tp(84, 60),
    tp(96, 60),
    tp(108, 60),
    tp(120, 60),
  ],
  confirmation: {
    byNextResult: ['vegf', 'hematologic', 'neurological'],
    immediate: ['radiographic'],
  },
  thresholds: {
    vegf: { progressionFactor: 1.5, partialResponseFactor: 0.5 },
    hematologic: {
      measurableMSpikeGPerDl: 0.5,
      measurableDflcMgPerL: 100,
      progressionFactor: 1.5,
      partialResponseFactor: 0.5,
      // Katzmann JA et al., Clin Chem 2002;48:1437: serum FLC κ/λ ratio 0.26–1.65, as in the workup.
      flcRatioDefault: { low: 0.26, high: 1.65 },
    },
    neurological: { progressionStep: 1, improvementStep: 1 },
    risk: { ageYears: 50, paspMmHg: 50, egfr: 30, albuminGPerDl: 3.2 },
    information: { dlcoPercentPredicted: 75, urineProteinGPer24h: 0.093 },
  },
  riskScore: {
    key: 'beijing-factor-count',
    version: 1,
    label:
      'tracker grouping of the Wang 2016 factors, not the published nomogram',
    groups: [
      { from: 0, group: 'low' },
      { from: 1, group: 'intermediate' },
      { from: 2, group: 'high' },
    ],
  },
  riskInputWindow: { daysBefore: 90, daysAfterWithoutLine: 60 },
  stagingImplications: {
    limited: [
      {
        text: 'The published first-line approach is radiation to the lesion(s).',
        sources: ['F2', 'F4', 'F9', 'F27'],
      },
      {
        text:
          'Mayo irradiated 1 to 3 bone lesions with negative bone marrows (38 of 146 patients, median 45 Gy; 4-year ' +
          'OS 97%, EFS 52%); three lesions did not raise the failure risk compared with one or two.',
        sources: ['F9'],
      },
      {
        text:
          'Systemic therapy is given to patients "who have progression of their disease 3 to 6 months after ' +
          'completing radiation therapy": the tracker raises consider_systemic_therapy when a domain progresses ' +
          'once the M3 window has opened.',
        sources: ['F1', 'F2'],
      },
    ],
    disseminated: [
      {
        text: 'Systemic therapy. Alkylators (low-dose, or high-dose melphalan with ASCT) and lenalidomide are the mainstays.',
        sources: ['F4'],
      },
      {
        text:
          'Patients whose iliac crest bone marrow biopsy shows a clone, or with more extensive disease, are ' +
          'candidates for systemic therapy.',
        sources: ['F1'],
      },
    ],
    no_focal_lesion: [
      {
        text: 'There is nothing to irradiate: systemic therapy is indicated in the "absence of any bone lesion".',
        sources: ['F24'],
      },
    ],
    indeterminate: [
      {
        text:
          'Radiation is for lesions within the limit with an iliac crest marrow free of clone; until the missing ' +
          'inputs are recorded the choice cannot be supported.',
        sources: ['F1', 'F9'],
      },
    ],
  },
  items: [
    {
      key: 'vegf',
      name: 'VEGF, same specimen as baseline',
      shortName: 'VEGF',
      domain: 'vegf',
      codes: [
        loinc(
          '75628-8',
          'Vascular endothelial growth factor [Mass/volume] in Serum or Plasma',
        ),
      ],
    },
    {
      key: 'serum_ife',
      name: 'Serum immunofixation',
      shortName: 'serum immunofixation',
      domain: 'hematologic',
      codes: [loinc('25700-6', 'Immunofixation for Serum')],
    },
    {
      key: 'serum_flc',
      name: 'Serum free light chains κ, λ, κ/λ ratio',
      shortName: 'serum free light chains',
      domain: 'hematologic',
      codes: [
        loinc('36916-5', 'Kappa light chains.free [Mass/volume] in Serum'),
        loinc('33944-0', 'Lambda light chains.free [Mass/volume] in Serum'),
        loinc(
          '48378-4',
          'Kappa light chains.free/Lambda light chains.free [Mass Ratio] in Serum',
        ),
      ],
    },
    {
      key: 'spep',
      name: 'Serum protein electrophoresis (M-spike)',
      shortName: 'serum protein electrophoresis',
      domain: 'hematologic',
      codes: [loinc('33358-3', 'Protein electrophoresis panel - Serum')],
    },
    {
      key: 'urine_ife',
      name: '24-h urine protein electrophoresis + immunofixation',
      shortName: 'urine immunofixation',
      domain: 'hematologic',
      codes: [],
    },
    {
      key: 'bone_marrow_biopsy',
      name: 'Bone marrow biopsy (iliac crest)',
      shortName: 'bone marrow biopsy',
      domain: 'hematologic',
      codes: [],
    },
    {
      key: 'bone_imaging',
      name: 'FDG-PET/CT',
      shortName: 'PET/CT',
      domain: 'radiographic',
      codes: [],
    },
    {
      key: 'neuro_exam',
      name: 'Neurological examination (ONLS, mRS)',
      shortName: 'neurological examination',
      domain: 'neurological',
      codes: [],
    },
    {
      key: 'cbc',
      name: 'Complete blood count with differential',
      shortName: 'complete blood count',
      codes: [
        loinc('777-3', 'Platelets [#/volume] in Blood by Automated count'),
        loinc('718-7', 'Hemoglobin [Mass/volume] in Blood'),
      ],
    },
    {
      key: 'physical_exam',
      name: 'Skin and volume examination',
      shortName: 'physical examination',
      codes: [],
    },
    {
      key: 'chemistry_panel',
      name: 'Chemistry: creatinine with eGFR (method recorded), albumin',
      shortName: 'chemistry panel',
      newInFollowup: true,
      codes: [
        loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'),
        loinc(
          '98979-8',
          'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI 2021)',
        ),
        loinc(
          '62238-1',
          'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)',
        ),
        loinc(
          '33914-3',
          'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)',
        ),
        loinc('1751-7', 'Albumin [Mass/volume] in Serum or Plasma'),
      ],
    },
    {
      key: 'emg_ncs',
      name: 'Nerve conduction studies + needle EMG',
      shortName: 'nerve conduction studies / EMG',
      codes: [],
    },
    {
      key: 'endocrine_panel',
      name: 'Endocrine panel',
      shortName: 'endocrine panel',
      codes: [],
    },
    {
      key: 'echocardiogram',
      name: 'Echocardiogram (PASP)',
      shortName: 'echocardiogram',
      codes: [],
    },
    {
      key: 'pft',
      name: 'Pulmonary function tests (DLCO)',
      shortName: 'pulmonary function tests',
      codes: [],
    },
    {
      key: 'fundoscopy',
      name: 'Fundoscopy / ophthalmology review',
      shortName: 'fundoscopy',
      codes: [],
    },
  ],
  schedule: [
    {
      itemKey: 'vegf',
      timePoints: CORE_SCHEDULE,
      condition: 'always',
      note: 'Same specimen as the baseline.',
    },
    { itemKey: 'serum_ife', timePoints: CORE_SCHEDULE, condition: 'always' },
    { itemKey: 'serum_flc', timePoints: CORE_SCHEDULE, condition: 'always' },
    { itemKey: 'cbc', timePoints: CORE_SCHEDULE, condition: 'always' },
    {
      itemKey: 'physical_exam',
      timePoints: CORE_SCHEDULE,
      condition: 'always',
    },
    {
      itemKey: 'neuro_exam',
      timePoints: CORE_SCHEDULE,
      condition: 'always',
      note: 'Record the ONLS (arm, leg) and the mRS.',
    },
    {
      itemKey: 'spep',
      timePoints: CORE_SCHEDULE,
      condition: 'baseline_m_spike_present',
    },
    {
      itemKey: 'urine_ife',
      timePoints: ['M6', ...YEARLY_FROM_12],
      condition: 'always',
      note: 'A hematologic CR needs it.',
    },
    {
      itemKey: 'chemistry_panel',
      timePoints: CORE_SCHEDULE,
      condition: 'always',
    },
    {
      itemKey: 'bone_imaging',
      timePoints: ['M6', 'M12', 'M24', 'M36', 'M48', 'M60'],
      condition: 'baseline_pet_avid',
      note: 'FDG-PET/CT (modality pet_ct) with the reader fields.',
    },
    {
      itemKey: 'bone_marrow_biopsy',
      timePoints: ['M12'],
      condition: 'baseline_marrow_clone',
      note: 'Iliac crest. A hematologist can activate it to confirm a CR.',
    },
    { itemKey: 'emg_ncs', timePoints: ['M12', 'M24'], condition: 'always' },
    {
      itemKey: 'endocrine_panel',
      timePoints: YEARLY_FROM_12,
      condition: 'baseline_abnormal_axis',
    },
    {
      itemKey: 'echocardiogram',
      timePoints: ['M6', 'M12'],
      condition: 'baseline_pasp_ge_50',
    },
    {
      itemKey: 'pft',
      timePoints: ['M12'],
      condition: 'baseline_dlco_abnormal',
    },
    {
      itemKey: 'fundoscopy',
      timePoints: ['M6'],
      condition: 'baseline_papilledema',
    },
  ],
  sources: FOLLOWUP_SOURCES,
};
