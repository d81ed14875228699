import type { Role } from '@poems/domain';

/**
 * Where a role starts: admins manage users, coordinators work their worklist (an in-basket), and
 * hematologists and auditors start from the patients.
 */
export function homeOf(role: Role): string {
  if (role === 'admin') {
    return '/users';
  }
  return role === 'coordinator' ? '/worklist' : '/patients';
}
