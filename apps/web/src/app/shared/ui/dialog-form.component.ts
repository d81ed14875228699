import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import type { Submission } from '../../core/forms/submission';
import { ErrorAlertComponent } from '../../core/ui/error-alert.component';

/**
 * The frame of a dialog that sends a form: title, the submission's error, the fields (projected),
 * a close button and a submit button that is off while the form is being sent.
 *
 * The form binds on the frame itself (`<pw-dialog-form [formGroup]="form" (ngSubmit)="…">`): the
 * projected fields are declared in the dialog's template, so their `formControlName` finds the
 * form there; the inner `<form>`'s submit event bubbles up to it.
 */
@Component({
  selector: 'pw-dialog-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, ErrorAlertComponent],
  template: `
    <h2 mat-dialog-title>{{ heading() }}</h2>
    <form novalidate>
      <mat-dialog-content class="dialog-form">
        @if (submission().error(); as error) {
          <pw-error-alert
            [message]="error"
            [extra]="submission().unplaced()"
            [reloadable]="reloadable()"
            (reload)="reload.emit()"
          />
        }
        <ng-content />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>
          {{ closeLabel() }}
        </button>
        <button
          mat-flat-button
          type="submit"
          [disabled]="submission().pending()"
        >
          {{ submitLabel() }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class DialogFormComponent {
  readonly heading = input.required<string>();
  readonly submission = input.required<Submission>();
  readonly submitLabel = input.required<string>();
  readonly closeLabel = input('Back');
  /** Whether a stale-version error offers Reload (which emits `reload`). */
  readonly reloadable = input(true);
  readonly reload = output();
}
