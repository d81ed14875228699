import type { ApiRoute, Permission } from '@poems/domain';

/** How the access-matrix test calls one route. */
export interface MatrixRow {
  /** What the route requires: `public`, or the permission its decorator must declare. */
  readonly permission: Permission | 'public';
  /** A concrete path; by default every `{param}` of the key becomes a random UUID. */
  readonly path?: string;
  readonly body?: unknown;
}

/**
 * Every route of the API, keyed as in the OpenAPI document ("METHOD /api/path/{param}"). Typed by
 * the contract's route list, so every contract route needs a row; the access-matrix test fails
 * when the OpenAPI document and this table differ, so a new endpoint cannot ship without its row
 * and its place in the contract — and its row states who may call it.
 */
export const ACCESS_MATRIX: Readonly<Record<ApiRoute, MatrixRow>> = {
  'GET /api/health': { permission: 'public' },
  'POST /api/auth/login': { permission: 'public', body: {} },
  'GET /api/auth/demo-accounts': { permission: 'public' },
  'GET /api/auth/me': { permission: 'session.use' },
  'POST /api/auth/logout': { permission: 'session.use' },
  'GET /api/protocols/{key}': {
    permission: 'protocol.read',
    path: '/api/protocols/poems-dispenzieri',
  },
  'GET /api/patients': { permission: 'patient.read' },
  'POST /api/patients': { permission: 'patient.register', body: {} },
  'GET /api/patients/{id}': { permission: 'patient.read' },
  'POST /api/patients/{id}/workups': { permission: 'workup.open', body: {} },
  'GET /api/workups/{id}': { permission: 'workup.read' },
  'POST /api/workups/{id}/close': { permission: 'workup.close', body: {} },
  'POST /api/workups/{id}/reopen': { permission: 'workup.reopen', body: {} },
  'GET /api/workups/{id}/items/{key}/history': { permission: 'workup.read' },
  'POST /api/workups/{id}/items/{key}/order': {
    permission: 'item.order',
    body: {},
  },
  'POST /api/workups/{id}/items/{key}/schedule': {
    permission: 'item.schedule',
    body: {},
  },
  'POST /api/workups/{id}/items/{key}/perform': {
    permission: 'item.perform',
    body: {},
  },
  'POST /api/workups/{id}/items/{key}/result': {
    permission: 'item.result',
    body: {},
  },
  'POST /api/workups/{id}/items/{key}/review': {
    permission: 'item.review',
    body: {},
  },
  'POST /api/workups/{id}/items/{key}/cancel': {
    permission: 'item.cancel',
    body: {},
  },
  'POST /api/workups/{id}/items/{key}/not-indicated': {
    permission: 'item.not-indicated',
    body: {},
  },
  'POST /api/workups/{id}/items/{key}/reopen': {
    permission: 'item.reopen',
    body: {},
  },
  'POST /api/workups/{id}/items/{key}/activate': {
    permission: 'item.activate',
    body: {},
  },
  'GET /api/worklist': { permission: 'worklist.read' },
  'GET /api/worklist/calendar.ics': { permission: 'worklist.read' },
  'POST /api/worklist/calendar-feed': { permission: 'worklist.read' },
  'GET /api/reports/completion': { permission: 'report.read' },
  'GET /api/patients/{id}/fhir': { permission: 'fhir.export' },
  'GET /api/users': { permission: 'user.manage' },
  'POST /api/users': { permission: 'user.manage', body: {} },
  'PATCH /api/users/{id}': { permission: 'user.manage', body: {} },
  'GET /api/audit-events': { permission: 'audit.read' },
  'GET /api/audit-events/verify': { permission: 'audit.read' },
};
