import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  apiPath,
  type CreateUserRequest,
  type ManagedUserView,
  type Page,
  type SessionView,
  type UpdateUserRequest,
} from '@poems/contract';
import type { Observable } from 'rxjs';

/** Admin user management. */
@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly http = inject(HttpClient);

  list(page: number, pageSize: number): Observable<Page<ManagedUserView>> {
    return this.http.get<Page<ManagedUserView>>(apiPath('GET /api/users', {}), {
      params: new HttpParams().set('page', page).set('pageSize', pageSize),
    });
  }

  create(body: CreateUserRequest): Observable<ManagedUserView> {
    return this.http.post<ManagedUserView>(
      apiPath('POST /api/users', {}),
      body,
    );
  }

  update(id: string, body: UpdateUserRequest): Observable<ManagedUserView> {
    return this.http.patch<ManagedUserView>(
      apiPath('PATCH /api/users/{id}', { id }),
      body,
    );
  }

  /** The user's open sessions and those ended in the last day, newest first. */
  sessions(id: string): Observable<SessionView[]> {
    return this.http.get<SessionView[]>(
      apiPath('GET /api/users/{id}/sessions', { id }),
    );
  }

  endSession(id: string, session: string): Observable<void> {
    return this.http.post<void>(
      apiPath('POST /api/users/{id}/sessions/{session}/end', { id, session }),
      null,
    );
  }

  endAllSessions(id: string): Observable<void> {
    return this.http.post<void>(
      apiPath('POST /api/users/{id}/sessions/end', { id }),
      null,
    );
  }

  /** Removes the user's authenticator and recovery codes; ends their sessions. */
  resetMfa(id: string): Observable<void> {
    return this.http.delete<void>(apiPath('DELETE /api/users/{id}/mfa', { id }));
  }
}

/** Whether an account is locked after failed sign-ins at `now`. */
export function isLocked(
  user: ManagedUserView,
  now: Date = new Date(),
): boolean {
  return (
    user.lockedUntil !== null &&
    new Date(user.lockedUntil).getTime() > now.getTime()
  );
}
