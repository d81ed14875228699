import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
} from '@angular/material/dialog';
import { map, type Observable } from 'rxjs';

/** What a confirmation says: the action, whom it touches, and what follows from it. */
export interface ConfirmDialogData {
  readonly title: string;
  readonly message: string;
  /** The confirming button: the action's own verb ("Reset two-step"), never a bare "OK". */
  readonly confirmLabel: string;
}

/**
 * Asks before an action that cannot be undone. Cancel has the initial focus, so a stray Enter
 * does nothing; only the confirming button closes with `true`.
 */
@Component({
  selector: 'pw-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button
        mat-button
        type="button"
        [mat-dialog-close]="false"
        class="confirm-dialog__cancel"
      >
        Cancel
      </button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Opens the confirmation; emits once, true only when the action was confirmed. */
export function confirmAction(
  dialog: MatDialog,
  data: ConfirmDialogData,
): Observable<boolean> {
  return dialog
    .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(
      ConfirmDialogComponent,
      {
        data,
        role: 'alertdialog',
        width: 'min(28rem, 95vw)',
        // A selector, not the first tabbable element: the confirming button must not have it.
        autoFocus: '.confirm-dialog__cancel',
      },
    )
    .afterClosed()
    .pipe(map((confirmed) => confirmed === true));
}
