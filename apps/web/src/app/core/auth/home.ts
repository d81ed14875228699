import type { Role } from '@poems/domain';

/** Where a role starts: admins manage users, everyone else works with patients. */
export function homeOf(role: Role): string {
  return role === 'admin' ? '/users' : '/patients';
}
