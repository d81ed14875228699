import type { ClinicView } from '@poems/contract';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('GET /api/clinic', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { CLINIC_TIME_ZONE: 'America/New_York', DUE_SOON_DAYS: '10' },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('tells any client, signed in or not, the clinic clock to show times on', async () => {
    const response = await fetch(`${app.baseUrl}/api/clinic`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ClinicView;
    expect(body).toEqual({ timeZone: 'America/New_York', dueSoonDays: 10 });
  });
});
