import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { ApiError } from '../api/api-error';
import {
  AuthService,
  HANDLES_UNAUTHENTICATED,
  PASSIVE,
  type SignInNotice,
} from './auth.service';

/** What the sign-in page says, from the problem document of a 401. */
function noticeOf(error: ApiError): SignInNotice {
  switch (error.problem?.sessionEnded) {
    case 'idle':
      return 'idle';
    case 'ended':
    case 'max_lifetime':
      return 'ended';
    case undefined:
    default:
      return 'expired';
  }
}

/** Same-origin API paths only: the token must never travel to another host. */
function isApiRequest(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * Attaches the bearer token to `/api` calls (marking passive ones), restarts the idle clock on the
 * user's requests, and ends the session when the API answers 401, saying why.
 * Registered before the error interceptor, so it sees normalised {@link ApiError}s.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiRequest(request.url)) {
    return next(request);
  }
  const auth = inject(AuthService);
  const token = auth.token();
  const passive = request.context.get(PASSIVE);
  const sent =
    token === null
      ? request
      : request.clone({
          setHeaders: {
            Authorization: `Bearer ${token}`,
            ...(passive ? { 'X-Session-Activity': 'passive' } : {}),
          },
        });
  if (token !== null && !passive) {
    // The server counts this request as activity: so does the idle warning's clock.
    auth.noteActivity();
  }
  return next(sent).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof ApiError &&
        error.status === 401 &&
        !request.context.get(HANDLES_UNAUTHENTICATED)
      ) {
        auth.expire(noticeOf(error));
      }
      return throwError(() => error);
    }),
  );
};
