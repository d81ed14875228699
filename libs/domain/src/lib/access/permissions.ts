import type { ItemAction } from '../workup/lifecycle';

/** The roles of the product (domain reference §7). */
export const ROLES = ['hematologist', 'coordinator', 'auditor', 'admin'] as const;

/** A user's role. */
export type Role = (typeof ROLES)[number];

/** Type guard for roles arriving from outside. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

const CLINICAL: readonly Role[] = ['hematologist', 'coordinator'];
const CLINICAL_READERS: readonly Role[] = ['hematologist', 'coordinator', 'auditor'];
const HEMATOLOGIST: readonly Role[] = ['hematologist'];
const EVERYONE: readonly Role[] = ['hematologist', 'coordinator', 'auditor', 'admin'];

/**
 * Who may do what: the single permission table. The API's guard and the web app's buttons both
 * read it, so they cannot disagree.
 *
 * - hematologist: register patients, open workups, every item action, results, findings, sign-off.
 * - coordinator: register patients, open a workup's checklist, order, schedule, reschedule, mark
 *   performed, cancel with a reason; never results, findings or sign-off.
 * - auditor: read everything, export reports and the audit log; change nothing.
 * - admin: manage users and roles; no clinical data.
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
