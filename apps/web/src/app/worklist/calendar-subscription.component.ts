import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { firstValueFrom } from 'rxjs';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { WorklistService } from './worklist.service';

/**
 * Gives the user a personal calendar subscription address for the scheduled tests (MRN only, no
 * names), to paste into a calendar app. The address is a secret: it is shown only on request.
 */
@Component({
  selector: 'pw-calendar-subscription',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, ErrorAlertComponent],
  template: `
    @if (feed(); as f) {
      <div class="feed" role="group" aria-labelledby="feed-label">
        <label id="feed-label" for="feed-url"
          >Calendar subscription address</label
        >
        <div class="feed__row">
          <input
            id="feed-url"
            class="feed__url"
            type="text"
            readonly
            [value]="f.url"
          />
          <button mat-stroked-button type="button" (click)="copy(f.url)">
            Copy
          </button>
        </div>
        <p class="feed__hint" role="status">
          {{ copied() ? 'Copied. ' : '' }}Keep it private; it works until
          {{ f.expiresAt | date: 'd MMM y' }} or until your account is
          deactivated.
        </p>
      </div>
    } @else {
      <button
        mat-stroked-button
        type="button"
        [disabled]="busy()"
        (click)="subscribe()"
      >
        Subscribe in a calendar app
      </button>
    }
    @if (error(); as e) {
      <pw-error-alert [message]="e" [reloadable]="false" />
    }
  `,
  styles: `
    .feed {
      display: grid;
      gap: 0.25rem;
      max-width: 40rem;
    }
    .feed__row {
      display: flex;
      gap: 0.5rem;
    }
    .feed__url {
      flex: 1;
      min-width: 0;
      font: var(--mat-sys-body-small);
      padding: 0.375rem 0.5rem;
    }
    .feed__hint {
      margin: 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CalendarSubscriptionComponent {
  private readonly worklist = inject(WorklistService);
  private readonly document = inject(DOCUMENT);

  protected readonly feed = signal<{ url: string; expiresAt: string } | null>(
    null,
  );
  protected readonly busy = signal(false);
  protected readonly copied = signal(false);
  protected readonly error = signal<ErrorMessage | null>(null);

  protected async subscribe(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const feed = await firstValueFrom(this.worklist.calendarFeed());
      this.feed.set({
        url: new URL(feed.url, this.document.location.origin).toString(),
        expiresAt: feed.expiresAt,
      });
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async copy(url: string): Promise<void> {
    await this.document.defaultView?.navigator.clipboard?.writeText(url);
    this.copied.set(true);
  }
}
