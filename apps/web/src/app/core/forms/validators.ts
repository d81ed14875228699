import type { AbstractControl, ValidationErrors } from '@angular/forms';

/** Whitespace alone is not a value (the API trims what it stores). */
export function notBlank(control: AbstractControl): ValidationErrors | null {
  return typeof control.value === 'string' &&
    control.value !== '' &&
    control.value.trim() === ''
    ? { required: true }
    : null;
}
