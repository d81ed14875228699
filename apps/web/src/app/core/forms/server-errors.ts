import type { AbstractControl } from '@angular/forms';
import type { FieldProblem } from '../api/api-error';

/** `values[0].unit` → `['values', 0, 'unit']`. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/\.|\[(\d+)\]/)
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each field error of a problem document (or of the domain's validation) on the control it
 * names, as a `server` error that the next edit of that control clears.
 * `rename` maps a field name to the form's path for it, or null when the form has no such field.
 * @returns the errors no control took, to be shown above the form.
 */
export function applyFieldErrors(
  form: AbstractControl,
  errors: readonly FieldProblem[],
  rename: (field: string) => (string | number)[] | null = fieldPath,
): FieldProblem[] {
  const unplaced: FieldProblem[] = [];
  for (const error of errors) {
    const path = rename(error.field);
    const control = path === null ? null : form.get(path);
    if (control === null) {
      unplaced.push(error);
      continue;
    }
    control.setErrors({ ...(control.errors ?? {}), server: error.message });
    control.markAsTouched();
  }
  return unplaced;
}
