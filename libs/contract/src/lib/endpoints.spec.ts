import { API_ROUTES, apiPath } from './endpoints';

describe('API routes', () => {
  it('fills path parameters, each encoded as one segment', () => {
    expect(
      apiPath('GET /api/workups/{id}/items/{key}/history', {
        id: 'a1',
        key: 'cbc',
      }),
    ).toBe('/api/workups/a1/items/cbc/history');
    expect(apiPath('GET /api/patients/{id}', { id: '../users' })).toBe(
      '/api/patients/..%2Fusers',
    );
    expect(apiPath('GET /api/worklist', {})).toBe('/api/worklist');
  });

  it('refuses a missing parameter instead of calling a wrong URL', () => {
    expect(() =>
      apiPath('GET /api/patients/{id}', {} as { id: string }),
    ).toThrow(/needs the parameter id/);
  });

  it('lists each route once, under /api, in METHOD path form', () => {
    expect(new Set(API_ROUTES).size).toBe(API_ROUTES.length);
    for (const route of API_ROUTES) {
      // FHIR names its resource types with a capital (`/api/fhir/r4/Observation`): the one
      // exception, under /api/fhir only.
      const path = route.replace(
        /^(\w+ \/api\/fhir(?:\/r4)?)\/(Bundle|Observation)$/,
        '$1/resource',
      );
      expect(path).toMatch(
        /^(GET|POST|PATCH|PUT|DELETE) \/api(\/[a-z0-9.{}-]+)*$/,
      );
    }
  });
});
