import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  apiPath,
  type CreateUserRequest,
  type ManagedUserView,
  type Page,
  type UpdateUserRequest,
} from '@poems/domain';
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
