import type { CriterionStatus, Overall } from '../evaluation/evaluation.types';
import type { CriterionKey } from '../protocol/criteria';
import { effectiveFindings, type Finding, type FindingValue } from './findings';

/**
 * What a hematologist attests when signing off a workup's evaluation: the verdict, each
 * criterion's status, the finding in force of every item per criterion, when each result was
 * recorded, and the protocol and rules versions that produced it. Stored with the sign-off so a
 * later change can be named, not just noticed.
 */
export interface AttestedEvaluation {
  readonly overall: Overall;
  readonly protocol: { readonly key: string; readonly version: number };
  readonly rulesVersion: number;
  readonly criteria: readonly {
    readonly key: CriterionKey;
    readonly status: CriterionStatus;
  }[];
  /** The finding in force (an assertion over an inference) of each item per criterion. */
  readonly findings: readonly {
    readonly item: string;
    readonly criterion: CriterionKey;
    readonly value: FindingValue;
  }[];
  /** Items holding a result and when it was recorded: a correction records it anew. */
  readonly results: readonly {
    readonly item: string;
    readonly resultedAt: string;
  }[];
}

/** What an item of the workup contributes to an attestation. */
export interface AttestableItem {
  readonly key: string;
  readonly findings: readonly Finding[];
  readonly resultedAt: string | null;
}

/** One value before and after. */
export interface Change<T> {
  readonly from: T;
  readonly to: T;
}

/** A criterion whose status or any item's finding for it changed since the sign-off. */
export interface CriterionSignOffChange {
  readonly key: CriterionKey;
  /** Null when the status stands (a finding changed without moving it). */
  readonly status: Change<CriterionStatus | null> | null;
  /** Per item: the finding before and after (null: none recorded). */
  readonly findings: readonly {
    readonly item: string;
    readonly from: FindingValue | null;
    readonly to: FindingValue | null;
  }[];
}

/** Everything that differs between an attested evaluation and the workup now. */
export interface SignOffChanges {
  readonly overall: Change<Overall> | null;
  readonly protocol: Change<string> | null;
  readonly rulesVersion: Change<number> | null;
  readonly criteria: readonly CriterionSignOffChange[];
  /** Results recorded, corrected or withdrawn since (resultedAt before → after; null: none). */
  readonly results: readonly {
    readonly item: string;
    readonly from: string | null;
    readonly to: string | null;
  }[];
}

/** The attestation of a workup's current state, in a stable order so two can be compared. */
export function attestationOf(
  evaluation: {
    readonly overall: Overall;
    readonly protocol: { readonly key: string; readonly version: number };
    readonly rulesVersion: number;
    readonly criteria: readonly {
      readonly key: CriterionKey;
      readonly status: CriterionStatus;
    }[];
  },
  items: readonly AttestableItem[],
): AttestedEvaluation {
  const sorted = [...items].sort((a, b) => a.key.localeCompare(b.key));
  return {
    overall: evaluation.overall,
    protocol: {
      key: evaluation.protocol.key,
      version: evaluation.protocol.version,
    },
    rulesVersion: evaluation.rulesVersion,
    criteria: evaluation.criteria.map((c) => ({
      key: c.key,
      status: c.status,
    })),
    findings: sorted.flatMap((item) =>
      effectiveFindings(item.findings)
        .map((f) => ({
          item: item.key,
          criterion: f.criterion,
          value: f.value,
        }))
        .sort((a, b) => a.criterion.localeCompare(b.criterion)),
    ),
    results: sorted.flatMap((item) =>
      item.resultedAt === null
        ? []
        : [
            {
              item: item.key,
              resultedAt: new Date(item.resultedAt).toISOString(),
            },
          ],
    ),
  };
}

function changeOf<T>(from: T, to: T): Change<T> | null {
  return from === to ? null : { from, to };
}

