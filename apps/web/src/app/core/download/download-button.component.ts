import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ErrorAlertComponent } from '../ui/error-alert.component';
import { IconComponent } from '../ui/icon.component';
import { type Download, formatBytes } from './download';

let nextId = 0;

/**
 * A download button with its progress, outcome and error. The button stays focusable while a
 * download runs (it only ignores clicks), so keyboard users keep their place.
 */
@Component({
  selector: 'pw-download-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatProgressBarModule,
    ErrorAlertComponent,
    IconComponent,
  ],
  template: `
    <button
      mat-stroked-button
      type="button"
      [disabled]="disabled() || download().running()"
      [disabledInteractive]="true"
      [attr.aria-describedby]="progressId"
      (click)="requested.emit()"
    >
      <pw-icon name="download" />
      {{ label() }}
    </button>
    <div class="download__progress" [id]="progressId">
      @switch (state().kind) {
        @case ('running') {
          <mat-progress-bar
            [mode]="percent() === null ? 'indeterminate' : 'determinate'"
            [value]="percent() ?? 0"
            [attr.aria-label]="label() + ': downloading'"
          />
          <span class="download__text">{{ progressText() }}</span>
        }
        @case ('saved') {
          <span class="download__text download__text--saved">
            <pw-icon name="check-circle" />
            {{ savedText() }}
          </span>
        }
      }
    </div>
    <p class="visually-hidden" role="status">{{ announcement() }}</p>
    @if (error(); as error) {
      <pw-error-alert
        class="download__error"
        [message]="error"
        [reloadable]="false"
      />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 0.25rem;
      min-width: 12rem;
    }
    .download__progress {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
    }
    .download__text {
      font: var(--mat-sys-body-small);
      color: var(--pw-muted-fg);
    }
    .download__text--saved {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      color: var(--pw-ok-fg);
    }
    .download__error {
      display: block;
      max-width: 32rem;
    }
  `,
})
export class DownloadButtonComponent {
  readonly label = input.required<string>();
  readonly download = input.required<Download>();
  /** Off while the page cannot offer the file (e.g. its filters are invalid). */
  readonly disabled = input(false);
  readonly requested = output();

  protected readonly progressId = `pw-download-${nextId++}`;
  protected readonly state = computed(() => this.download().state());
  protected readonly percent = computed(() => {
    const state = this.state();
    return state.kind === 'running' && state.total !== null && state.total > 0
      ? Math.min(100, Math.round((state.loaded / state.total) * 100))
      : null;
  });
  protected readonly progressText = computed(() => {
    const state = this.state();
    if (state.kind !== 'running') {
      return '';
    }
    if (state.loaded === 0) {
      return 'Preparing the file…';
    }
    const percent = this.percent();
    return percent === null
      ? `${formatBytes(state.loaded)} received`
      : `${percent} % (${formatBytes(state.loaded)} of ${formatBytes(state.total ?? 0)})`;
  });
  protected readonly savedText = computed(() => {
    const state = this.state();
    return state.kind === 'saved'
      ? `Saved ${state.filename} (${formatBytes(state.bytes)})`
      : '';
  });
  /** Start and end only: progress ticks would flood a screen reader. */
  protected readonly announcement = computed(() => {
    const state = this.state();
    switch (state.kind) {
      case 'running':
        return `${this.label()}: downloading.`;
      case 'saved':
        return `${this.savedText()}.`;
      case 'failed':
      case 'idle':
        // A failure is announced by the error alert itself (role="alert").
        return '';
    }
  });
  protected readonly error = computed(() => {
    const state = this.state();
    return state.kind === 'failed' ? state.error : null;
  });
}
