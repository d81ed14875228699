import { ITEM_ACTIONS } from '../workup/lifecycle';
import {
  isRole,
  itemActionPermission,
  may,
  PERMISSION_KEYS,
  PERMISSIONS,
  ROLES,
  type Permission,
  type Role,
} from './permissions';

/**
 * Domain reference §7, written out cell by cell.
 * Columns: hematologist, coordinator, auditor, admin.
 */
const MATRIX: Readonly<
  Record<
    Permission,
    readonly [h: boolean, c: boolean, au: boolean, ad: boolean]
  >
> = {
  'session.use': [true, true, true, true],
  'protocol.read': [true, true, true, true],
  'patient.register': [true, true, false, false],
  'patient.read': [true, true, true, false],
  'workup.open': [true, true, false, false],
  'workup.read': [true, true, true, false],
  'workup.close': [true, false, false, false],
  'workup.reopen': [true, false, false, false],
  'item.order': [true, true, false, false],
  'item.schedule': [true, true, false, false],
  'item.perform': [true, true, false, false],
  'item.result': [true, false, false, false],
  'item.review': [true, false, false, false],
  'item.cancel': [true, true, false, false],
  'item.not-indicated': [true, false, false, false],
  'item.reopen': [true, false, false, false],
  'item.activate': [true, false, false, false],
  'worklist.read': [true, true, true, false],
  'report.read': [true, false, true, false],
  'audit.read': [false, false, true, false],
  'fhir.export': [true, false, true, false],
  'user.manage': [false, false, false, true],
};

const COLUMNS: readonly Role[] = [
  'hematologist',
  'coordinator',
  'auditor',
  'admin',
];
const CELLS = (
  Object.entries(MATRIX) as [Permission, readonly boolean[]][]
).flatMap(([permission, row]) =>
  COLUMNS.map((role, i) => ({ permission, role, allowed: row[i] })),
);
const held = (role: Role) => PERMISSION_KEYS.filter((p) => may(role, p)).sort();

describe('permissions (domain reference §7)', () => {
  it('has exactly the four roles', () => {
    expect([...ROLES].sort()).toEqual([...COLUMNS].sort());
  });

  it('has exactly the permissions of the matrix', () => {
    expect([...PERMISSION_KEYS].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(CELLS)(
    '$role $permission: $allowed',
    ({ role, permission, allowed }) => {
      expect(may(role, permission)).toBe(allowed);
    },
  );

  it('lets the hematologist do every item action', () => {
    for (const action of ITEM_ACTIONS) {
      expect(may('hematologist', itemActionPermission(action))).toBe(true);
    }
  });

  it('keeps coordinators from results, findings, sign-off and clinical judgement', () => {
    for (const permission of [
      'item.result',
      'item.review',
      'item.not-indicated',
      'item.reopen',
      'item.activate',
      'workup.close',
      'workup.reopen',
    ] as const) {
      expect(may('coordinator', permission)).toBe(false);
    }
    expect(
      ITEM_ACTIONS.filter((a) =>
        may('coordinator', itemActionPermission(a)),
      ).sort(),
    ).toEqual(['cancel', 'order', 'perform', 'schedule']);
  });

  it('lets the auditor read everything and change nothing', () => {
    expect(held('auditor')).toEqual([
      'audit.read',
      'fhir.export',
      'patient.read',
      'protocol.read',
      'report.read',
      'session.use',
      'worklist.read',
      'workup.read',
    ]);
    expect(
      held('auditor').every((p) => /\.(read|export|use)$/.test(p)),
    ).toBe(true);
  });

  it('gives the admin user management and the protocol only, no clinical data', () => {
    expect(held('admin')).toEqual([
      'protocol.read',
      'session.use',
      'user.manage',
    ]);
  });

  it('gives user management to the admin alone and the audit log to the auditor alone', () => {
    expect([...PERMISSIONS['user.manage']]).toEqual(['admin']);
    expect([...PERMISSIONS['audit.read']]).toEqual(['auditor']);
  });

  it('maps each item action to its permission', () => {
    expect(ITEM_ACTIONS.map(itemActionPermission)).toEqual(
      ITEM_ACTIONS.map((a) => `item.${a}`),
    );
    for (const action of ITEM_ACTIONS) {
      expect(PERMISSION_KEYS).toContain(itemActionPermission(action));
    }
  });

  it('recognises roles from outside', () => {
    expect(isRole('auditor')).toBe(true);
    expect(isRole('Auditor')).toBe(false);
    expect(isRole('root')).toBe(false);
    expect(isRole(null)).toBe(false);
  });
});
