import {
  HttpErrorResponse,
  type HttpInterceptorFn,
} from '@angular/common/http';
import { catchError, throwError } from 'rxjs';
import { ApiError, parseProblem } from './api-error';

/** Normalises every failed HTTP call into an {@link ApiError}. */
export const apiErrorInterceptor: HttpInterceptorFn = (request, next) =>
  next(request).pipe(
    catchError((error: unknown) =>
      throwError(() =>
        error instanceof HttpErrorResponse
          ? new ApiError(error.status, parseProblem(error.error))
          : error,
      ),
    ),
  );
