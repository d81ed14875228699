import type { Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import {
  type Observable,
  catchError,
  map,
  of,
  scan,
  startWith,
  switchMap,
} from 'rxjs';
import { describeError, type ErrorMessage } from '../api/error-message';

/** Data loaded from the API as a page shows it. The last value stays while a new one loads. */
export interface LoadState<T> {
  readonly loading: boolean;
  readonly value: T | undefined;
  readonly error: ErrorMessage | null;
}

type LoadEvent<T> =
  | { readonly kind: 'start' }
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'error'; readonly error: ErrorMessage };

/**
 * Loads `fetch(query)` whenever `query` changes, dropping answers to superseded queries. The
 * HTTP edge stays in RxJS; the page only reads a signal. Call in an injection context.
 */
export function loadState<Q, T>(
  query: Signal<Q>,
  fetch: (query: Q) => Observable<T>,
): Signal<LoadState<T>> {
  const initial: LoadState<T> = {
    loading: true,
    value: undefined,
    error: null,
  };
  return toSignal(
    toObservable(query).pipe(
      switchMap((q) =>
        fetch(q).pipe(
          map((value): LoadEvent<T> => ({ kind: 'value', value })),
          catchError((error: unknown) =>
            of<LoadEvent<T>>({ kind: 'error', error: describeError(error) }),
          ),
          startWith<LoadEvent<T>>({ kind: 'start' }),
        ),
      ),
      scan((state: LoadState<T>, event: LoadEvent<T>): LoadState<T> => {
        switch (event.kind) {
          case 'start':
            return { ...state, loading: true, error: null };
          case 'value':
            return { loading: false, value: event.value, error: null };
          case 'error':
            return { ...state, loading: false, error: event.error };
        }
      }, initial),
    ),
    { initialValue: initial },
  );
}
