import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiPath, type FollowupView } from '@poems/contract';
import type { Observable } from 'rxjs';

/** The follow-up after the diagnosis; every change answers with the whole follow-up. */
@Injectable({ providedIn: 'root' })
export class FollowupService {
  private readonly http = inject(HttpClient);

  get(patientId: string): Observable<FollowupView> {
    return this.http.get<FollowupView>(
      apiPath('GET /api/patients/{id}/follow-up', { id: patientId }),
    );
  }

  signOff(
    patientId: string,
    body: { workupId: string; diagnosisDate?: string },
  ): Observable<FollowupView> {
    return this.http.post<FollowupView>(
      apiPath('POST /api/patients/{id}/follow-up/diagnosis', { id: patientId }),
      body,
    );
  }

  recordStaging(
    patientId: string,
    body: Record<string, unknown>,
  ): Observable<FollowupView> {
    return this.http.post<FollowupView>(
      apiPath('POST /api/patients/{id}/follow-up/staging', { id: patientId }),
      body,
    );
  }

  recordRisk(
    patientId: string,
    body: { observations: Record<string, unknown>[] },
  ): Observable<FollowupView> {
    return this.http.post<FollowupView>(
      apiPath('POST /api/patients/{id}/follow-up/risk', { id: patientId }),
      body,
    );
  }

  createLine(
    patientId: string,
    body: Record<string, unknown>,
  ): Observable<FollowupView> {
    return this.http.post<FollowupView>(
      apiPath('POST /api/patients/{id}/follow-up/lines', { id: patientId }),
      body,
    );
  }

  recordResult(
    patientId: string,
    instanceId: string,
    body: Record<string, unknown>,
  ): Observable<FollowupView> {
    return this.http.post<FollowupView>(
      apiPath('POST /api/patients/{id}/follow-up/instances/{instance}/result', {
        id: patientId,
        instance: instanceId,
      }),
      body,
    );
  }

  /** Schedules an instance or marks it done (performed, awaiting its result). */
  actOnInstance(
    patientId: string,
    instanceId: string,
    action: 'schedule' | 'perform',
    body: Record<string, unknown>,
  ): Observable<FollowupView> {
    const params = { id: patientId, instance: instanceId };
    return this.http.post<FollowupView>(
      action === 'schedule'
        ? apiPath(
            'POST /api/patients/{id}/follow-up/instances/{instance}/schedule',
            params,
          )
        : apiPath(
            'POST /api/patients/{id}/follow-up/instances/{instance}/perform',
            params,
          ),
      body,
    );
  }
}
