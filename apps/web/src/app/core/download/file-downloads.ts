import {
  HttpClient,
  HttpEventType,
  type HttpParams,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { EMPTY, type Observable, mergeMap, of } from 'rxjs';
import { filenameFromContentDisposition } from './content-disposition';
import { FileSaver } from './file-saver';

/** What a running download reports: bytes as they arrive, then the saved file. */
export type DownloadEvent =
  | {
      readonly kind: 'progress';
      readonly loaded: number;
      /** From `Content-Length`; null for a streamed response, whose size is unknown until done. */
      readonly total: number | null;
    }
  | {
      readonly kind: 'saved';
      readonly filename: string;
      readonly bytes: number;
    };

/** How to fetch a file from the API. */
export interface DownloadRequest {
  readonly url: string;
  readonly params?: HttpParams;
  /** The name to save under when the response's `Content-Disposition` names none. */
  readonly filename: string;
}

/**
 * Downloads API files through HttpClient, so the interceptors add the bearer token and turn a
 * refusal into a readable {@link ApiError} (a plain link could carry neither the token nor the
 * error). The file is saved once it has arrived completely.
 */
@Injectable({ providedIn: 'root' })
export class FileDownloads {
  private readonly http = inject(HttpClient);
  private readonly saver = inject(FileSaver);

  fetch(request: DownloadRequest): Observable<DownloadEvent> {
    return this.http
      .get(request.url, {
        params: request.params,
        responseType: 'blob',
        observe: 'events',
        reportProgress: true,
      })
      .pipe(
        mergeMap((event): Observable<DownloadEvent> => {
          switch (event.type) {
            case HttpEventType.DownloadProgress:
              return of({
                kind: 'progress',
                loaded: event.loaded,
                total: event.total ?? null,
              });
            case HttpEventType.Response: {
              const blob = event.body ?? new Blob([]);
              const filename =
                filenameFromContentDisposition(
                  event.headers.get('Content-Disposition'),
                ) ?? request.filename;
              this.saver.save(blob, filename);
              return of({ kind: 'saved', filename, bytes: blob.size });
            }
            case HttpEventType.Sent:
            case HttpEventType.UploadProgress:
            case HttpEventType.ResponseHeader:
            case HttpEventType.User:
              return EMPTY;
          }
        }),
      );
  }
}
