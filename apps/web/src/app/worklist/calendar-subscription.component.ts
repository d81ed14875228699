import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
  type OnInit,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import type { CalendarFeedStatusView } from '@poems/contract';
import { firstValueFrom } from 'rxjs';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { WorklistService } from './worklist.service';
import {
  ClinicDatePipe,
  ClinicDateTimePipe,
} from '../core/clock/clinic-time.pipes';

/**
 * Gives the user a personal calendar subscription address for the scheduled tests (MRN only, no
 * names), to paste into a calendar app. The address is a secret: the server keeps only its hash,
 * so it is shown once, right after it is issued. Afterwards the user sees when it was issued and
 * last fetched (a fetch they did not expect means it leaked) and can revoke it.
 */
@Component({
  selector: 'pw-calendar-subscription',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ClinicDatePipe,
    ClinicDateTimePipe,
    MatButtonModule,
    ErrorAlertComponent,
  ],
  template: `
    @if (issued(); as url) {
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
            [value]="url"
          />
          <button mat-stroked-button type="button" (click)="copy(url)">
            Copy
          </button>
        </div>
        <p class="feed__hint" role="status">
          {{ copied() ? 'Copied. ' : '' }}Keep it private; it is shown only now.
        </p>
      </div>
    }
    @if (status()?.feed; as f) {
      <p class="feed__hint" data-testid="feed-status">
        Calendar address issued {{ f.issuedAt | clinicDateTime }}, last used
        {{ f.lastUsedAt === null ? 'never' : (f.lastUsedAt | clinicDateTime) }};
        works until {{ f.expiresAt | clinicDate }} unless revoked.
      </p>
      <div class="feed__row">
        <button
          mat-stroked-button
          type="button"
          [disabled]="busy()"
          (click)="subscribe()"
        >
          New address (revokes this one)
        </button>
        <button
          mat-stroked-button
          type="button"
          [disabled]="busy()"
          (click)="revoke()"
        >
          Revoke address
        </button>
      </div>
    } @else if (status() !== null) {
      @if (revoked()) {
        <p class="feed__hint" role="status">
          The calendar address is revoked; calendar apps using it get no more
          updates.
        </p>
      }
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
    // The room of the subscribe button is kept while the status loads: the worklist's heading
    // and tabs no longer move down when it arrives.
    :host {
      display: grid;
      gap: 0.5rem;
      min-height: 2.5rem;
    }
    .feed {
      display: grid;
      gap: 0.25rem;
      max-width: 40rem;
    }
    .feed__row {
      display: flex;
      flex-wrap: wrap;
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
export class CalendarSubscriptionComponent implements OnInit {
  private readonly worklist = inject(WorklistService);
  private readonly document = inject(DOCUMENT);

  /** Null until the server has answered. */
  protected readonly status = signal<CalendarFeedStatusView | null>(null);
  /** The address just issued, absolute; never kept beyond this page. */
  protected readonly issued = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly copied = signal(false);
  protected readonly revoked = signal(false);
  protected readonly error = signal<ErrorMessage | null>(null);

  ngOnInit(): void {
    void this.run(async () => {
      this.status.set(await firstValueFrom(this.worklist.calendarFeedStatus()));
    });
  }

  protected subscribe(): Promise<void> {
    return this.run(async () => {
      const feed = await firstValueFrom(this.worklist.calendarFeed());
      this.issued.set(
        new URL(feed.url, this.document.location.origin).toString(),
      );
      this.copied.set(false);
      this.revoked.set(false);
      this.status.set({
        feed: {
          id: feed.id,
          issuedAt: feed.issuedAt,
          expiresAt: feed.expiresAt,
          lastUsedAt: null,
        },
      });
    });
  }

  protected revoke(): Promise<void> {
    return this.run(async () => {
      await firstValueFrom(this.worklist.revokeCalendarFeed());
      this.issued.set(null);
      this.revoked.set(true);
      this.status.set({ feed: null });
    });
  }

  protected async copy(url: string): Promise<void> {
    await this.document.defaultView?.navigator.clipboard?.writeText(url);
    this.copied.set(true);
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(describeError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
