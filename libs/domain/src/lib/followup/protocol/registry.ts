import { DomainError, type FieldError } from '../../errors';
import type {
  FollowupParameterKey,
  FollowupParameterValues,
  FollowupProtocolDefinition,
} from './followup-protocol.types';
import { POEMS_FOLLOWUP_V1 } from './poems-followup.v1';

/**
 * Every follow-up protocol version ever released, oldest first. Versions are never edited: a stored
 * evaluation names the version (and parameter values) it used and is reproducible from them.
 */
export const FOLLOWUP_PROTOCOLS: readonly FollowupProtocolDefinition[] = [
  POEMS_FOLLOWUP_V1,
];

/** The key of the follow-up protocol. */
export const FOLLOWUP_PROTOCOL_KEY = 'poems-followup';

/**
 * A follow-up protocol version, or the newest one when no version is given.
 * @throws DomainError `not_found` for an unknown version.
 */
export function getFollowupProtocol(
  version?: number,
): FollowupProtocolDefinition {
  const found =
    version === undefined
      ? FOLLOWUP_PROTOCOLS.reduce((newest, p) =>
          p.version > newest.version ? p : newest,
        )
      : FOLLOWUP_PROTOCOLS.find((p) => p.version === version);
  if (!found) {
    throw new DomainError('not_found', 'Unknown follow-up protocol version.', {
      key: FOLLOWUP_PROTOCOL_KEY,
      version,
    });
  }
  return found;
}

/** The default value of every parameter of a protocol version. */
export function defaultParameters(
  protocol: FollowupProtocolDefinition,
): FollowupParameterValues {
  const value = <K extends FollowupParameterKey>(
    key: K,
  ): FollowupParameterValues[K] => {
    const definition = protocol.parameters.find((p) => p.key === key);
    if (!definition) {
      throw new DomainError(
        'not_found',
        'The follow-up protocol has no such parameter.',
        { key },
      );
    }
    return definition.default as FollowupParameterValues[K];
  };
  return {
    limited_max_lesions: value('limited_max_lesions'),
    vegf_serum_normalisation_cutoff: value('vegf_serum_normalisation_cutoff'),
  };
}

/**
 * Checks parameter choices against the values the protocol allows.
 * @returns one entry per invalid parameter (`parameters.<key>`), empty when all are allowed.
 */
export function validateParameters(
  protocol: FollowupProtocolDefinition,
  overrides: Readonly<Partial<Record<string, unknown>>>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      continue;
    }
    const definition = protocol.parameters.find((p) => p.key === key);
    if (!definition) {
      errors.push({
        field: `parameters.${key}`,
        message: 'the follow-up protocol has no such parameter.',
      });
    } else if (!(definition.allowed as readonly unknown[]).includes(value)) {
      errors.push({
        field: `parameters.${key}`,
        message: `${definition.name} must be one of ${definition.allowed.join(', ')}.`,
      });
    }
  }
  return errors;
}

/**
 * The parameter values an evaluation uses: the protocol's defaults with a clinic's choices.
 * @throws DomainError `validation_failed` naming each choice the protocol does not allow.
 */
export function resolveParameters(
  protocol: FollowupProtocolDefinition,
  overrides: Readonly<Partial<FollowupParameterValues>> = {},
): FollowupParameterValues {
  const errors = validateParameters(protocol, overrides);
  if (errors.length > 0) {
    throw DomainError.invalid(
      errors,
      'A follow-up parameter has a value the protocol does not allow.',
    );
  }
  const defaults = defaultParameters(protocol);
  return {
    limited_max_lesions:
      overrides.limited_max_lesions ?? defaults.limited_max_lesions,
    vegf_serum_normalisation_cutoff:
      overrides.vegf_serum_normalisation_cutoff ??
      defaults.vegf_serum_normalisation_cutoff,
  };
}
