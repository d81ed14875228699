/**
 * Every route of the public HTTP contract, as `METHOD /api/path/{param}` — the form the OpenAPI
 * document uses. The web app builds its URLs only through {@link apiPath}, and an API test checks
 * this list against the OpenAPI document generated from the code, so a renamed or removed route
 * fails a test instead of a user.
 */
export const API_ROUTES = [
  'GET /api/health',
  'GET /api/clinic',
  'POST /api/auth/login',
  'GET /api/auth/demo-accounts',
  'GET /api/auth/providers',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  'POST /api/auth/oidc/exchange',
  'POST /api/auth/oidc/backchannel-logout',
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'POST /api/auth/refresh',
  'POST /api/auth/password',
  'POST /api/auth/mfa/verify',
  'GET /api/auth/mfa',
  'POST /api/auth/mfa/enrolment',
  'POST /api/auth/mfa/enrolment/confirm',
  'POST /api/auth/mfa/recovery-codes',
  'GET /api/protocols/{key}',
  'GET /api/users',
  'POST /api/users',
  'PATCH /api/users/{id}',
  'GET /api/users/{id}/sessions',
  'POST /api/users/{id}/sessions/end',
  'POST /api/users/{id}/sessions/{session}/end',
  'DELETE /api/users/{id}/mfa',
  'GET /api/patients',
  'POST /api/patients',
  'GET /api/patients/{id}',
  'POST /api/patients/{id}/workups',
  'GET /api/workups/{id}',
  'POST /api/workups/{id}/close',
  'POST /api/workups/{id}/reopen',
  'POST /api/workups/{id}/upgrade',
  'POST /api/workups/{id}/sign-off',
  'GET /api/workups/{id}/evaluations',
  'GET /api/workups/{id}/items/{key}/history',
  'POST /api/workups/{id}/items/{key}/order',
  'POST /api/workups/{id}/items/{key}/schedule',
  'POST /api/workups/{id}/items/{key}/perform',
  'POST /api/workups/{id}/items/{key}/result',
  'POST /api/workups/{id}/items/{key}/review',
  'POST /api/workups/{id}/items/{key}/cancel',
  'POST /api/workups/{id}/items/{key}/not-indicated',
  'POST /api/workups/{id}/items/{key}/reopen',
  'POST /api/workups/{id}/items/{key}/activate',
  'GET /api/patients/{id}/follow-up',
  'GET /api/patients/{id}/follow-up/history',
  'POST /api/patients/{id}/follow-up/diagnosis',
  'POST /api/patients/{id}/follow-up/staging',
  'POST /api/patients/{id}/follow-up/risk',
  'POST /api/patients/{id}/follow-up/lines',
  'PATCH /api/patients/{id}/follow-up/lines/{line}',
  'POST /api/patients/{id}/follow-up/lines/{line}/end',
  'POST /api/patients/{id}/follow-up/instances/{instance}/schedule',
  'POST /api/patients/{id}/follow-up/instances/{instance}/perform',
  'POST /api/patients/{id}/follow-up/instances/{instance}/cancel',
  'POST /api/patients/{id}/follow-up/instances/{instance}/activate',
  'POST /api/patients/{id}/follow-up/instances/{instance}/result',
  'GET /api/worklist',
  'GET /api/worklist/calendar.ics',
  'GET /api/worklist/calendar-feed',
  'POST /api/worklist/calendar-feed',
  'POST /api/worklist/bulk',
  'DELETE /api/worklist/calendar-feed',
  'GET /api/reports/completion',
  'GET /api/reports/follow-up',
  'GET /api/patients/{id}/fhir',
  'GET /api/audit-events',
  'GET /api/audit-events/verify',
  'GET /api/interfaces',
  'POST /api/interfaces',
  'GET /api/interfaces/{id}',
  'PATCH /api/interfaces/{id}',
  'POST /api/interfaces/{id}/keys',
  'POST /api/interfaces/{id}/keys/{key}/revoke',
  'GET /api/inbox',
  'GET /api/inbox/count',
  'GET /api/inbox/{id}',
  'GET /api/inbox/{id}/raw',
  'POST /api/inbox/{id}/apply',
  'POST /api/inbox/{id}/dismiss',
  'POST /api/fhir',
  'POST /api/fhir/r4',
  'POST /api/fhir/Bundle',
  'POST /api/fhir/r4/Bundle',
  'POST /api/fhir/Observation',
  'POST /api/fhir/r4/Observation',
  'GET /api/fhir/metadata',
  'GET /api/fhir/r4/metadata',
] as const;

/** A route of the contract. */
export type ApiRoute = (typeof API_ROUTES)[number];

/** The `{param}` names of a route's path. */
type ParamsOf<P extends string> =
  P extends `${string}{${infer Name}}${infer Rest}`
    ? Name | ParamsOf<Rest>
    : never;

/** The path parameters a route needs, by name. */
export type RouteParams<R extends ApiRoute> = Readonly<
  Record<ParamsOf<R extends `${string} ${infer Path}` ? Path : never>, string>
>;

/**
 * The URL path of a route with its parameters filled in (each encoded as one path segment).
 * @example apiPath('GET /api/workups/{id}', { id }) === `/api/workups/${id}`
 */
export function apiPath<R extends ApiRoute>(
  route: R,
  params: RouteParams<R>,
): string {
  const path = route.slice(route.indexOf(' ') + 1);
  return path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = (params as Record<string, string | undefined>)[name];
    if (value === undefined) {
      throw new Error(`apiPath: ${route} needs the parameter ${name}`);
    }
    return encodeURIComponent(value);
  });
}
