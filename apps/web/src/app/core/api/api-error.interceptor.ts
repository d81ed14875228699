import {
  HttpErrorResponse,
  type HttpInterceptorFn,
} from '@angular/common/http';
import { type Observable, catchError, from, switchMap, throwError } from 'rxjs';
import { ApiError, parseProblem } from './api-error';

/**
 * The body of an error response as data. Downloads ask for a Blob, and then the error's body (a
 * problem document) arrives as a Blob too: it is read as text and parsed, so a refused download
 * reads as clearly as any other failed call.
 */
function errorBody(error: HttpErrorResponse): Observable<unknown> {
  const body: unknown = error.error;
  if (!(body instanceof Blob)) {
    return from([body]);
  }
  return from(
    readText(body).then(
      (text): unknown => {
        try {
          return JSON.parse(text);
        } catch {
          return text;
        }
      },
      () => null,
    ),
  );
}

// FileReader rather than Blob.text(): the same in every browser and in jsdom, which lacks text().
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable body'));
    reader.readAsText(blob);
  });
}

/** Normalises every failed HTTP call into an {@link ApiError}. */
export const apiErrorInterceptor: HttpInterceptorFn = (request, next) =>
  next(request).pipe(
    catchError((error: unknown) =>
      error instanceof HttpErrorResponse
        ? errorBody(error).pipe(
            switchMap((body) =>
              throwError(() => new ApiError(error.status, parseProblem(body))),
            ),
          )
        : throwError(() => error),
    ),
  );
