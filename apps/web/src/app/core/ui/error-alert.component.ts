import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ErrorMessage } from '../api/error-message';
import { IconComponent } from './icon.component';

/** A failed call, in words, with a Reload button when the data on screen is outdated. */
@Component({
  selector: 'pw-error-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, IconComponent],
  template: `
    <div class="alert" role="alert">
      <pw-icon
        class="alert__icon"
        [name]="message().kind === 'unavailable' ? 'warning' : 'error'"
      />
      <div class="alert__body">
        <p class="alert__title">{{ message().title }}</p>
        @if (message().detail; as detail) {
          <p class="alert__detail">{{ detail }}</p>
        }
        @for (line of extra(); track $index) {
          <p class="alert__detail">{{ line }}</p>
        }
      </div>
      @if (message().reloadable && reloadable()) {
        <button mat-stroked-button type="button" (click)="reload.emit()">
          Reload
        </button>
      }
    </div>
  `,
  styles: `
    .alert {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.5rem 0.75rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--pw-danger-fg);
      border-inline-start-width: 4px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--pw-danger-bg);
      color: var(--pw-danger-fg);
    }
    .alert__icon {
      margin-top: 0.125rem;
    }
    .alert__body {
      flex: 1 1 16rem;
    }
    .alert__title {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .alert__detail {
      margin: 0.25rem 0 0;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class ErrorAlertComponent {
  readonly message = input.required<ErrorMessage>();
  /** Further lines, e.g. field errors that no field on screen could show. */
  readonly extra = input<readonly string[]>([]);
  /** Whether a Reload handler is wired; without one no Reload button is offered. */
  readonly reloadable = input(true);
  readonly reload = output();
}
