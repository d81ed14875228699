import type { PersonRole } from './permissions';

/** One `claimValue=role` pair of the single sign-on role map. */
export interface SsoRoleMapping {
  readonly claimValue: string;
  readonly role: PersonRole;
}

/** What the identity provider's role claim gave. */
export type SsoRoleOutcome =
  | { readonly role: PersonRole; readonly matched: string }
  /** `values`: what the claim carried (empty when absent), for the refusal page and the audit. */
  | { readonly role: null; readonly values: readonly string[] };

/**
 * The role a provider's claim grants. The claim may be one string or an array of strings (Entra ID
 * and Keycloak send arrays of groups); other values count as absent. Several matches give the
 * first pair of the map, so the order of the map — not the provider's order of groups, which no
 * provider guarantees — decides.
 */
export function roleFromClaim(
  claim: unknown,
  map: readonly SsoRoleMapping[],
): SsoRoleOutcome {
  const values =
    typeof claim === 'string'
      ? [claim]
      : Array.isArray(claim)
        ? claim.filter((v): v is string => typeof v === 'string')
        : [];
  const held = new Set(values);
  const hit = map.find((pair) => held.has(pair.claimValue));
  return hit === undefined
    ? { role: null, values }
    : { role: hit.role, matched: hit.claimValue };
}
