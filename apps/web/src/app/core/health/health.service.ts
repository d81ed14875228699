import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { apiPath } from '@poems/contract';
import { type Observable, catchError, map, of, timeout } from 'rxjs';
import { ApiError } from '../api/api-error';
import type { ApiHealth } from './api-health';

/** A health check that has not answered by then counts as unavailable. */
export const HEALTH_TIMEOUT_MS = 10_000;

@Injectable({ providedIn: 'root' })
export class HealthService {
  private readonly http = inject(HttpClient);

  /**
   * `GET /api/health` answers 200 when the database answers and 503 with a
   * problem document when it does not. Anything else (no answer, a proxy or
   * gateway error without a problem document) means the API is unavailable.
   * Never errors.
   */
  check(): Observable<ApiHealth> {
    return this.http.get<unknown>(apiPath('GET /api/health', {})).pipe(
      timeout({ first: HEALTH_TIMEOUT_MS }),
      map((): ApiHealth => ({ kind: 'reachable', database: 'up' })),
      catchError((error: unknown) =>
        of<ApiHealth>(
          error instanceof ApiError &&
            error.status === 503 &&
            error.problem !== null
            ? { kind: 'reachable', database: 'down' }
            : { kind: 'unavailable' },
        ),
      ),
    );
  }
}
