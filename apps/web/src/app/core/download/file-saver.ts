import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/** How long an object URL outlives its click (FileSaver.js keeps it 40 s). */
const REVOKE_AFTER_MS = 40_000;

/**
 * Hands a downloaded Blob to the browser as a file: an object URL and a temporary `<a download>`,
 * clicked once. Behind an injectable so tests can see what would be saved without a browser's
 * download machinery.
 */
@Injectable({ providedIn: 'root' })
export class FileSaver {
  private readonly document = inject(DOCUMENT);

  save(blob: Blob, filename: string): void {
    const view = this.document.defaultView;
    if (!view) {
      return;
    }
    const url = view.URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = filename;
    link.rel = 'noopener';
    link.hidden = true;
    this.document.body.appendChild(link);
    try {
      link.click();
    } finally {
      link.remove();
      // Browsers start reading the URL after click() returns, some (Firefox, Safari) well after:
      // revoked later, as FileSaver.js does, so a slow start never finds it gone.
      view.setTimeout(() => view.URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    }
  }
}
