import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type WorklistBucket } from '@poems/domain';
import {
  apiPath,
  type BulkActionRequest,
  type BulkActionResult,
  type CalendarFeedStatusView,
  type CalendarFeedView,
  type WorklistPage,
  type WorklistSort,
} from '@poems/contract';
import type { Observable } from 'rxjs';

/** What the worklist asks for. */
export interface WorklistQuery {
  readonly bucket: WorklistBucket;
  readonly page: number;
  readonly pageSize: number;
  readonly sort: WorklistSort;
  /** MRN or name words, as the patient search reads them. */
  readonly patient?: string;
  /** A catalog item key. */
  readonly item?: string;
  /** Start of a location's name. */
  readonly location?: string;
  /** The attending hematologist's user id. */
  readonly attending?: string;
}

/** The worklist's filters, in the order they are sent. */
const FILTERS = ['patient', 'item', 'location', 'attending'] as const;

/** The coordinator's worklist. */
@Injectable({ providedIn: 'root' })
export class WorklistService {
  private readonly http = inject(HttpClient);

  page(query: WorklistQuery): Observable<WorklistPage> {
    let params = new HttpParams()
      .set('bucket', query.bucket)
      .set('page', query.page)
      .set('pageSize', query.pageSize)
      .set('sort', query.sort);
    for (const filter of FILTERS) {
      const value = query[filter];
      if (value !== undefined && value !== '') {
        params = params.set(filter, value);
      }
    }
    return this.http.get<WorklistPage>(apiPath('GET /api/worklist', {}), {
      params,
    });
  }

  /** Schedules, or marks performed, several items: each on its own, every outcome reported. */
  bulk(request: BulkActionRequest): Observable<BulkActionResult> {
    return this.http.post<BulkActionResult>(
      apiPath('POST /api/worklist/bulk', {}),
      request,
    );
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
