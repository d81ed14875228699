import type { CriterionGroup, CriterionKey, OtherSign } from './criteria';

/** The kinds of workup item, used to group the checklist. */
export const ITEM_KINDS = ['lab', 'imaging', 'procedure', 'study', 'exam'] as const;

/** Kind of a workup item. */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** A code from a standard terminology, as used in FHIR `Coding`. */
export interface Code {
  readonly system: 'http://loinc.org' | 'http://www.ama-assn.org/go/cpt';
  readonly code: string;
  readonly display: string;
}

/** A published source a piece of protocol data rests on. */
export interface Citation {
  readonly label: string;
  /** A resolvable link (PMC or DOI) where one was verified; otherwise the label is the reference. */
  readonly reference?: string;
}

/** One criterion of a criteria set. */
export interface CriterionDefinition {
  readonly key: CriterionKey;
  readonly name: string;
  readonly group: CriterionGroup;
  /**
   * The name inside a sentence when it differs from the name with its first letter lowered
   * (eponyms and acronyms keep their capitals: "Castleman disease", "VEGF elevation").
   */
  readonly nameInText?: string;
  /** What counts as meeting it, in the words of the source. */
  readonly whatCounts: string;
}

/**
 * How a structured result is turned into findings. Each rule reads only the result fields it
 * names; findings entered by a hematologist override what a rule infers.
 */
export type InferenceRule =
  | 'vegf_by_specimen'
  | 'cbc_upper_limits'
  | 'immunofixation_chain'
  | 'clonal_plasma_cells'
  | 'm_spike'
  | 'free_light_chain_ratio'
  | 'endocrine_axes'
  | 'bone_lesions'
  | 'recorded_signs';

/** Structured result fields beyond values, report and findings, each accepted by some items only. */
export type ResultField =
  | 'specimen'
  | 'chains'
  | 'clones'
  | 'axes'
  | 'lesions'
  | 'modality'
  | 'signs'
  | 'confounders';

/**
 * When the evaluation offers a conditional item (next test `activate`) because of what other items
 * found, e.g. the lesion biopsy once sclerotic lesions are found while the marrow showed no clone
 * (domain reference §2b).
 */
export interface OfferCondition {
  /** This criterion is met … */
  readonly criterionMet: CriterionKey;
  /** … and each of these items is done without a present finding for the criteria the offered item establishes. */
  readonly notFoundBy: readonly string[];
  /** In words, for the explanations ("sclerotic lesions were found while the marrow showed no clone"). */
  readonly because: string;
}

/** An item of the workup catalog. */
export interface CatalogItem {
  readonly key: string;
  readonly name: string;
  /** The name in running text ("VEGF", "serum immunofixation"). */
  readonly shortName: string;
  readonly kind: ItemKind;
  /** Required items are always on the checklist; conditional ones only once activated. */
  readonly required: boolean;
  /** For conditional items: the recorded sign that activates the item automatically. */
  readonly activatedBySign?: 'lymphadenopathy';
  /** For conditional items offered (never activated automatically) when other findings call for them. */
  readonly offeredWhen?: OfferCondition;
  /**
   * Rank in the order of next tests: lower comes first (domain reference §2b). Unique within a
   * protocol version.
   */
  readonly priority: number;
  /** A positive finding from this item meets these criteria. */
  readonly establishes: readonly CriterionKey[];
  /** Findings for these criteria are shown as evidence but never meet them alone. */
  readonly supports: readonly CriterionKey[];
  /** Other signs (never counted) this item is the usual source of. */
  readonly otherSigns: readonly OtherSign[];
  readonly codes: readonly Code[];
  readonly inference: readonly InferenceRule[];
  readonly resultFields: readonly ResultField[];
  /** Short guidance shown with the item. */
  readonly note?: string;
}

/** Sex-specific upper limits, used when the laboratory sends no upper limit of its own. */
export interface SexSpecificLimit {
  readonly female: number;
  readonly male: number;
}

/**
 * Numeric defaults of the inference rules. The criteria themselves set no numbers for platelets,
 * haemoglobin or organ size (domain reference §1): the recording laboratory's reference range
 * always wins, these only fill in when it is missing.
 */
export interface Thresholds {
  /** Plasma VEGF at or above this (pg/mL) is inferred present. */
  readonly vegfPlasmaPgPerMl: number;
  /** Platelet upper limit of normal, 10^9/L. */
  readonly plateletUln: number;
  /** Haemoglobin upper limit of normal, g/dL. */
  readonly hemoglobinUln: SexSpecificLimit;
  /** Haematocrit upper limit of normal, %. */
  readonly hematocritUln: SexSpecificLimit;
  /** Serum free light chain κ/λ ratio reference interval. */
  readonly flcRatio: { readonly low: number; readonly high: number };
}

/** A versioned criteria set with its workup catalog. Stored workups name the version they used. */
export interface ProtocolDefinition {
  readonly key: string;
  readonly version: number;
  readonly name: string;
  readonly effectiveFrom: string;
  /** The diagnostic rule in words, as shown to clinicians. */
  readonly rule: string;
  readonly criteria: readonly CriterionDefinition[];
  readonly otherSigns: readonly OtherSign[];
  readonly items: readonly CatalogItem[];
  readonly thresholds: Thresholds;
  readonly conditionCodes: readonly { readonly system: string; readonly code: string; readonly display: string }[];
  readonly sources: readonly Citation[];
}
