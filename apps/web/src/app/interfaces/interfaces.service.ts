import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  apiPath,
  type CreatedApiKey,
  type CreateInterfaceRequest,
  type LabInterfaceView,
  type UpdateInterfaceRequest,
} from '@poems/contract';
import type { Observable } from 'rxjs';

/** Laboratory interfaces and their API keys (admins). */
@Injectable({ providedIn: 'root' })
export class InterfacesService {
  private readonly http = inject(HttpClient);

  list(): Observable<LabInterfaceView[]> {
    return this.http.get<LabInterfaceView[]>(
      apiPath('GET /api/interfaces', {}),
    );
  }

  create(body: CreateInterfaceRequest): Observable<LabInterfaceView> {
    return this.http.post<LabInterfaceView>(
      apiPath('POST /api/interfaces', {}),
      body,
    );
  }

  update(
    id: string,
    body: UpdateInterfaceRequest,
  ): Observable<LabInterfaceView> {
    return this.http.patch<LabInterfaceView>(
      apiPath('PATCH /api/interfaces/{id}', { id }),
      body,
    );
  }

  createKey(id: string, overlapHours: number): Observable<CreatedApiKey> {
    return this.http.post<CreatedApiKey>(
      apiPath('POST /api/interfaces/{id}/keys', { id }),
      { overlapHours },
    );
  }

  revokeKey(id: string, keyId: string): Observable<LabInterfaceView> {
    return this.http.post<LabInterfaceView>(
      apiPath('POST /api/interfaces/{id}/keys/{key}/revoke', {
        id,
        key: keyId,
      }),
      {},
    );
  }
}
