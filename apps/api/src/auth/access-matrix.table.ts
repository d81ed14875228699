import type { Permission } from '@poems/domain';
import type { ApiRoute } from '@poems/contract';

/** How the access-matrix test calls one route. */
export interface MatrixRow {
  /** What the route requires: `public`, or the permission its decorator must declare. */
  readonly permission: Permission | 'public';
  /** A concrete path; by default every `{param}` of the key becomes a random UUID. */
  readonly path?: string;
  readonly body?: unknown;
  /** The call ends the caller's session: the test signs in afresh for it. */
  readonly endsSession?: boolean;
}

/**
 * Every route of the API, keyed as in the OpenAPI document ("METHOD /api/path/{param}"). Typed by
 * the contract's route list, so every contract route needs a row; the access-matrix test fails
 * when the OpenAPI document and this table differ, so a new endpoint cannot ship without its row
 * and its place in the contract — and its row states who may call it.
 */
export const ACCESS_MATRIX: Readonly<Record<ApiRoute, MatrixRow>> = {
  'GET /api/health': { permission: 'public' },
  'GET /api/clinic': { permission: 'public' },
  'POST /api/auth/login': { permission: 'public', body: {} },
  'GET /api/auth/demo-accounts': { permission: 'public' },
  'GET /api/auth/providers': { permission: 'public' },
  'GET /api/auth/oidc/login': { permission: 'public' },
  'GET /api/auth/oidc/callback': { permission: 'public' },
  'POST /api/auth/oidc/exchange': { permission: 'public', body: {} },
  'POST /api/auth/oidc/backchannel-logout': { permission: 'public', body: {} },
  'GET /api/auth/me': { permission: 'session.use' },
  'POST /api/auth/logout': { permission: 'session.use', endsSession: true },
  'POST /api/auth/refresh': { permission: 'session.use' },
  'POST /api/auth/password': { permission: 'session.use', body: {} },
  'POST /api/auth/mfa/verify': { permission: 'public', body: {} },
  'GET /api/auth/mfa': { permission: 'session.use' },
  'POST /api/auth/mfa/enrolment': { permission: 'session.use' },
  'POST /api/auth/mfa/enrolment/confirm': {
    permission: 'session.use',
    body: {},
  },
  'POST /api/auth/mfa/recovery-codes': { permission: 'session.use', body: {} },
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
  'POST /api/workups/{id}/upgrade': { permission: 'workup.upgrade', body: {} },
  'POST /api/workups/{id}/sign-off': {
    permission: 'workup.sign-off',
    body: {},
  },
  'GET /api/workups/{id}/evaluations': { permission: 'workup.read' },
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
  'GET /api/patients/{id}/follow-up': { permission: 'followup.read' },
  'GET /api/patients/{id}/follow-up/history': { permission: 'followup.read' },
  'POST /api/patients/{id}/follow-up/diagnosis': {
    permission: 'followup.record',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/staging': {
    permission: 'followup.record',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/risk': {
    permission: 'followup.record',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/lines': {
    permission: 'followup.record',
    body: {},
  },
  'PATCH /api/patients/{id}/follow-up/lines/{line}': {
    permission: 'followup.record',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/lines/{line}/end': {
    permission: 'followup.record',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/instances/{instance}/schedule': {
    permission: 'followup.schedule',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/instances/{instance}/perform': {
    permission: 'followup.schedule',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/instances/{instance}/cancel': {
    permission: 'followup.schedule',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/instances/{instance}/activate': {
    permission: 'followup.record',
    body: {},
  },
  'POST /api/patients/{id}/follow-up/instances/{instance}/result': {
    permission: 'followup.record',
    body: {},
  },
  'GET /api/worklist': { permission: 'worklist.read' },
  'GET /api/worklist/calendar.ics': { permission: 'worklist.read' },
  'GET /api/worklist/calendar-feed': { permission: 'worklist.read' },
  'POST /api/worklist/calendar-feed': { permission: 'worklist.read' },
  'DELETE /api/worklist/calendar-feed': { permission: 'worklist.read' },
  // Gated by worklist.read; the service then checks the action's own permission (auditors: 403).
  'POST /api/worklist/bulk': { permission: 'worklist.read', body: {} },
  'GET /api/reports/completion': { permission: 'report.read' },
  'GET /api/reports/follow-up': { permission: 'report.read' },
  'GET /api/patients/{id}/fhir': { permission: 'fhir.export' },
  'GET /api/users': { permission: 'user.manage' },
  'POST /api/users': { permission: 'user.manage', body: {} },
  'PATCH /api/users/{id}': { permission: 'user.manage', body: {} },
  'GET /api/users/{id}/sessions': { permission: 'user.manage' },
  'POST /api/users/{id}/sessions/end': { permission: 'user.manage' },
  'POST /api/users/{id}/sessions/{session}/end': { permission: 'user.manage' },
  'DELETE /api/users/{id}/mfa': { permission: 'user.manage' },
  'GET /api/audit-events': { permission: 'audit.read' },
  'GET /api/audit-events/verify': { permission: 'audit.read' },
  'GET /api/interfaces': { permission: 'interface.manage' },
  'POST /api/interfaces': { permission: 'interface.manage', body: {} },
  'GET /api/interfaces/{id}': { permission: 'interface.manage' },
  'PATCH /api/interfaces/{id}': { permission: 'interface.manage', body: {} },
  'POST /api/interfaces/{id}/keys': {
    permission: 'interface.manage',
    body: {},
  },
  'POST /api/interfaces/{id}/keys/{key}/revoke': {
    permission: 'interface.manage',
    body: {},
  },
  'GET /api/inbox': { permission: 'inbox.read' },
  'GET /api/inbox/count': { permission: 'inbox.read' },
  'GET /api/inbox/{id}': { permission: 'inbox.read' },
  'GET /api/inbox/{id}/raw': { permission: 'inbox.raw' },
  'POST /api/inbox/{id}/apply': { permission: 'inbox.decide', body: {} },
  'POST /api/inbox/{id}/dismiss': { permission: 'inbox.decide', body: {} },
  'POST /api/fhir': { permission: 'inbound.submit', body: {} },
  'POST /api/fhir/r4': { permission: 'inbound.submit', body: {} },
  'POST /api/fhir/Bundle': { permission: 'inbound.submit', body: {} },
  'POST /api/fhir/r4/Bundle': { permission: 'inbound.submit', body: {} },
  'POST /api/fhir/Observation': { permission: 'inbound.submit', body: {} },
  'POST /api/fhir/r4/Observation': { permission: 'inbound.submit', body: {} },
  'GET /api/fhir/metadata': { permission: 'public' },
  'GET /api/fhir/r4/metadata': { permission: 'public' },
};
