import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ManagedUserView, Page, Role } from '@poems/domain';
import type { Observable } from 'rxjs';

/** `POST /api/users` body. */
export interface CreateUserRequest {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

/** `PATCH /api/users/:id` body: the current version plus what changes. */
export interface UpdateUserRequest {
  readonly version: number;
  readonly displayName?: string;
  readonly role?: Role;
  readonly active?: boolean;
  readonly password?: string;
  readonly unlock?: boolean;
}

/** The API's minimum password length for accounts (users.dto.ts). */
export const PASSWORD_MIN_LENGTH = 12;

/** Admin user management. */
@Injectable({ providedIn: 'root' })
export class UsersService {
  private readonly http = inject(HttpClient);

  list(page: number, pageSize: number): Observable<Page<ManagedUserView>> {
    return this.http.get<Page<ManagedUserView>>('/api/users', {
      params: new HttpParams().set('page', page).set('pageSize', pageSize),
    });
  }

  create(body: CreateUserRequest): Observable<ManagedUserView> {
    return this.http.post<ManagedUserView>('/api/users', body);
  }

  update(id: string, body: UpdateUserRequest): Observable<ManagedUserView> {
    return this.http.patch<ManagedUserView>(
      `/api/users/${encodeURIComponent(id)}`,
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
