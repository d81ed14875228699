import {
  DestroyRef,
  type Signal,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Observable } from 'rxjs';
import { ApiError } from '../api/api-error';
import { describeError, type ErrorMessage } from '../api/error-message';
import { capitalize } from '../format/labels';
import type { DownloadEvent } from './file-downloads';

/** Where a download stands, as a page shows it. */
export type DownloadState =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'running';
      readonly loaded: number;
      /** Null while the size is unknown (streamed exports send no `Content-Length`). */
      readonly total: number | null;
    }
  | {
      readonly kind: 'saved';
      readonly filename: string;
      readonly bytes: number;
    }
  | { readonly kind: 'failed'; readonly error: ErrorMessage };

const IDLE: DownloadState = { kind: 'idle' };

/**
 * A refused download in words. A 400 names the reason in its detail and fields (e.g. "The report
 * is too large for a PDF." and "…narrow the period or filters, or export CSV"): both are shown,
 * since no form field on screen stands for them.
 */
export function describeDownloadError(error: unknown): ErrorMessage {
  if (error instanceof ApiError && error.status === 400) {
    const reasons = error.fieldErrors.map(
      (f) => `${capitalize(f.message.trim()).replace(/[.]?$/, '.')}`,
    );
    return {
      kind: 'invalid',
      title: error.problem?.detail ?? 'The export was refused',
      detail: reasons.length > 0 ? reasons.join(' ') : null,
      reloadable: false,
    };
  }
  return describeError(error);
}

/**
 * One download button's state: at most one download at a time; leaving the page cancels it.
 * Create it in an injection context (a component's field).
 */
export class Download {
  private readonly destroyRef = inject(DestroyRef);
  private readonly current = signal<DownloadState>(IDLE);

  readonly state: Signal<DownloadState> = this.current.asReadonly();
  readonly running = computed(() => this.current().kind === 'running');

  /** Starts a download unless one is running. */
  start(source: Observable<DownloadEvent>): void {
    if (this.running()) {
      return;
    }
    this.current.set({ kind: 'running', loaded: 0, total: null });
    source.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (event) =>
        this.current.set(
          event.kind === 'progress'
            ? { kind: 'running', loaded: event.loaded, total: event.total }
            : {
                kind: 'saved',
                filename: event.filename,
                bytes: event.bytes,
              },
        ),
      error: (error: unknown) =>
        this.current.set({
          kind: 'failed',
          error: describeDownloadError(error),
        }),
    });
  }
}

const UNITS = ['bytes', 'kB', 'MB', 'GB'] as const;

/** A byte count as people read it: `830 bytes`, `12 kB`, `1.4 MB` (powers of 1000, as browsers show). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const shown =
    unit === 0 || value >= 100
      ? Math.round(value)
      : Math.round(value * 10) / 10;
  return `${shown} ${UNITS[unit]}`;
}
