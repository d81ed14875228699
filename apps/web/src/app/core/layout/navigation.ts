import { may, type Permission, type Role } from '@poems/domain';

/** An entry of the main navigation and the permissions its page needs. */
export interface NavItem {
  readonly label: string;
  readonly path: string;
  readonly permissions: readonly Permission[];
}

/**
 * The main navigation. Each entry's permissions are exactly those its route guard checks, so a
 * link is shown if and only if the page opens.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Patients', path: '/patients', permissions: ['patient.read'] },
  // The worklist is where items get scheduled: it is for those who schedule, not for auditors.
  {
    label: 'Worklist',
    path: '/worklist',
    permissions: ['worklist.read', 'item.schedule'],
  },
  { label: 'Inbox', path: '/inbox', permissions: ['inbox.read'] },
  { label: 'Reports', path: '/reports', permissions: ['report.read'] },
  { label: 'Audit', path: '/audit', permissions: ['audit.read'] },
  { label: 'Users', path: '/users', permissions: ['user.manage'] },
  {
    label: 'Interfaces',
    path: '/interfaces',
    permissions: ['interface.manage'],
  },
];

/** The navigation a role sees. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) =>
    item.permissions.every((p) => may(role, p)),
  );
}

/** The permissions the page at `path` needs (for its route guard). */
export function permissionsOf(path: string): Permission[] {
  const item = NAV_ITEMS.find((i) => i.path === path);
  if (!item) {
    throw new Error(`No navigation entry for ${path}`);
  }
  return [...item.permissions];
}
