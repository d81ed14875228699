import type { CriterionKey } from '../lib/protocol/criteria';
import type {
  CriterionEvaluation,
  CriterionStatus,
  Evaluation,
} from '../lib/evaluation/evaluation.types';

/** The evaluation of one criterion. */
export function criterionOf(
  evaluation: Evaluation,
  key: CriterionKey,
): CriterionEvaluation {
  const found = evaluation.criteria.find((c) => c.key === key);
  if (!found) {
    throw new Error(`criterion ${key} not evaluated`);
  }
  return found;
}

/** Every criterion's status, by key. */
export function statusesOf(
  evaluation: Evaluation,
): Record<CriterionKey, CriterionStatus> {
  return Object.fromEntries(
    evaluation.criteria.map((c) => [c.key, c.status]),
  ) as Record<CriterionKey, CriterionStatus>;
}

/** The instant the scenario specs pin the clock to: the evaluation must not depend on it. */
export const CLINIC_NOW = new Date('2026-03-10T09:00:00Z');
