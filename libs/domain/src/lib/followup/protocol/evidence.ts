/*
 * Evidence labels and sources of the follow-up reference (shared/domain/poems-followup.md §8).
 * Sources are cited by id ([F1]…[F32], [S14], [S29]); the texts are abstracts unless stated.
 */

/**
 * How well a follow-up rule is supported:
 * - `V`: read in the source (mostly abstracts);
 * - `V2`: found in a secondary source only: shown as information, never as a decision rule;
 * - `D`: a tracker default: versioned and configurable, and shown to users as
 *   "tracker default, not a published criterion" wherever a result depends on it.
 *
 * The reference's fourth label, [U] (recalled, not verified), has no value here on purpose: an
 * unverified number is never encoded as a fixed rule. Where the reference adopts one as a default
 * it is a `D` rule.
 */
export const EVIDENCE_LABELS = ['V', 'V2', 'D'] as const;

/** The evidence label of a rule. */
export type EvidenceLabel = (typeof EVIDENCE_LABELS)[number];

/** What each label means, in the words shown to users. */
export const EVIDENCE_LABEL_TEXT: Readonly<Record<EvidenceLabel, string>> = {
  V: 'read in the published source',
  V2: 'secondary source only: information, not a rule',
  D: 'tracker default, not a published criterion',
};

/** The words shown beside every figure that depends on a `D` rule. */
export const TRACKER_DEFAULT_NOTICE = EVIDENCE_LABEL_TEXT.D;

/** Source ids of the follow-up reference. */
export const FOLLOWUP_SOURCE_IDS = [
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'F10',
  'F11',
  'F12',
  'F13',
  'F14',
  'F15',
  'F16',
  'F17',
  'F18',
  'F19',
  'F20',
  'F21',
  'F22',
  'F23',
  'F24',
  'F25',
  'F26',
  'F27',
  'F28',
  'F29',
  'F30',
  'F31',
  'F32',
  'S14',
  'S29',
] as const;

/** A source of the follow-up reference, cited as `[F1]`. */
export type FollowupSourceId = (typeof FOLLOWUP_SOURCE_IDS)[number];

/** A citation of the follow-up reference. */
export interface FollowupSource {
  readonly id: FollowupSourceId;
  readonly citation: string;
  /** A resolvable link (DOI, PubMed, PMC) where the reference gives an identifier. */
  readonly reference?: string;
  /** `V2` sources are secondary: what they alone support is information, never a rule. */
  readonly secondary?: true;
}

const doi = (id: string): string => `https://doi.org/${id}`;
const pubmed = (id: string): string => `https://pubmed.ncbi.nlm.nih.gov/${id}/`;
const pmc = (id: string): string =>
  `https://pmc.ncbi.nlm.nih.gov/articles/${id}/`;

/** Every source of the follow-up reference (§8), by id. */
export const FOLLOWUP_SOURCES: Readonly<
  Record<FollowupSourceId, FollowupSource>
