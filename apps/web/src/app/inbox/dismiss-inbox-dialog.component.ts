import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { InboxEntryView } from '@poems/contract';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { InboxService } from './inbox.service';

/** Dismisses an inbox entry with a reason (audited). */
@Component({
  selector: 'pw-dismiss-inbox-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorAlertComponent,
  ],
  template: `
    <h2 mat-dialog-title>Dismiss the entry</h2>
    <mat-dialog-content>
      <mat-form-field class="reason">
        <mat-label>Reason</mat-label>
        <textarea
          matInput
          name="reason"
          required
          maxlength="1000"
          [(ngModel)]="reason"
        ></textarea>
      </mat-form-field>
      @if (error(); as error) {
        <pw-error-alert [message]="error" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        [disabled]="reason.trim() === '' || pending()"
        (click)="dismiss()"
      >
        Dismiss
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .reason {
      width: 100%;
    }
  `,
})
export class DismissInboxDialogComponent {
  private readonly inbox = inject(InboxService);
  private readonly dialogRef =
    inject<MatDialogRef<DismissInboxDialogComponent, InboxEntryView>>(
      MatDialogRef,
    );
  private readonly entry = inject<InboxEntryView>(MAT_DIALOG_DATA);
  protected readonly error = signal<ErrorMessage | null>(null);
  protected readonly pending = signal(false);
  protected reason = '';

  protected dismiss(): void {
    this.pending.set(true);
    this.inbox
      .dismiss(this.entry.id, this.reason.trim(), this.entry.version)
      .subscribe({
        next: (entry) => this.dialogRef.close(entry),
        error: (error: unknown) => {
          this.pending.set(false);
          this.error.set(describeError(error));
        },
      });
  }
}
