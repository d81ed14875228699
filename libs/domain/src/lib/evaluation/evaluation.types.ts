import type {
  CriterionGroup,
  CriterionKey,
  OtherSign,
} from '../protocol/criteria';
import type { SignKey } from '../protocol/signs';
import type { Finding } from '../workup/findings';
import type { ItemStatus } from '../workup/item-status';
import type {
  Clone,
  HeavyChain,
  LightChain,
  Specimen,
} from '../workup/result';

/** What the evaluation needs of one workup item. */
export interface EvaluationItem {
  readonly key: string;
  readonly status: ItemStatus;
  /** Required items are always active; conditional ones once activated. */
  readonly active: boolean;
  /** Inferred and asserted findings; assertions win per criterion. */
  readonly findings: readonly Finding[];
  /** Light chain of a clone recorded with the result, for the κ review flag. */
  readonly lightChain?: LightChain;
  /** Heavy chain of a clone recorded with the result, for the IgM review flag. */
  readonly heavyChain?: HeavyChain;
  /** Every clone of a biclonal immunofixation, for the κ and IgM review flags. */
  readonly clones?: readonly Clone[];
  /** VEGF specimen, so that an unjudgeable serum value is offered again as plasma. */
  readonly specimen?: Specimen;
  /** Why the item was cancelled or marked not indicated, and by whom, for the explanations. */
  readonly closure?: { readonly reason?: string; readonly by?: string };
  /** Signs recorded with the result, for the other signs shown beside the criteria. */
  readonly signs?: readonly SignKey[];
}

/** Status of one criterion (domain reference §5). */
export type CriterionStatus = 'met' | 'pending' | 'not_met' | 'indeterminate';

/**
 * Overall result of the diagnostic rule (domain reference §5), from the rule evaluated on
 * M = met, P = M ∪ pending and A = P ∪ indeterminate: met on M; `incomplete` when it fails on M but
 * holds on P; `indeterminate` when it fails on P but holds on A (only a repeat or clarification of
 * an uninterpretable result could satisfy it); `criteria_not_met` when it fails even on A.
 */
export const OVERALLS = [
  'criteria_met',
  'criteria_not_met',
  'indeterminate',
  'incomplete',
] as const;

/** Overall result of the diagnostic rule. */
export type Overall = (typeof OVERALLS)[number];

/** Review flags raised by the evaluation. */
export const FLAGS = [
  'possible_castleman_variant',
  'kappa_clone_review',
  'igm_clone_review',
] as const;

/** A review flag. */
export type Flag = (typeof FLAGS)[number];

/** The evaluation of one criterion. */
export interface CriterionEvaluation {
  readonly key: CriterionKey;
  readonly name: string;
  readonly group: CriterionGroup;
  readonly status: CriterionStatus;
  /**
   * Done establishing items behind the status: those with a present finding when met, else those
   * that recorded a finding (absent or indeterminate) so far.
   */
  readonly evidence: readonly string[];
  /** Done supporting items with a present finding: shown, never enough alone. */
  readonly supportedBy: readonly string[];
  /** Open establishing items that could still settle it. */
  readonly openItems: readonly string[];
  /** Whether any establishing item has a result. */
  readonly assessed: boolean;
  /** One sentence for clinicians ("Met by serum immunofixation", "Not assessed …"). */
  readonly explanation: string;
}

/**
 * What to do with the items of a next test: finish an open item, repeat or clarify one whose
 * result could not be judged, activate a conditional item, or reopen a cancelled or
 * not-indicated one.
 */
export const NEXT_TEST_ACTIONS = [
  'complete',
  'repeat',
  'activate',
  'reopen',
] as const;

/** Action of a next test. */
export type NextTestAction = (typeof NEXT_TEST_ACTIONS)[number];

/** Items that could still change the verdict for one criterion, by one action. */
export interface NextTest {
  readonly criterion: CriterionKey;
  readonly action: NextTestAction;
  /** In the protocol's priority order (domain reference §2b). */
  readonly items: readonly string[];
  /** One sentence for the hematologist ("Repeat as plasma VEGF: serum VEGF cannot be judged …"). */
  readonly why: string;
}

/** The evaluation of a workup against its protocol version. */
export interface Evaluation {
  readonly overall: Overall;
  readonly criteria: readonly CriterionEvaluation[];
  readonly flags: readonly Flag[];
  /** Groups still short of the rule whenever the criteria are not met. */
  readonly missing: readonly CriterionGroup[];
  readonly nextTests: readonly NextTest[];
  /** Other signs recorded (shown, never counted). */
  readonly otherSigns: readonly {
    readonly sign: OtherSign;
    readonly items: readonly string[];
  }[];
  /** Plain-language summary for the clinician. */
  readonly explanation: string;
  readonly protocol: { readonly key: string; readonly version: number };
}

/** Workup completion: required items plus activated conditional ones (domain reference §2). */
export interface Completion {
  readonly done: number;
  readonly closed: number;
  readonly total: number;
  /** Done items as a whole percentage of the items still expected (not-indicated and cancelled ones excluded). */
  readonly percent: number;
}
