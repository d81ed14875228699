import type { ManagedUserView, UserView } from '@poems/contract';
import type { UserEntity } from './user.entity';

export function userView(user: UserEntity): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
  };
}

/** A user as admins see it; `mfaEnrolled` is read from `user_mfa` by the caller. */
export function managedUserView(
  user: UserEntity,
  mfaEnrolled: boolean,
): ManagedUserView {
  return {
    ...userView(user),
    active: user.active,
    mfaEnrolled,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    version: user.version,
  };
}

/** The audited fields of a user: never the password hash. */
export function auditedUserFields(user: UserEntity): Record<string, unknown> {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
  };
}
