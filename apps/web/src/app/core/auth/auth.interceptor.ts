import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { ApiError } from '../api/api-error';
import { AuthService, HANDLES_UNAUTHENTICATED } from './auth.service';

/** Same-origin API paths only: the token must never travel to another host. */
function isApiRequest(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * Attaches the bearer token to `/api` calls and ends the session when the API answers 401.
 * Registered before the error interceptor, so it sees normalised {@link ApiError}s.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiRequest(request.url)) {
    return next(request);
  }
  const auth = inject(AuthService);
  const token = auth.token();
  const sent =
    token === null
      ? request
      : request.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
  return next(sent).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof ApiError &&
        error.status === 401 &&
        !request.context.get(HANDLES_UNAUTHENTICATED)
      ) {
        auth.expire();
      }
      return throwError(() => error);
    }),
  );
};
