import type { ItemAction } from '../workup/lifecycle';

/** The roles of people who sign in (domain reference §7). */
export const PERSON_ROLES = ['hematologist', 'coordinator', 'auditor', 'admin'] as const;

/**
 * Every role: people's, plus `interface`, the service identity of a laboratory interface (a
 * non-login account `interface:<name>` that may submit inbound results and nothing else).
 */
export const ROLES = [...PERSON_ROLES, 'interface'] as const;

/** A user's role. */
export type Role = (typeof ROLES)[number];

/** A role people can hold (and sign in with). */
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Type guard for roles of people arriving from outside (user management, sign-in). */
export function isPersonRole(value: unknown): value is PersonRole {
  return typeof value === 'string' && (PERSON_ROLES as readonly string[]).includes(value);
}

/** Type guard for roles arriving from outside. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

const CLINICAL: readonly Role[] = ['hematologist', 'coordinator'];
const CLINICAL_READERS: readonly Role[] = ['hematologist', 'coordinator', 'auditor'];
const HEMATOLOGIST: readonly Role[] = ['hematologist'];
const EVERYONE: readonly Role[] = PERSON_ROLES;

/**
 * Who may do what: the single permission table. The API's guard and the web app's buttons both
 * read it, so they cannot disagree.
 *
 * - hematologist: register patients, open workups, every item action, results, findings, sign-off.
 * - coordinator: register patients, open a workup's checklist, order, schedule, reschedule, mark
 *   performed, cancel with a reason; never results, findings or sign-off.
 * - auditor: read everything, export reports and the audit log; change nothing.
 * - admin: manage users and roles, and the laboratory interfaces; no clinical data.
 * - interface: submit inbound laboratory results (HL7 v2 or FHIR), nothing else.
 */
export const PERMISSIONS = {
  // Any signed-in user: who am I, sign out.
  'session.use': EVERYONE,
  'protocol.read': EVERYONE,
  'patient.register': CLINICAL,
  'patient.read': CLINICAL_READERS,
  'workup.open': CLINICAL,
  'workup.read': CLINICAL_READERS,
  'workup.close': HEMATOLOGIST,
  'workup.reopen': HEMATOLOGIST,
  // Moving a workup to a newer protocol version changes what its criteria are judged against.
  'workup.upgrade': HEMATOLOGIST,
  'workup.sign-off': HEMATOLOGIST,
  'item.order': CLINICAL,
  'item.schedule': CLINICAL,
  'item.perform': CLINICAL,
  'item.result': HEMATOLOGIST,
  'item.review': HEMATOLOGIST,
  'item.cancel': CLINICAL,
  'item.not-indicated': HEMATOLOGIST,
  'item.reopen': HEMATOLOGIST,
  'item.activate': HEMATOLOGIST,
  'worklist.read': CLINICAL_READERS,
  'report.read': ['hematologist', 'auditor'],
  'audit.read': ['auditor'],
  'fhir.export': ['hematologist', 'auditor'],
  'user.manage': ['admin'],
  'interface.manage': ['admin'],
  'inbound.submit': ['interface'],
  // Coordinators see unknown-patient entries only (to register the patient); the service filters.
  'inbox.read': CLINICAL_READERS,
  'inbox.decide': HEMATOLOGIST,
  // The raw message as received: every read is audited.
  'inbox.raw': ['hematologist', 'auditor'],
  // The follow-up (poems-followup.md): read like a workup; the hematologist signs off the
  // diagnosis and records staging, risk, lines and results; coordinators schedule and mark performed.
  'followup.read': CLINICAL_READERS,
  'followup.record': HEMATOLOGIST,
  'followup.schedule': CLINICAL,
} as const satisfies Record<string, readonly Role[]>;

/** A named capability of the permission table. */
export type Permission = keyof typeof PERMISSIONS;

/** Every permission, for exhaustive tests and admin screens. */
export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as Permission[];

/** Whether a role holds a permission. */
export function may(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The permission an item action needs. */
export function itemActionPermission(action: ItemAction): Permission {
  return `item.${action}`;
}
