import {
  CRITERION_GROUPS,
  OTHER_SIGNS,
  type CriterionGroup,
  type OtherSign,
} from '../protocol/criteria';
import type {
  CatalogItem,
  CriterionDefinition,
  ProtocolDefinition,
} from '../protocol/protocol.types';
import { signTarget } from '../protocol/signs';
import { effectiveFindings, findingFor } from '../workup/findings';
import { isClosed, isDone, isOpen } from '../workup/item-status';
import type {
  Completion,
  CriterionEvaluation,
  CriterionStatus,
  Evaluation,
  EvaluationItem,
  Flag,
  NextTest,
  NextTestAction,
  Overall,
} from './evaluation.types';
import {
  criterionExplanation,
  type EvidenceDetail,
  LYMPHADENOPATHY_CUE,
  nextTestWhy,
  overallExplanation,
  type Cue,
} from './explanation';
import { itemPriority } from '../protocol/priority';

/** Input of the evaluation: the protocol version the workup was opened with and its items. */
export interface EvaluationInput {
  readonly protocol: ProtocolDefinition;
  readonly items: readonly EvaluationItem[];
}

/**
 * Evaluates a workup against its criteria set (domain reference §5). Decision support only:
 * it says which published criteria the recorded results satisfy; a hematologist signs off.
 * The result does not depend on the order of the items.
 */
export function evaluate({ protocol, items }: EvaluationInput): Evaluation {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const drafts = protocol.criteria.map((definition) =>
    evaluateCriterion(protocol, definition, byKey),
  );
  const criteria = drafts.map((d) => d.evaluation);
  const statusOf = (key: string): CriterionStatus | undefined =>
    criteria.find((c) => c.key === key)?.status;

  const overall = overallOf(criteria);
  const missing = overall === 'criteria_met' ? [] : missingGroups(criteria);
  const nextTests = nextTestsOf(protocol, drafts, overall, missing);

  const flags: Flag[] = [];
  const clone = statusOf('monoclonal_plasma_cell_disorder');
  // Never while the clone is still being looked for: a pending search may yet find it.
  if (
    statusOf('castleman_disease') === 'met' &&
    (clone === 'not_met' || clone === 'indeterminate')
  ) {
    flags.push('possible_castleman_variant');
  }
  if (clone === 'met' && cloneIsKappaOnly(protocol, byKey)) {
    flags.push('kappa_clone_review');
  }
  if (clone === 'met' && cloneIsIgM(protocol, byKey)) {
    flags.push('igm_clone_review');
  }

  return {
    overall,
    criteria,
    flags,
    missing,
    nextTests,
    otherSigns: otherSignsOf(protocol, byKey),
    explanation: overallExplanation(protocol, criteria, overall, flags),
    protocol: { key: protocol.key, version: protocol.version },
  };
}

/** Items of the protocol that are part of this workup, in catalog order. */
function activeItems(
  protocol: ProtocolDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): EvaluationItem[] {
  return protocol.items
    .map((i) => byKey.get(i.key))
    .filter((i): i is EvaluationItem => i !== undefined && i.active);
}

/**
 * Where a sign that activates a conditional item can still be found (domain reference §5:
 * lymphadenopathy by body imaging or the physical examination, so the node biopsy may yet be
 * activated).
 */
const ACTIVATING_SIGN_SOURCES: Readonly<
  Record<'lymphadenopathy', readonly string[]>
> = {
  lymphadenopathy: ['body_imaging', 'physical_exam'],
};

/** A criterion's evaluation with what the next tests need to know about its items. */
interface CriterionDraft {
  readonly evaluation: CriterionEvaluation;
  /** Done establishing items whose finding is indeterminate. */
  readonly indeterminateItems: readonly EvaluationItem[];
  /** Open establishing items. */
  readonly openEstablishing: readonly string[];
  /** Open items where the sign that activates a conditional establishing item may be found. */
  readonly openSignSources: readonly string[];
  /** Inactive conditional establishing items whose activating sign was found. */
  readonly activatable: readonly string[];
  /** Cancelled or not-indicated items whose reopening could still settle the criterion. */
  readonly reopenable: readonly EvaluationItem[];
  /** Inactive conditional establishing items. */
  readonly calledFor: readonly string[];
  /** What calls for them, in words. */
  readonly cue: Cue;
}

/** What calls for a criterion's conditional items, in words (lymphadenopathy unless offered on findings). */
function cueOf(
  protocol: ProtocolDefinition,
  waiting: readonly CatalogItem[],
): Cue {
  const offer = waiting.find((c) => c.offeredWhen)?.offeredWhen;
  if (offer === undefined) {
    return LYMPHADENOPATHY_CUE;
  }
  const name =
    protocol.criteria.find((c) => c.key === offer.criterionMet)?.name ??
    offer.criterionMet;
  return {
    sought: name.toLowerCase(),
    found: offer.because,
    establishes: 'its histology can establish',
  };
}

