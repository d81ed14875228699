import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { create } from 'qrcode';

/** The six digits of an authenticator app's code (spaces typed between groups are ignored). */
export function sixDigits(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '').replace(/\s/g, '');
  return value === '' || /^\d{6}$/.test(value)
    ? null
    : { message: 'Enter the 6 digits your authenticator app shows.' };
}

/** A code as the API wants it: digits only. */
export function codeOf(value: string): string {
  return value.replace(/\s/g, '');
}

/** A QR code as one SVG path of its dark modules, in module units, with its side length. */
export interface QrPath {
  readonly size: number;
  readonly d: string;
}

/**
 * Draws the otpauth URI as a QR code in the browser (the secret never becomes an image on a
 * server); medium error correction, as authenticator apps expect.
 */
export function qrPathOf(text: string): QrPath {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let d = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.data[row * modules.size + col]) {
        d += `M${col} ${row}h1v1h-1z`;
      }
    }
  }
  return { size: modules.size, d };
}
