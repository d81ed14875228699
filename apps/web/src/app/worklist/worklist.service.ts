import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  apiPath,
  type CalendarFeedStatusView,
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

  /** The caller's working subscription address (without its secret), or `feed: null`. */
  calendarFeedStatus(): Observable<CalendarFeedStatusView> {
    return this.http.get<CalendarFeedStatusView>(
      apiPath('GET /api/worklist/calendar-feed', {}),
    );
  }

  /** Revokes the caller's subscription address. */
  revokeCalendarFeed(): Observable<void> {
    return this.http.delete<void>(
      apiPath('DELETE /api/worklist/calendar-feed', {}),
    );
  }

  /** A new personal address calendar apps can subscribe to (valid 180 days); revokes the previous one. */
  calendarFeed(): Observable<CalendarFeedView> {
    return this.http.post<CalendarFeedView>(
      apiPath('POST /api/worklist/calendar-feed', {}),
      null,
    );
  }
}
