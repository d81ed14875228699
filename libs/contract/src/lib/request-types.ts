/**
 * The request bodies and query options of the public HTTP contract, shared by the API (whose
 * validated DTO classes implement them) and the web app (which sends them), so the two cannot
 * drift. Instants are ISO 8601 strings with offset; dates are `YYYY-MM-DD`.
 */
import type { ItemAction, ItemActionBodies, Role } from '@poems/domain';

/** Shortest password accepted for an account set through the API or the CLI. */
export const PASSWORD_MIN_LENGTH = 12;
/** Longest password accepted (argon2 hashes any length; this bounds the work per attempt). */
export const PASSWORD_MAX_LENGTH = 256;

/** `POST /api/auth/login`. */
export interface LoginRequest {
  readonly username: string;
  readonly password: string;
}

/**
 * `POST /api/auth/mfa/verify`: the second step of a sign-in, with either a code of the
 * authenticator app or one of the recovery codes.
 */
export interface MfaVerifyRequest {
  readonly challengeToken: string;
  readonly code?: string;
  readonly recoveryCode?: string;
}

/** `POST /api/auth/mfa/enrolment/confirm`: the first code of the newly added authenticator. */
export interface MfaConfirmRequest {
  readonly code: string;
}

/**
 * `POST /api/auth/mfa/recovery-codes`: a current code of the authenticator app, proving the
 * caller holds the second factor and not just a session.
 */
export interface MfaRegenerateRecoveryCodesRequest {
  readonly code: string;
}

/** `POST /api/auth/password`: self-service password change. */
export interface ChangePasswordRequest {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/** One row of `GET /api/auth/demo-accounts` (demo mode only). */
export interface DemoAccount {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
}

/** `POST /api/users`. */
export interface CreateUserRequest {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

/** `PATCH /api/users/:id`: the current version plus what changes. */
export interface UpdateUserRequest {
  readonly version: number;
  readonly displayName?: string;
  readonly role?: Role;
  readonly active?: boolean;
  /** A new password, set by an admin. */
  readonly password?: string;
  /** Clears a lock after failed sign-ins. */
  readonly unlock?: boolean;
}

/** `POST /api/patients/:id/workups`. */
export interface OpenWorkupRequest {
  /** Only `poems-dispenzieri` today; its newest version is used. */
  readonly protocol?: string;
  /** The attending hematologist; by default the hematologist who opens the workup. */
  readonly attendingId?: string;
}

/**
 * `POST /api/workups/:id/upgrade`: `version` is the workup's current version (409 when stale);
 * `protocolVersion` the target, by default the newest (422 when not newer).
 */
export interface UpgradeWorkupRequest {
  readonly version: number;
  readonly reason: string;
  readonly protocolVersion?: number;
}

/** `POST /api/workups/:id/close` and `/reopen`. */
export interface WorkupTransitionRequest {
  /** The workup's current version. */
  readonly version: number;
  readonly reason: string;
}

/** `POST /api/workups/:id/sign-off`: the hematologist attests the evaluation as it stands. */
export interface SignOffWorkupRequest {
  /** The workup's current version. */
  readonly version: number;
  readonly note?: string;
}

/** Bodies of `POST /api/workups/:id/items/:key/<action>` beyond `version`: the domain's command bodies. */
export type { ItemActionBodies } from '@poems/domain';

/** The whole body of an item action: the item's current `version` plus the action's fields. */
export type ItemActionRequest<A extends ItemAction> = ItemActionBodies[A] & {
  readonly version: number;
};

/** Orders of `GET /api/worklist`; a leading `-` sorts descending. */
export const WORKLIST_SORTS = [
  'dueDate',
  '-dueDate',
  'patientName',
  '-patientName',
  'itemName',
  '-itemName',
  'status',
  '-status',
  'scheduledAt',
  '-scheduledAt',
] as const;

/** A worklist order. */
export type WorklistSort = (typeof WORKLIST_SORTS)[number];

/** The actions `POST /api/worklist/bulk` applies to several items at once. */
export const BULK_ACTIONS = ['schedule', 'perform'] as const;

/** A bulk worklist action. */
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Most items one bulk request may name: a page of the worklist. */
export const BULK_MAX_ITEMS = 100;

/** One item of a bulk request, with the version the client saw. */
export interface BulkItemRef {
  readonly workupId: string;
  readonly key: string;
  readonly version: number;
}

/**
 * `POST /api/worklist/bulk`: one action with its fields for several items. `schedule` needs
 * `scheduledAt` (and takes `location`, `dueDate`); `perform` needs `performedAt`.
 */
export interface BulkActionRequest {
  readonly action: BulkAction;
  readonly items: readonly BulkItemRef[];
  readonly scheduledAt?: string;
  readonly location?: string;
  readonly dueDate?: string;
  readonly performedAt?: string;
}
