import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  apiPath,
  type CalendarFeedView,
  type WorklistBucket,
  type WorklistPage,
  type WorklistSort,
} from '@poems/domain';
import type { Observable } from 'rxjs';

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
    return this.http.get<WorklistPage>(apiPath('GET /api/worklist', {}), {
      params: new HttpParams()
        .set('bucket', query.bucket)
        .set('page', query.page)
        .set('pageSize', query.pageSize)
        .set('sort', query.sort),
    });
  }

  /** A personal address calendar apps can subscribe to (valid 180 days). */
  calendarFeed(): Observable<CalendarFeedView> {
    return this.http.post<CalendarFeedView>(
      apiPath('POST /api/worklist/calendar-feed', {}),
      null,
    );
  }
}
