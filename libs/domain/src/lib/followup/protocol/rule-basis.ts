import { DomainError } from '../../errors';
import { TRACKER_DEFAULT_NOTICE } from './evidence';
import type {
  FollowupProtocolDefinition,
  FollowupRuleDefinition,
  FollowupRuleId,
} from './followup-protocol.types';

/**
 * The rules a computed figure depends on. `trackerDefaults` are its `D` rules: wherever the figure
 * is shown, show "tracker default, not a published criterion" with each rule's name.
 */
export interface RuleBasis {
  readonly rules: readonly FollowupRuleId[];
  readonly trackerDefaults: readonly FollowupRuleId[];
}

/**
 * A rule of a protocol version.
 * @throws DomainError `not_found` when the version has no such rule.
 */
export function followupRule(
  protocol: FollowupProtocolDefinition,
  id: FollowupRuleId,
): FollowupRuleDefinition {
  const rule = protocol.rules.find((r) => r.id === id);
  if (!rule) {
    throw new DomainError(
      'not_found',
      'The follow-up protocol has no such rule.',
      { id },
    );
  }
  return rule;
}

/** The basis of a figure computed with these rules: deduplicated, in the protocol's order. */
export function ruleBasis(
  protocol: FollowupProtocolDefinition,
  ids: Iterable<FollowupRuleId>,
): RuleBasis {
  const wanted = new Set(ids);
  const rules = protocol.rules.filter((r) => wanted.has(r.id));
  return {
    rules: rules.map((r) => r.id),
    trackerDefaults: rules.filter((r) => r.label === 'D').map((r) => r.id),
  };
}

/** The union of several bases. */
export function mergeBases(
  protocol: FollowupProtocolDefinition,
  ...bases: readonly RuleBasis[]
): RuleBasis {
  return ruleBasis(
    protocol,
    bases.flatMap((b) => b.rules),
  );
}

/** A notice to show beside a figure that depends on a tracker default. */
export interface TrackerDefaultNotice {
  readonly rule: FollowupRuleId;
  readonly name: string;
  /** "Confirmation of progression: tracker default, not a published criterion". */
  readonly text: string;
}

/** The notices a figure needs, one per `D` rule it depends on (empty when it rests on none). */
export function trackerDefaultNotices(
  protocol: FollowupProtocolDefinition,
  basis: RuleBasis,
): TrackerDefaultNotice[] {
  return basis.trackerDefaults.map((id) => {
    const { name } = followupRule(protocol, id);
    return { rule: id, name, text: `${name}: ${TRACKER_DEFAULT_NOTICE}` };
  });
}
