import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Completion } from '@poems/domain';

/** Workup completion: a bar plus "done / total" in words. */
@Component({
  selector: 'pw-completion-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatProgressBarModule],
  template: `
    <mat-progress-bar
      mode="determinate"
      [value]="completion().percent"
      [attr.aria-label]="
        'Workup completion: ' +
        completion().done +
        ' of ' +
        completion().total +
        ' done'
      "
    />
    <span class="completion__text"
      >{{ completion().done }} / {{ completion().total }} done</span
    >
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-width: 9rem;
    }
    mat-progress-bar {
      flex: 1 1 4rem;
      min-width: 4rem;
    }
    .completion__text {
      white-space: nowrap;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CompletionBarComponent {
  readonly completion = input.required<Completion>();
}
