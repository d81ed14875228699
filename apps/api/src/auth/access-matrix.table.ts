import type { Permission } from '@poems/domain';

/** How the access-matrix test calls one route. */
export interface MatrixRow {
  /** What the route requires: `public`, or the permission its decorator must declare. */
  readonly permission: Permission | 'public';
  /** A concrete path; by default every `{param}` of the key becomes a random UUID. */
  readonly path?: string;
  readonly body?: unknown;
}

/**
 * Every route of the API, keyed as in the OpenAPI document ("METHOD /api/path/{param}"). The
 * access-matrix test fails when a route is missing here or listed but gone, so a new endpoint
 * cannot ship without its row — and its row states who may call it.
 */
export const ACCESS_MATRIX: Readonly<Record<string, MatrixRow>> = {
  'GET /api/health': { permission: 'public' },
  'POST /api/auth/login': { permission: 'public', body: {} },
  'GET /api/auth/demo-accounts': { permission: 'public' },
  'GET /api/auth/me': { permission: 'session.use' },
  'POST /api/auth/logout': { permission: 'session.use' },
  'GET /api/protocols/{key}': {
    permission: 'protocol.read',
    path: '/api/protocols/poems-dispenzieri',
  },
  'GET /api/users': { permission: 'user.manage' },
  'POST /api/users': { permission: 'user.manage', body: {} },
  'PATCH /api/users/{id}': { permission: 'user.manage', body: {} },
};
