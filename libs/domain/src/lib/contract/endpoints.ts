/**
 * Every route of the public HTTP contract, as `METHOD /api/path/{param}` — the form the OpenAPI
 * document uses. The web app builds its URLs only through {@link apiPath}, and an API test checks
 * this list against the OpenAPI document generated from the code, so a renamed or removed route
 * fails a test instead of a user.
 */
export const API_ROUTES = [
  'GET /api/health',
  'POST /api/auth/login',
  'GET /api/auth/demo-accounts',
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'GET /api/protocols/{key}',
  'GET /api/users',
  'POST /api/users',
  'PATCH /api/users/{id}',
  'GET /api/patients',
  'POST /api/patients',
  'GET /api/patients/{id}',
  'POST /api/patients/{id}/workups',
  'GET /api/workups/{id}',
  'POST /api/workups/{id}/close',
  'POST /api/workups/{id}/reopen',
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
  'GET /api/worklist',
  'GET /api/worklist/calendar.ics',
  'POST /api/worklist/calendar-feed',
  'GET /api/reports/completion',
  'GET /api/patients/{id}/fhir',
  'GET /api/audit-events',
  'GET /api/audit-events/verify',
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
