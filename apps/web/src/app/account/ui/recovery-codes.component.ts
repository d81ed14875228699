import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/**
 * Recovery codes as shown once, after enrolment or a renewal: a heading, what the codes are for
 * (the projected content), the codes, and the button that says they were saved.
 */
@Component({
  selector: 'pw-recovery-codes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    <h2 class="section-title">{{ heading() }}</h2>
    <p><ng-content /></p>
    <ul class="codes" aria-label="Recovery codes">
      @for (code of codes(); track code) {
        <li>
          <code>{{ code }}</code>
        </li>
      }
    </ul>
    <button mat-flat-button type="button" (click)="saved.emit()">
      {{ savedLabel() }}
    </button>
  `,
  styles: `
    :host {
      display: block;
    }
    .codes {
      columns: 2;
      padding-left: 1.25rem;
      margin-bottom: 1rem;
    }
  `,
})
export class RecoveryCodesComponent {
  readonly codes = input.required<readonly string[]>();
  readonly heading = input.required<string>();
  /** The button's text: what happens once the user has saved the codes. */
  readonly savedLabel = input.required<string>();
  readonly saved = output<void>();
}
