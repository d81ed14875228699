import { ApiError } from './api-error';

/** What kind of failure a user is looking at; decides the wording and the offered way out. */
export type ErrorKind =
  | 'stale'
  | 'conflict'
  | 'lifecycle'
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'throttled'
  | 'unavailable'
  | 'unexpected';

/** A failed call as the user reads it. */
export interface ErrorMessage {
  readonly kind: ErrorKind;
  readonly title: string;
  readonly detail: string | null;
  /** The data on screen is outdated: offer to reload the latest. */
  readonly reloadable: boolean;
}

const UNAVAILABLE: ErrorMessage = {
  kind: 'unavailable',
  title: 'The server is unavailable',
  detail: 'Nothing was read or saved. Try again in a moment.',
  reloadable: false,
};

/**
 * Turns any error from an API call into readable text. `subject` names what a stale version
 * refers to ("item", "user", "workup").
 */
export function describeError(error: unknown, subject = 'item'): ErrorMessage {
  if (!(error instanceof ApiError)) {
    return {
      kind: 'unexpected',
      title: 'Something went wrong',
      detail: 'Reload the page and try again.',
      reloadable: false,
    };
  }
  const detail = error.problem?.detail ?? null;
  if (error.isUnreachable || error.status === 503) {
    return UNAVAILABLE;
  }
  switch (error.status) {
    case 400:
      return {
        kind: 'invalid',
        title: 'Some fields need attention',
        detail: error.fieldErrors.length > 0 ? null : detail,
        reloadable: false,
      };
    case 401:
      return {
        kind: 'unauthenticated',
        title: 'Your session has ended',
        detail: 'Sign in again to continue.',
        reloadable: false,
      };
    case 403:
      return {
        kind: 'forbidden',
        title: 'Your role may not do this',
        detail: null,
        reloadable: false,
      };
    case 404:
      return {
        kind: 'not_found',
        title: 'Not found',
        detail: detail ?? 'It may have been removed.',
        reloadable: false,
      };
    case 409:
      return error.code === 'stale_version'
        ? {
            kind: 'stale',
            title: `Someone else changed this ${subject} — reload the latest and retry`,
            detail: null,
            reloadable: true,
          }
        : {
            kind: 'conflict',
            title: error.problem?.title ?? 'Conflict',
            detail,
            reloadable: false,
          };
    case 422:
      return {
        kind: 'lifecycle',
        title: 'This step is not allowed now',
        detail,
        reloadable: true,
      };
    case 429:
      return {
        kind: 'throttled',
        title: 'Too many requests',
        detail: 'Wait a moment and try again.',
        reloadable: false,
      };
    default:
      return {
        kind: 'unexpected',
        title: error.problem?.title ?? 'Something went wrong',
        detail:
          detail ?? 'Try again; if it keeps failing, tell your administrator.',
        reloadable: false,
      };
  }
}