/**
 * Whether what calls for a conditional item was found (it is then offered with `activate`), and
 * where it could still be found: lymphadenopathy by body imaging or the physical examination; for
 * an item offered on other findings (the lesion biopsy: sclerotic lesions while the marrow showed
 * no clone), the items establishing the criterion that must be met, once the items that must not
 * have found the clone are done without finding it.
 */
function triggerOf(
  protocol: ProtocolDefinition,
  conditional: CatalogItem,
  items: readonly EvaluationItem[],
): { readonly found: boolean; readonly sources: readonly string[] } {
  if (conditional.activatedBySign !== undefined) {
    const sign = conditional.activatedBySign;
    return {
      found: items.some(
        (i) => isDone(i.status) && (i.signs ?? []).includes(sign),
      ),
      sources: ACTIVATING_SIGN_SOURCES[sign],
    };
  }
  const offer = conditional.offeredWhen;
  if (offer === undefined) {
    return { found: false, sources: [] };
  }
  const negativesDone = offer.notFoundBy.every((key) => {
    const item = items.find((i) => i.key === key);
    return (
      item !== undefined &&
      isDone(item.status) &&
      conditional.establishes.every(
        (criterion) => findingFor(item.findings, criterion) !== 'present',
      )
    );
  });
  if (!negativesDone) {
    return { found: false, sources: [] };
  }
  const establishing = items.filter((i) =>
    catalogEntry(protocol, i.key).establishes.includes(offer.criterionMet),
  );
  return {
    found: establishing.some(
      (i) =>
        isDone(i.status) &&
        findingFor(i.findings, offer.criterionMet) === 'present',
    ),
    sources: establishing.map((i) => i.key),
  };
}

const closedWithoutResult = (item: EvaluationItem | undefined): boolean =>
  item !== undefined &&
  (item.status === 'cancelled' || item.status === 'not_indicated');

function evaluateCriterion(
  protocol: ProtocolDefinition,
  definition: CriterionDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): CriterionDraft {
  const items = activeItems(protocol, byKey);
  const establishing = items.filter((i) =>
    catalogEntry(protocol, i.key).establishes.includes(definition.key),
  );
  const supporting = items.filter((i) =>
    catalogEntry(protocol, i.key).supports.includes(definition.key),
  );
  const done = establishing.filter((i) => isDone(i.status));
  const finding = (i: EvaluationItem) => findingFor(i.findings, definition.key);

  const present = done.filter((i) => finding(i) === 'present');
  const openEstablishing = establishing
    .filter((i) => isOpen(i.status))
    .map((i) => i.key);

  // Conditional establishing items not (yet) part of the workup, and not ruled out by a
  // hematologist: the criterion stays open while what calls for them can still be found.
  const waiting = protocol.items.filter(
    (c) =>
      c.establishes.includes(definition.key) &&
      (c.activatedBySign !== undefined || c.offeredWhen !== undefined) &&
      !byKey.get(c.key)?.active &&
      !closedWithoutResult(byKey.get(c.key)),
  );
  const triggers = waiting.map((c) => ({
    item: c.key,
    ...triggerOf(protocol, c, items),
  }));
  const activatable = triggers.filter((t) => t.found).map((t) => t.item);
  const signSources = [
    ...new Set(triggers.filter((t) => !t.found).flatMap((t) => t.sources)),
  ];
  const openSignSources = items
    .filter((i) => signSources.includes(i.key) && isOpen(i.status))
    .map((i) => i.key);
  const openItems = [...openEstablishing, ...openSignSources];

  const indeterminateItems = done.filter((i) => finding(i) === 'indeterminate');
  const status: CriterionStatus =
    present.length > 0
      ? 'met'
      : openItems.length > 0 || activatable.length > 0
        ? 'pending'
        : indeterminateItems.length > 0
          ? 'indeterminate'
          : 'not_met';

  const evidenceItems =
    status === 'met' ? present : done.filter((i) => finding(i) !== undefined);
  const evidence = evidenceItems.map((i) => i.key);
  const supportedBy = supporting
    .filter((i) => isDone(i.status) && finding(i) === 'present')
    .map((i) => i.key);

  // Closed without a result: active establishing items, a conditional item ruled out, and the
  // places its activating sign could have been found.
  const closedEstablishing = protocol.items
    .filter((c) => c.establishes.includes(definition.key))
    .map((c) => byKey.get(c.key))
    .filter(
      (i): i is EvaluationItem =>
        closedWithoutResult(i) &&
        (i?.active === true ||
          protocol.items.some(
            (c) =>
              c.key === i?.key &&
              (c.activatedBySign !== undefined || c.offeredWhen !== undefined),
          )),
    );
  const closedSignSources = items.filter(
    (i) => signSources.includes(i.key) && closedWithoutResult(i),
  );
  const reopenable = [...closedEstablishing, ...closedSignSources];

  const partial = {
    key: definition.key,
    name: definition.name,
    group: definition.group,
    status,
    evidence,
    supportedBy,
    openItems,
    assessed: done.length > 0,
  };
  const inactive = waiting.map((c) => c.key);
  const cue = cueOf(protocol, waiting);
  // Why the evidence did not settle it, as the rules put it (e.g. the diabetes/thyroid reading).
  const reasons = [
    ...new Set(
      evidenceItems
        .map(
          (i) =>
            effectiveFindings(i.findings).find(
              (f) => f.criterion === definition.key,
            )?.basis,
        )
        .filter((basis): basis is string => basis !== undefined),
    ),
  ];
  const details = evidenceItems.flatMap((i): EvidenceDetail[] => {
    const inForce = effectiveFindings(i.findings).find(
      (f) => f.criterion === definition.key,
    );
    if (inForce === undefined) {
      return [];
    }
    const inferredOne = i.findings.find(
      (f) => f.source === 'inferred' && f.criterion === definition.key,
    );
    return [
      {
        item: i.key,
        finding: inForce,
        ...(inferredOne !== undefined &&
          inForce.overrides !== undefined && { overridden: inferredOne }),
      },
    ];
  });
  return {
    evaluation: {
      ...partial,
      explanation: criterionExplanation(protocol, partial, {
        inactive,
        reasons,
        details,
        closed: reopenable,
        activatable,
        signSearch: signSources.length > 0,
        cue,
      }),
    },
    indeterminateItems,
    openEstablishing,
    openSignSources,
    activatable,
    reopenable,
    calledFor: inactive,
    cue,
  };
}

