import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { IconComponent, type IconName } from './icon.component';

/** Colour family of a chip; always paired with an icon and text. */
export type Tone = 'ok' | 'info' | 'warning' | 'danger' | 'neutral' | 'muted';

/** How a status is shown: icon, text and tone together, never colour alone. */
export interface StatusLook {
  readonly tone: Tone;
  readonly icon: IconName;
  readonly label: string;
}

/** A status label: icon + text + colour. */
@Component({
  selector: 'pw-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  template: `
    <span class="chip" [class]="'chip chip--' + look().tone">
      <pw-icon [name]="look().icon" />
      <span class="chip__label">{{ look().label }}</span>
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.125rem 0.5rem 0.125rem 0.375rem;
      border-radius: 999px;
      border: 1px solid currentColor;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      color: var(--pw-tone-fg);
      background: var(--pw-tone-bg);
    }
    .chip--ok {
      --pw-tone-fg: var(--pw-ok-fg);
      --pw-tone-bg: var(--pw-ok-bg);
    }
    .chip--info {
      --pw-tone-fg: var(--pw-info-fg);
      --pw-tone-bg: var(--pw-info-bg);
    }
    .chip--warning {
      --pw-tone-fg: var(--pw-warning-fg);
      --pw-tone-bg: var(--pw-warning-bg);
    }
    .chip--danger {
      --pw-tone-fg: var(--pw-danger-fg);
      --pw-tone-bg: var(--pw-danger-bg);
    }
    .chip--neutral {
      --pw-tone-fg: var(--pw-neutral-fg);
      --pw-tone-bg: var(--pw-neutral-bg);
    }
    .chip--muted {
      --pw-tone-fg: var(--pw-muted-fg);
      --pw-tone-bg: var(--pw-muted-bg);
      border-style: dashed;
    }
  `,
})
export class StatusChipComponent {
  readonly look = input.required<StatusLook>();
}