/** What changed between the evaluation a hematologist attested and the workup now. */
export function signOffChanges(
  attested: AttestedEvaluation,
  current: AttestedEvaluation,
): SignOffChanges {
  const status = (e: AttestedEvaluation) =>
    new Map(e.criteria.map((c) => [c.key, c.status] as const));
  const findings = (e: AttestedEvaluation) =>
    new Map(e.findings.map((f) => [`${f.criterion}\u0000${f.item}`, f]));
  const [statusBefore, statusNow] = [status(attested), status(current)];
  const [findingsBefore, findingsNow] = [findings(attested), findings(current)];
  const keys = [
    ...new Set([
      ...attested.criteria.map((c) => c.key),
      ...current.criteria.map((c) => c.key),
      ...attested.findings.map((f) => f.criterion),
      ...current.findings.map((f) => f.criterion),
    ]),
  ];
  const criteria = keys.flatMap((key): CriterionSignOffChange[] => {
    const items = [
      ...new Set(
        [...attested.findings, ...current.findings]
          .filter((f) => f.criterion === key)
          .map((f) => f.item),
      ),
    ].sort();
    const changedFindings = items.flatMap((item) => {
      const from = findingsBefore.get(`${key}\u0000${item}`)?.value ?? null;
      const to = findingsNow.get(`${key}\u0000${item}`)?.value ?? null;
      return from === to ? [] : [{ item, from, to }];
    });
    const statusChange = changeOf(
      statusBefore.get(key) ?? null,
      statusNow.get(key) ?? null,
    );
    return statusChange === null && changedFindings.length === 0
      ? []
      : [{ key, status: statusChange, findings: changedFindings }];
  });
  const resultsBefore = new Map(
    attested.results.map((r) => [r.item, r.resultedAt]),
  );
  const resultsNow = new Map(
    current.results.map((r) => [r.item, r.resultedAt]),
  );
  const results = [...new Set([...resultsBefore.keys(), ...resultsNow.keys()])]
    .sort()
    .flatMap((item) => {
      const from = resultsBefore.get(item) ?? null;
      const to = resultsNow.get(item) ?? null;
      return from === to ? [] : [{ item, from, to }];
    });
  const protocolName = (e: AttestedEvaluation) =>
    `${e.protocol.key} v${e.protocol.version}`;
  return {
    overall: changeOf(attested.overall, current.overall),
    protocol: changeOf(protocolName(attested), protocolName(current)),
    rulesVersion: changeOf(attested.rulesVersion, current.rulesVersion),
    criteria,
    results,
  };
}

/** Whether anything the sign-off attested has changed since: then it no longer attests the workup. */
export function isSignOffOutdated(changes: SignOffChanges): boolean {
  return (
    changes.overall !== null ||
    changes.protocol !== null ||
    changes.rulesVersion !== null ||
    changes.criteria.length > 0 ||
    changes.results.length > 0
  );
}

/**
 * Why the workup cannot be signed off now, or null when it can: there must be something to attest
 * (at least one recorded result or finding; an evaluation with none says only that nothing was
 * done), and the evaluation must differ from the one last signed off.
 */
export function signOffRefusal(
  current: AttestedEvaluation,
  latest: AttestedEvaluation | null,
): string | null {
  if (current.results.length === 0 && current.findings.length === 0) {
    return 'There is nothing to attest yet: no result or finding has been recorded.';
  }
  if (latest !== null && !isSignOffOutdated(signOffChanges(latest, current))) {
    return 'This evaluation is already signed off; nothing has changed since.';
  }
  return null;
}

const words = (code: string): string => code.replace(/_/g, ' ');

/**
 * The changes since a sign-off in words, one sentence each, for the workup banner, reports and
 * exports: the overall result, then each criterion (status and the findings behind it), then
 * results recorded or corrected, then versions. `names` turns item and criterion keys into names.
 */
export function describeSignOffChanges(
  changes: SignOffChanges,
  names: {
    readonly item?: (key: string) => string;
    readonly criterion?: (key: CriterionKey) => string;
  } = {},
): string[] {
  const item = names.item ?? ((key: string) => key);
  const criterion = names.criterion ?? ((key: CriterionKey) => words(key));
  const value = (v: string | null) => (v === null ? 'none' : words(v));
  const lines: string[] = [];
  if (changes.overall !== null) {
    lines.push(
      `Overall: ${words(changes.overall.from)} → ${words(changes.overall.to)}`,
    );
  }
  for (const c of changes.criteria) {
    const parts = [
      ...(c.status === null
        ? []
        : [`${value(c.status.from)} → ${value(c.status.to)}`]),
      ...c.findings.map(
        (f) => `${item(f.item)} ${value(f.from)} → ${value(f.to)}`,
      ),
    ];
    lines.push(`${criterion(c.key)}: ${parts.join('; ')}`);
  }
  for (const r of changes.results) {
    lines.push(
      r.from === null
        ? `${item(r.item)}: result recorded`
        : r.to === null
          ? `${item(r.item)}: result withdrawn`
          : `${item(r.item)}: result corrected`,
    );
  }
  if (changes.protocol !== null) {
    lines.push(`Protocol: ${changes.protocol.from} → ${changes.protocol.to}`);
  }
  if (changes.rulesVersion !== null) {
    lines.push(
      `Evaluation rules: v${changes.rulesVersion.from} → v${changes.rulesVersion.to}`,
    );
  }
  return lines;
}