function catalogEntry(protocol: ProtocolDefinition, key: string) {
  const entry = protocol.items.find((i) => i.key === key);
  if (!entry) {
    // activeItems only yields catalog keys, so this is a programming error, not bad input.
    throw new Error(
      `Item ${key} is not in protocol ${protocol.key} v${protocol.version}.`,
    );
  }
  return entry;
}

const inGroup = <T extends { readonly group: CriterionGroup }>(
  criteria: readonly T[],
  group: CriterionGroup,
) => criteria.filter((c) => c.group === group);

/** The diagnostic rule: both mandatory, at least one other major and at least one minor. */
function ruleHolds(
  criteria: readonly CriterionEvaluation[],
  counted: (c: CriterionEvaluation) => boolean,
): boolean {
  return (
    inGroup(criteria, 'mandatory').every(counted) &&
    inGroup(criteria, 'major').some(counted) &&
    inGroup(criteria, 'minor').some(counted)
  );
}

const inM = (c: CriterionEvaluation) => c.status === 'met';
const inP = (c: CriterionEvaluation) => inM(c) || c.status === 'pending';
const inA = (c: CriterionEvaluation) => inP(c) || c.status === 'indeterminate';

/**
 * The rule on M (met), P (M ∪ pending) and A (P ∪ indeterminate), domain reference §5: an
 * indeterminate criterion never counts as ruled out.
 */
function overallOf(criteria: readonly CriterionEvaluation[]): Overall {
  if (ruleHolds(criteria, inM)) {
    return 'criteria_met';
  }
  if (ruleHolds(criteria, inP)) {
    return 'incomplete';
  }
  if (ruleHolds(criteria, inA)) {
    return 'indeterminate';
  }
  return 'criteria_not_met';
}

function missingGroups(
  criteria: readonly CriterionEvaluation[],
): CriterionGroup[] {
  return CRITERION_GROUPS.filter((group) => {
    const members = inGroup(criteria, group);
    return group === 'mandatory' ? !members.every(inM) : !members.some(inM);
  });
}

const ACTION_ORDER: readonly NextTestAction[] = [
  'complete',
  'repeat',
  'activate',
  'reopen',
];

/**
 * For each criterion of a group still short of the rule, the items to complete, repeat, activate
 * or reopen, in the protocol's priority order (§2b). Nothing when the verdict cannot change:
 * criteria met, or not met even if every cancelled or not-indicated item were reopened. Reopening
 * is offered only when it would change the verdict (an incomplete workup can be met without it).
 */