> = {
  F1: {
    id: 'F1',
    citation:
      'Dispenzieri A. POEMS syndrome: 2012 update on diagnosis, risk-stratification, and management. Am J Hematol 2012;87(8):804–814.',
    reference: pubmed('22806697'),
  },
  F2: {
    id: 'F2',
    citation:
      'Dispenzieri A. POEMS syndrome: 2019 update. Am J Hematol 2019;94(7):812–827.',
    reference: doi('10.1002/ajh.25495'),
  },
  F3: {
    id: 'F3',
    citation: 'Dispenzieri A. POEMS syndrome: 2021 update. Am J Hematol 2021.',
    reference: doi('10.1002/ajh.26240'),
  },
  F4: {
    id: 'F4',
    citation:
      'Dispenzieri A. POEMS syndrome: update on diagnosis, risk-stratification, and management. Am J Hematol 2023.',
    reference: doi('10.1002/ajh.27081'),
  },
  F5: {
    id: 'F5',
    citation:
      'Dispenzieri A. How I treat POEMS syndrome. Blood 2012;119(24):5650–5658.',
    reference: pmc('PMC3425020'),
  },
  F6: {
    id: 'F6',
    citation:
      'Dispenzieri A. Ushering in a new era for POEMS. Blood 2011;117(24):6405 (commentary).',
  },
  F7: {
    id: 'F7',
    citation:
      "D'Souza A, et al. Long-term outcomes after autologous stem cell transplantation for patients with POEMS syndrome. Blood 2012;120(1):56–62.",
  },
  F8: {
    id: 'F8',
    citation:
      "D'Souza A, et al. Plasma VEGF in diagnosis and follow-up of POEMS. Blood 2011;118(17):4663.",
  },
  F9: {
    id: 'F9',
    citation:
      'Humeniuk MS, et al. Outcomes of patients with POEMS syndrome treated initially with radiation. Blood 2013;122(1):68–73.',
  },
  F10: {
    id: 'F10',
    citation:
      'Kourelis TV, et al. Risk factors for and outcomes of patients with POEMS syndrome who experience progression after first-line treatment. Leukemia 2016;30(5):1079–1085.',
    reference: doi('10.1038/leu.2015.344'),
  },
  F11: {
    id: 'F11',
    citation:
      'Wang C, et al. Prognostic study for overall survival in patients with newly diagnosed POEMS syndrome. Leukemia 2016.',
    reference: doi('10.1038/leu.2016.168'),
  },
  F12: {
    id: 'F12',
    citation:
      'Li J, et al. Pulmonary hypertension in POEMS syndrome. Haematologica 2013;98(3):393–398.',
    reference: pubmed('22983590'),
  },
  F13: {
    id: 'F13',
    citation:
      'Renal impairment in 299 patients with POEMS syndrome, Peking Union Medical College Hospital (2015).',
    reference: pubmed('26130736'),
  },
  F14: {
    id: 'F14',
    citation:
      "D'Sa S, et al. Comprehensive diagnosis and management of POEMS syndrome. HemaSphere 2022;6(11):e796.",
    reference: pmc('PMC9624442'),
  },
  F15: {
    id: 'F15',
    citation:
      'Keddie S, et al. Neurology 2020;95(3):e268 (UCLH cohort of 100 patients).',
  },
  F16: {
    id: 'F16',
    citation: 'Misawa S, et al. BMJ Open 2015;5(11):e009157.',
    reference: pubmed('26560063'),
  },
  F17: {
    id: 'F17',
    citation: 'Gentile F, et al. Neurol Sci 2024;45(2):727–733.',
    reference: pmc('PMC10791858'),
  },
  F18: {
    id: 'F18',
    citation: 'Zhao H, et al. Blood Cancer J 2018;8(4):37.',
    reference: pmc('PMC5884844'),
  },
  F19: {
    id: 'F19',
    citation:
      'Li J, et al. Melphalan plus dexamethasone in newly diagnosed POEMS syndrome. Blood 2011;117(24):6445.',
  },
  F20: {
    id: 'F20',
    citation: 'ASCT vs MDex vs LDex first-line, 347 patients. Leukemia 2019.',
    reference: doi('10.1038/s41375-019-0391-2'),
  },
  F21: {
    id: 'F21',
    citation: 'Karam C, et al. Neurology 2015;84(19):1981–1987.',
    reference: pmc('PMC4433461'),
  },
  F22: {
    id: 'F22',
    citation:
      'Graham RC, Hughes RAC. The Overall Neuropathy Limitations Scale. JNNP 2006;77(8):973–976.',
  },
  F23: {
    id: 'F23',
    citation:
      'CIBMTR Forms Instruction Manual, "Amyloidosis Response Criteria".',
  },
  F24: {
    id: 'F24',
    citation:
      'French phase II lenalidomide–dexamethasone abstract. Blood 2014;124(21):36 (ASH).',
  },
  F25: {
    id: 'F25',
    citation: 'JSHCT ASCT registry abstract. Blood 2014;124(21):3970 (ASH).',
  },
  F26: {
    id: 'F26',
    citation: 'Peking Union ASCT abstract. Blood 2016;128(22):2259 (ASH).',
  },
  F27: {
    id: 'F27',
    citation: 'Nozza A. Mediterr J Hematol Infect Dis 2017;9:e2017051.',
  },
  F28: { id: 'F28', citation: 'Suh YG, et al. Radiat Oncol 2014;9:265.' },
  F29: {
    id: 'F29',
    citation: 'Li J, et al. Eur J Haematol 2015;95(4):325–330.',
    reference: pubmed('25401269'),
  },
  F30: {
    id: 'F30',
    citation: 'Cook G, et al. Haematologica 2017;102(1):160–167.',
    reference: pubmed('27634201'),
  },
  F31: {
    id: 'F31',
    citation: 'poemssyndrome.info, "2013 articles" page.',
    secondary: true,
  },
  F32: {
    id: 'F32',
    citation: 'WikiDoc, POEMS prognosis page.',
    secondary: true,
  },
  S14: {
    id: 'S14',
    citation:
      'Mayo Clinic Laboratories, VEGF plasma test catalog entry: reference value ≤ 96.2 pg/mL.',
  },
  S29: {
    id: 'S29',
    citation:
      'Pan Q, et al. J Nucl Med 2015;56:1334 (FDG PET/CT in 91 patients).',
  },
};
