import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';

/**
 * The mark beside a figure that depends on tracker defaults: "tracker default, not a published
 * criterion" in words (or the compact "D" inside the grid), focusable, with the rules named in
 * its tooltip and accessible name.
 */
@Component({
  selector: 'pw-tracker-default',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTooltipModule],
  template: `<span
    class="tracker-default"
    [class.tracker-default--mark]="compact()"
    tabindex="0"
    [matTooltip]="tip()"
    [attr.aria-label]="tip()"
    >{{ compact() ? 'D' : 'tracker default, not a published criterion' }}</span
  >`,
  styleUrl: './followup-section.component.scss',
})
export class TrackerDefaultComponent {
  readonly tip = input.required<string>();
  readonly compact = input(false);
}
