import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  apiPath,
  type Page,
  type PatientDetailView,
  type PatientListItem,
  type PatientView,
  type RegisterPatientRequest,
  type WorkupView,
} from '@poems/contract';
import type { Observable } from 'rxjs';

/** What the patient list asks for. */
export interface PatientQuery {
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
}

/** Patients and opening their workups. */
@Injectable({ providedIn: 'root' })
export class PatientsService {
  private readonly http = inject(HttpClient);

  list(query: PatientQuery): Observable<Page<PatientListItem>> {
    let params = new HttpParams()
      .set('page', query.page)
      .set('pageSize', query.pageSize);
    if (query.q !== '') {
      params = params.set('q', query.q);
    }
    return this.http.get<Page<PatientListItem>>(
      apiPath('GET /api/patients', {}),
      { params },
    );
  }

  register(body: RegisterPatientRequest): Observable<PatientView> {
    return this.http.post<PatientView>(apiPath('POST /api/patients', {}), body);
  }

  get(id: string): Observable<PatientDetailView> {
    return this.http.get<PatientDetailView>(
      apiPath('GET /api/patients/{id}', { id }),
    );
  }

  /** Opens a workup with the current protocol; 409 when one is already open. */
  openWorkup(patientId: string): Observable<WorkupView> {
    return this.http.post<WorkupView>(
      apiPath('POST /api/patients/{id}/workups', { id: patientId }),
      {},
    );
  }
}

/** A patient's name as lists show it. */
export function patientName(
  patient: Pick<PatientView, 'givenName' | 'familyName'>,
): string {
  return `${patient.familyName}, ${patient.givenName}`;
}
