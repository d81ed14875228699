import type { AbstractControl } from '@angular/forms';

/** The message for a control's first error, for `<mat-error>`; null when it is valid. */
export function errorText(control: AbstractControl | null): string | null {
  const errors = control?.errors;
  if (!errors) {
    return null;
  }
  const [key, value] = Object.entries(errors)[0] ?? [];
  switch (key) {
    case 'required':
      return 'Required.';
    case 'minlength':
      return `At least ${(value as { requiredLength: number }).requiredLength} characters.`;
    case 'maxlength':
      return `At most ${(value as { requiredLength: number }).requiredLength} characters.`;
    case 'min':
      return `At least ${(value as { min: number }).min}.`;
    case 'max':
      return `At most ${(value as { max: number }).max}.`;
    case 'isoDate':
      return 'Enter a valid date.';
    case 'dateTime':
      return 'Enter a valid date and time.';
    case 'future':
      return 'Must not be in the future.';
    case 'number':
      return 'Enter a number.';
    case 'pattern':
    case 'server':
    case 'message':
      return typeof value === 'string' ? value : 'Invalid value.';
    default:
      return typeof value === 'string' ? value : 'Invalid value.';
  }
}
