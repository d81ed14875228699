import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type ItemAction } from '@poems/domain';
import {
  apiPath,
  type ItemActionBodies,
  type EvaluationSnapshotView,
  type ItemHistoryView,
  type PatientView,
  type SignOffWorkupRequest,
  type UpgradeWorkupRequest,
  type WorkupTransitionRequest,
  type WorkupView,
} from '@poems/contract';
import type { Observable } from 'rxjs';
import { safeFilename } from '../../core/download/content-disposition';
import {
  type DownloadEvent,
  FileDownloads,
} from '../../core/download/file-downloads';

// The contract's item-action routes, by action: each is checked against the API's OpenAPI document.
const ACTION_ROUTES = {
  order: 'POST /api/workups/{id}/items/{key}/order',
  schedule: 'POST /api/workups/{id}/items/{key}/schedule',
  perform: 'POST /api/workups/{id}/items/{key}/perform',
  result: 'POST /api/workups/{id}/items/{key}/result',
  review: 'POST /api/workups/{id}/items/{key}/review',
  cancel: 'POST /api/workups/{id}/items/{key}/cancel',
  'not-indicated': 'POST /api/workups/{id}/items/{key}/not-indicated',
  reopen: 'POST /api/workups/{id}/items/{key}/reopen',
  activate: 'POST /api/workups/{id}/items/{key}/activate',
} as const satisfies Record<ItemAction, string>;

/** Workups, their items' actions and history. Every change answers with the whole workup. */
@Injectable({ providedIn: 'root' })
export class WorkupsService {
  private readonly http = inject(HttpClient);
  private readonly downloads = inject(FileDownloads);

  get(id: string): Observable<WorkupView> {
    return this.http.get<WorkupView>(apiPath('GET /api/workups/{id}', { id }));
  }

  /** Takes an action on an item at the version the user saw; 409 when someone changed it since. */
  act<A extends ItemAction>(
    workupId: string,
    itemKey: string,
    action: A,
    version: number,
    body: ItemActionBodies[A],
  ): Observable<WorkupView> {
    const route: (typeof ACTION_ROUTES)[ItemAction] = ACTION_ROUTES[action];
    return this.http.post<WorkupView>(
      apiPath(route, { id: workupId, key: itemKey }),
      { ...body, version },
    );
  }

  history(workupId: string, itemKey: string): Observable<ItemHistoryView[]> {
    return this.http.get<ItemHistoryView[]>(
      apiPath('GET /api/workups/{id}/items/{key}/history', {
        id: workupId,
        key: itemKey,
      }),
    );
  }

  /** The history of a workup's verdicts, oldest first. */
  verdicts(workupId: string): Observable<EvaluationSnapshotView[]> {
    return this.http.get<EvaluationSnapshotView[]>(
      apiPath('GET /api/workups/{id}/evaluations', { id: workupId }),
    );
  }

  /** Downloads one workup of a patient as a FHIR R4 Bundle (`patient-<MRN>-fhir.json`). */
  fhirExport(
    patient: Pick<PatientView, 'id' | 'mrn'>,
    workupId: string,
  ): Observable<DownloadEvent> {
    return this.downloads.fetch({
      url: apiPath('GET /api/patients/{id}/fhir', { id: patient.id }),
      params: new HttpParams().set('workup', workupId),
      filename: fhirFilename(patient),
    });
  }

  close(
    workupId: string,
    body: WorkupTransitionRequest,
  ): Observable<WorkupView> {
    return this.http.post<WorkupView>(
      apiPath('POST /api/workups/{id}/close', { id: workupId }),
      body,
    );
  }

  reopen(
    workupId: string,
    body: WorkupTransitionRequest,
  ): Observable<WorkupView> {
    return this.http.post<WorkupView>(
      apiPath('POST /api/workups/{id}/reopen', { id: workupId }),
      body,
    );
  }

  /** Moves an open workup to a newer protocol version; 409 when the workup changed since. */
  upgrade(
    workupId: string,
    body: UpgradeWorkupRequest,
  ): Observable<WorkupView> {
    return this.http.post<WorkupView>(
      apiPath('POST /api/workups/{id}/upgrade', { id: workupId }),
      body,
    );
  }

  signOff(
    workupId: string,
    body: SignOffWorkupRequest,
  ): Observable<WorkupView> {
    return this.http.post<WorkupView>(
      apiPath('POST /api/workups/{id}/sign-off', { id: workupId }),
      body,
    );
  }
}

/**
 * The file name of a patient's FHIR export: by MRN, which is what people file it under, reduced to
 * characters every file system takes; by id when nothing of the MRN is left.
 */
export function fhirFilename(patient: Pick<PatientView, 'id' | 'mrn'>): string {
  const mrn = safeFilename(patient.mrn.replace(/[^A-Za-z0-9._-]+/g, '_'));
  return `patient-${mrn ?? patient.id}-fhir.json`;
}
