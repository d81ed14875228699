import type { APIRequestContext } from '@playwright/test';
import type {
  ItemActionPath,
  PatientView,
  RegisterPatientRequest,
  WorkupView,
} from '@poems/contract';
import { apiToken, expect, unique } from './fixtures';
import { addDays, todayIn } from '@poems/domain';
import { E2E_CLINIC_TIME_ZONE } from './clinic-zone';

/** A fresh patient's registration, unique to the calling test. */
export function aPatient(
  overrides: Partial<RegisterPatientRequest> = {},
): RegisterPatientRequest {
  const tag = unique('E2E');
  return {
    mrn: tag,
    givenName: 'Test',
    familyName: `Patient ${tag.slice(4)}`,
    birthDate: '1961-04-12',
    sex: 'male',
    ...overrides,
  };
}

/** Talks to the API as one user, for setting up what a test starts from. */
export class ClinicApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async as(
    request: APIRequestContext,
    username: string,
    password?: string,
  ): Promise<ClinicApi> {
    return new ClinicApi(request, await apiToken(request, username, password));
  }

  async registerPatient(
    patient: RegisterPatientRequest = aPatient(),
  ): Promise<PatientView> {
    const response = await this.request.post('/api/patients', {
      headers: this.headers(),
      data: patient,
    });
    expect(response.status(), 'patient registration').toBe(201);
    return (await response.json()) as PatientView;
  }

  async openWorkup(patientId: string): Promise<WorkupView> {
    const response = await this.request.post(
      `/api/patients/${patientId}/workups`,
      { headers: this.headers(), data: {} },
    );
    expect(response.status(), 'workup opening').toBe(201);
    return (await response.json()) as WorkupView;
  }

  async workup(id: string): Promise<WorkupView> {
    const response = await this.request.get(`/api/workups/${id}`, {
      headers: this.headers(),
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as WorkupView;
  }

  /** An item action at the item's current version. */
  async act(
    workupId: string,
    itemKey: string,
    action: ItemActionPath,
    body: Record<string, unknown> = {},
  ): Promise<WorkupView> {
    const current = (await this.workup(workupId)).items.find(
      (i) => i.key === itemKey,
    );
    expect(current, `item ${itemKey}`).toBeDefined();
    const response = await this.request.post(
      `/api/workups/${workupId}/items/${itemKey}/${action}`,
      {
        headers: this.headers(),
        data: { ...body, version: current?.version },
      },
    );
    expect(response.status(), `${action} ${itemKey}`).toBe(200);
    return (await response.json()) as WorkupView;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }
}

/** A `YYYY-MM-DD` date `days` from today in the clinic's calendar (not the browser's or UTC's). */
export function dateFromToday(days: number): string {
  return addDays(todayIn(E2E_CLINIC_TIME_ZONE, new Date()), days);
}