function nextTestsOf(
  protocol: ProtocolDefinition,
  drafts: readonly CriterionDraft[],
  overall: Overall,
  missing: readonly CriterionGroup[],
): NextTest[] {
  if (overall === 'criteria_met') {
    return [];
  }
  const criteria = drafts.map((d) => d.evaluation);
  const reopenable = (c: CriterionEvaluation) =>
    (c.status === 'not_met' || c.status === 'indeterminate') &&
    (drafts.find((d) => d.evaluation.key === c.key)?.reopenable.length ?? 0) >
      0;
  const offerReopen =
    overall !== 'incomplete' &&
    ruleHolds(
      criteria,
      (c) =>
        inP(c) || reopenable(c) || (overall === 'criteria_not_met' && inA(c)),
    );
  if (overall === 'criteria_not_met' && !offerReopen) {
    return [];
  }
  const rank = (key: string) => itemPriority(protocol, key);
  const byPriority = (keys: readonly string[]) =>
    [...new Set(keys)].sort((a, b) => rank(a) - rank(b));

  const tests: NextTest[] = [];
  for (const draft of drafts) {
    const c = draft.evaluation;
    if (!missing.includes(c.group) || c.status === 'met') {
      continue;
    }
    const add = (action: NextTestAction, keys: readonly string[]) => {
      if (keys.length > 0) {
        const items = byPriority(keys);
        tests.push({
          criterion: c.key,
          action,
          items,
          why: nextTestWhy(protocol, c, action, items, draft),
        });
      }
    };
    add('complete', [...draft.openEstablishing, ...draft.openSignSources]);
    add(
      'repeat',
      draft.indeterminateItems.map((i) => i.key),
    );
    add('activate', draft.activatable);
    if (offerReopen && reopenable(c)) {
      add(
        'reopen',
        draft.reopenable.map((i) => i.key),
      );
    }
  }
  const criterionRank = (t: NextTest) =>
    protocol.criteria.findIndex((c) => c.key === t.criterion);
  return tests.sort(
    (a, b) =>
      rank(a.items[0]) - rank(b.items[0]) ||
      criterionRank(a) - criterionRank(b) ||
      ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action),
  );
}

/** A clone shown only as κ: every light chain recorded by a done item that found the clone is κ. */
function cloneIsKappaOnly(
  protocol: ProtocolDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): boolean {
  const chains = activeItems(protocol, byKey)
    .filter(
      (i) =>
        catalogEntry(protocol, i.key).establishes.includes(
          'monoclonal_plasma_cell_disorder',
        ) &&
        isDone(i.status) &&
        findingFor(i.findings, 'monoclonal_plasma_cell_disorder') === 'present',
    )
    .flatMap((i) => [i.lightChain, ...(i.clones ?? []).map((c) => c.lightChain)])
    .filter((chain) => chain !== undefined);
  return chains.length > 0 && chains.every((chain) => chain === 'kappa');
}

/** The clone is IgM: a done item that found the clone recorded an IgM heavy chain. */
function cloneIsIgM(
  protocol: ProtocolDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): boolean {
  return activeItems(protocol, byKey).some(
    (i) =>
      catalogEntry(protocol, i.key).establishes.includes(
        'monoclonal_plasma_cell_disorder',
      ) &&
      isDone(i.status) &&
      findingFor(i.findings, 'monoclonal_plasma_cell_disorder') === 'present' &&
      (i.heavyChain === 'IgM' ||
        (i.clones ?? []).some((c) => c.heavyChain === 'IgM')),
  );
}

function otherSignsOf(
  protocol: ProtocolDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): Evaluation['otherSigns'] {
  const found = new Map<OtherSign, string[]>();
  for (const item of activeItems(protocol, byKey).filter((i) =>
    isDone(i.status),
  )) {
    for (const sign of item.signs ?? []) {
      const target = signTarget(sign);
      if ((OTHER_SIGNS as readonly string[]).includes(target)) {
        const list = found.get(target as OtherSign) ?? [];
        found.set(target as OtherSign, [...list, item.key]);
      }
    }
  }
  return OTHER_SIGNS.filter((s) => found.has(s)).map((sign) => ({
    sign,
    items: found.get(sign) ?? [],
  }));
}

/** Completion of a workup: required items plus activated conditional ones (domain reference §2). */
export function completionOf(
  items: readonly Pick<EvaluationItem, 'status' | 'active'>[],
): Completion {
  const counted = items.filter((i) => i.active);
  return completionFromCounts(
    counted.filter((i) => isDone(i.status)).length,
    counted.filter((i) => isClosed(i.status)).length,
    counted.length,
  );
}

/**
 * Completion from counts kept elsewhere (e.g. a list row). An item closed without being done
 * (not indicated, or cancelled with its reason) leaves the denominator: it is no longer expected,
 * so a workup whose every expected item is done reads 100 %. Percent is done over expected
 * (total − closed-not-done), rounded; 100 when items exist and none is expected any more.
 */
export function completionFromCounts(
  done: number,
  closed: number,
  total: number,
): Completion {
  const expected = total - (closed - done);
  return {
    done,
    closed,
    total,
    percent:
      total === 0
        ? 0
        : expected === 0
          ? 100
          : Math.round((done * 100) / expected),
  };
}
