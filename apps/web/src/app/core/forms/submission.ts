import { DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl } from '@angular/forms';
import type { Observable } from 'rxjs';
import { ApiError } from '../api/api-error';
import { describeError, type ErrorMessage } from '../api/error-message';
import { applyFieldErrors, fieldPath } from './server-errors';

/** How a form's failures land on its fields. */
export interface SubmissionOptions {
  /** What a stale version refers to in the conflict message ("item", "user"). */
  readonly subject?: string;
  /** Problem codes that belong to one field (`duplicate_mrn` → `mrn`). */
  readonly fieldOfCode?: Readonly<Record<string, string>>;
  /** Maps an API field name to the form's path for it; null when the form has none. */
  readonly rename?: (field: string) => (string | number)[] | null;
}

/**
 * The state of sending a form: pending, the error in words, and field errors put on their
 * controls. Create it in an injection context (a field initializer); in-flight calls stop with
 * the component.
 */
export class Submission {
  readonly pending = signal(false);
  readonly error = signal<ErrorMessage | null>(null);
  /** Field errors that no control on the form could show. */
  readonly unplaced = signal<readonly string[]>([]);
  private readonly destroyRef = inject(DestroyRef);

  constructor(private readonly options: SubmissionOptions = {}) {}

  /** Sends `call` unless one is already in flight; `done` gets the answer. */
  run<T>(
    form: AbstractControl,
    call: Observable<T>,
    done: (value: T) => void,
  ): void {
    if (this.pending()) {
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.unplaced.set([]);
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => {
        this.pending.set(false);
        done(value);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.fail(form, error);
      },
    });
  }

  /** Shows a failure: on the fields it names where possible, else as a message. */
  fail(form: AbstractControl, error: unknown): void {
    if (error instanceof ApiError) {
      const field =
        error.code === null
          ? undefined
          : this.options.fieldOfCode?.[error.code];
      const control = field === undefined ? null : form.get(field);
      if (control !== null) {
        control.setErrors({ server: error.problem?.detail ?? error.message });
        control.markAsTouched();
        return;
      }
      const rest = applyFieldErrors(
        form,
        error.fieldErrors,
        this.options.rename ?? fieldPath,
      );
      this.unplaced.set(rest.map((e) => `${e.field}: ${e.message}`));
    }
    this.error.set(describeError(error, this.options.subject));
  }

  /** Shows errors found before sending (client-side validation). */
  invalid(
    form: AbstractControl,
    errors: readonly { field: string; message: string }[],
  ): void {
    const rest = applyFieldErrors(
      form,
      errors,
      this.options.rename ?? fieldPath,
    );
    this.unplaced.set(rest.map((e) => `${e.field}: ${e.message}`));
    this.error.set({
      kind: 'invalid',
      title: 'Some fields need attention',
      detail: null,
      reloadable: false,
    });
  }
}
