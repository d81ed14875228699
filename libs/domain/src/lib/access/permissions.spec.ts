import { ITEM_ACTIONS } from '../workup/lifecycle';
import {
  isPersonRole,
  isRole,
  itemActionPermission,
  may,
  PERMISSION_KEYS,
  PERMISSIONS,
  PERSON_ROLES,
  ROLES,
  type Permission,
  type Role,
} from './permissions';

/**
 * Domain reference §7 and lab-interface reference §5, written out cell by cell.
 * Columns: hematologist, coordinator, auditor, admin, interface.
 */
const MATRIX: Readonly<
  Record<
    Permission,
    readonly [h: boolean, c: boolean, au: boolean, ad: boolean, i: boolean]
  >
> = {
  'session.use': [true, true, true, true, false],
  'protocol.read': [true, true, true, true, false],
  'patient.register': [true, true, false, false, false],
  'patient.read': [true, true, true, false, false],
  'workup.open': [true, true, false, false, false],
  'workup.read': [true, true, true, false, false],
  'workup.close': [true, false, false, false, false],
  'workup.reopen': [true, false, false, false, false],
  'workup.upgrade': [true, false, false, false, false],
  'workup.sign-off': [true, false, false, false, false],
  'item.order': [true, true, false, false, false],
  'item.schedule': [true, true, false, false, false],
  'item.perform': [true, true, false, false, false],
  'item.result': [true, false, false, false, false],
  'item.review': [true, false, false, false, false],
  'item.cancel': [true, true, false, false, false],
  'item.not-indicated': [true, false, false, false, false],
  'item.reopen': [true, false, false, false, false],
  'item.activate': [true, false, false, false, false],
  'worklist.read': [true, true, true, false, false],
  'report.read': [true, false, true, false, false],
  'audit.read': [false, false, true, false, false],
  'fhir.export': [true, false, true, false, false],
  'user.manage': [false, false, false, true, false],
  'interface.manage': [false, false, false, true, false],
  'inbound.submit': [false, false, false, false, true],
  'inbox.read': [true, true, true, false, false],
  'inbox.decide': [true, false, false, false, false],
  'inbox.raw': [true, false, true, false, false],
  'followup.read': [true, true, true, false, false],
  'followup.record': [true, false, false, false, false],
  'followup.schedule': [true, true, false, false, false],
};

const COLUMNS: readonly Role[] = [
  'hematologist',
  'coordinator',
  'auditor',
  'admin',
  'interface',
];
const CELLS = (
  Object.entries(MATRIX) as [Permission, readonly boolean[]][]
).flatMap(([permission, row]) =>
  COLUMNS.map((role, i) => ({ permission, role, allowed: row[i] })),
);
const held = (role: Role) => PERMISSION_KEYS.filter((p) => may(role, p)).sort();

describe('permissions (domain reference §7)', () => {
  it('has exactly the four roles of people and the interface role', () => {
    expect([...ROLES].sort()).toEqual([...COLUMNS].sort());
    expect([...PERSON_ROLES]).toEqual(['hematologist', 'coordinator', 'auditor', 'admin']);
  });

  it('lets an interface submit inbound results and nothing else', () => {
    expect(held('interface')).toEqual(['inbound.submit']);
    expect([...PERMISSIONS['inbound.submit']]).toEqual(['interface']);
    expect(isPersonRole('interface')).toBe(false);
    expect(isPersonRole('hematologist')).toBe(true);
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

  it('keeps coordinators from results, findings, sign-off, protocol upgrades and clinical judgement', () => {
    for (const permission of [
      'item.result',
      'item.review',
      'item.not-indicated',
      'item.reopen',
      'item.activate',
      'workup.close',
      'workup.reopen',
      'workup.upgrade',
      'workup.sign-off',
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
      'followup.read',
      'inbox.raw',
      'inbox.read',
      'patient.read',
      'protocol.read',
      'report.read',
      'session.use',
      'worklist.read',
      'workup.read',
    ]);
    expect(
      held('auditor').every((p) => /\.(read|export|use|raw)$/.test(p)),
    ).toBe(true);
  });

  it('gives the admin user and interface management and the protocol only, no clinical data', () => {
    expect(held('admin')).toEqual([
      'interface.manage',
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
