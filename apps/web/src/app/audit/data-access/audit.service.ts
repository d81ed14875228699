import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  apiPath,
  type AuditEventView,
  type AuditVerifyView,
  type Page,
} from '@poems/contract';
import type { Observable } from 'rxjs';
import {
  type DownloadEvent,
  FileDownloads,
} from '../../core/download/file-downloads';
import {
  type AuditFilters,
  type AuditQuery,
  type AuditSort,
  auditApiFilters,
  filtersOf,
} from '../util/audit-query';

/** The audit log for auditors: search, CSV export and verification of its hash chain. */
@Injectable({ providedIn: 'root' })
export class AuditService {
  private readonly http = inject(HttpClient);
  private readonly downloads = inject(FileDownloads);

  list(query: AuditQuery): Observable<Page<AuditEventView>> {
    return this.http.get<Page<AuditEventView>>(
      apiPath('GET /api/audit-events', {}),
      {
        params: new HttpParams({
          fromObject: auditApiFilters(filtersOf(query)),
        })
          .set('sort', query.sort)
          .set('page', query.page)
          .set('pageSize', query.pageSize),
      },
    );
  }

  /** Seals pending events and walks the whole chain (itself an audited action). */
  verify(): Observable<AuditVerifyView> {
    return this.http.get<AuditVerifyView>(
      apiPath('GET /api/audit-events/verify', {}),
    );
  }

  /** Every matching event, in the table's order, as CSV; the API names the file. */
  download(filters: AuditFilters, sort: AuditSort): Observable<DownloadEvent> {
    return this.downloads.fetch({
      url: apiPath('GET /api/audit-events', {}),
      params: new HttpParams({ fromObject: auditApiFilters(filters) })
        .set('sort', sort)
        .set('format', 'csv')
        // Spreadsheet programs need the byte order mark to read UTF-8.
        .set('bom', true),
      filename: 'audit-events.csv',
    });
  }
}
