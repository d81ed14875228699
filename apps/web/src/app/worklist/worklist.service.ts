import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { WorklistBucket, WorklistPage } from '@poems/domain';
import type { Observable } from 'rxjs';

/** Sort orders the worklist endpoint accepts; `-` sorts descending. */
export const WORKLIST_SORTS = [
  'dueDate',
  '-dueDate',
  'patientName',
  '-patientName',
  'itemName',
  '-itemName',
  'status',
  '-status',
  'scheduledAt',
  '-scheduledAt',
] as const;

/** A worklist sort order; a leading `-` is descending. */
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

/** What the worklist asks for. */
export interface WorklistQuery {
  readonly bucket: WorklistBucket;
  readonly page: number;
  readonly pageSize: number;
  readonly sort: WorklistSort;
}

/** The coordinator's worklist. */
@Injectable({ providedIn: 'root' })
export class WorklistService {
  private readonly http = inject(HttpClient);

  page(query: WorklistQuery): Observable<WorklistPage> {
    return this.http.get<WorklistPage>('/api/worklist', {
      params: new HttpParams()
        .set('bucket', query.bucket)
        .set('page', query.page)
        .set('pageSize', query.pageSize)
        .set('sort', query.sort),
    });
  }
}
