import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiPath, type CompletionReport } from '@poems/contract';
import type { Observable } from 'rxjs';
import {
  type DownloadEvent,
  FileDownloads,
} from '../../core/download/file-downloads';
import type { ReportFilters, ReportQuery } from '../util/report-query';

/** The files the completion report downloads as. */
export type ReportFile = 'csv' | 'pdf';

function filterParams(filters: ReportFilters): HttpParams {
  let params = new HttpParams().set('from', filters.from).set('to', filters.to);
  for (const key of ['attending', 'status', 'overall'] as const) {
    const value = filters[key];
    if (value !== undefined) {
      params = params.set(key, value);
    }
  }
  return params;
}

/** The auditors' completion report: a page as JSON, every row as CSV or PDF. */
@Injectable({ providedIn: 'root' })
export class ReportsService {
  private readonly http = inject(HttpClient);
  private readonly downloads = inject(FileDownloads);

  completion(query: ReportQuery): Observable<CompletionReport> {
    return this.http.get<CompletionReport>(
      apiPath('GET /api/reports/completion', {}),
      {
        params: filterParams(query)
          .set('page', query.page)
          .set('pageSize', query.pageSize),
      },
    );
  }

  /** Downloads every row of the report; the API names the file. */
  download(
    filters: ReportFilters,
    file: ReportFile,
  ): Observable<DownloadEvent> {
    let params = filterParams(filters).set('format', file);
    if (file === 'csv') {
      // Spreadsheet programs read a CSV without a byte order mark as a legacy code page, which
      // garbles accented names; parsers that expect none skip it (csv-parse `bom: true`).
      params = params.set('bom', true);
    }
    return this.downloads.fetch({
      url: apiPath('GET /api/reports/completion', {}),
      params,
      filename: `completion_${filters.from}_${filters.to}.${file}`,
    });
  }
}
