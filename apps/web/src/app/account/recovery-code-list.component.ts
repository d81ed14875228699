import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Recovery codes as shown once, after enrolment or a renewal. */
@Component({
  selector: 'pw-recovery-code-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="codes" aria-label="Recovery codes">
      @for (code of codes(); track code) {
        <li>
          <code>{{ code }}</code>
        </li>
      }
    </ul>
  `,
  styles: `
    .codes {
      columns: 2;
      padding-left: 1.25rem;
      margin-bottom: 1rem;
    }
  `,
})
export class RecoveryCodeListComponent {
  readonly codes = input.required<readonly string[]>();
}
