import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogModule,
} from '@angular/material/dialog';
import { formatClinicDateTime } from '@poems/domain';
import {
  type ManagedUserView,
  type SessionEndReason,
  type SessionView,
} from '@poems/contract';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { clinicZone } from '../core/clock/clinic-zone';
import { filter } from 'rxjs';
import { confirmAction } from '../core/ui/confirm-dialog.component';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { UsersService } from './users.service';

const END_REASONS: Readonly<Record<SessionEndReason, string>> = {
  logout: 'signed out',
  idle: 'inactivity',
  max_lifetime: 'maximum length reached',
  password_change: 'password changed',
  password_reset: 'password reset',
  deactivated: 'account deactivated',
  role_change: 'role changed',
  ended_by_admin: 'ended by an administrator',
  provider_logout: 'signed out at the identity provider',
  mfa_reset: 'two-step sign-in reset',
};

/**
 * An administrator's view of a user's sessions (open ones and those ended in the last day), with
 * **End** for one and **End all**: the user's token stops working at once.
 */
@Component({
  selector: 'pw-user-sessions-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule, ErrorAlertComponent],
  template: `
    <h2 mat-dialog-title>Sessions of {{ user.username }}</h2>
    <mat-dialog-content>
      @if (error(); as error) {
        <pw-error-alert [message]="error" (reload)="load()" />
      }
      @if (status()) {
        <p role="status">{{ status() }}</p>
      }
      @if (sessions(); as sessions) {
        @if (sessions.length === 0) {
          <p>No session open or ended in the last day.</p>
        } @else {
          <table class="sessions-table">
            <caption class="visually-hidden">
              Sessions of
              {{
                user.username
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">Signed in</th>
                <th scope="col">Last request</th>
                <th scope="col">From</th>
                <th scope="col">State</th>
                <th scope="col"><span class="visually-hidden">Action</span></th>
              </tr>
            </thead>
            <tbody>
              @for (session of sessions; track session.id) {
                <tr>
                  <td>{{ when(session.createdAt) }}</td>
                  <td>{{ when(session.lastSeenAt) }}</td>
                  <td>{{ session.clientIp ?? '—' }}</td>
                  <td>{{ stateOf(session) }}</td>
                  <td>
                    @if (session.endedAt === null) {
                      <button
                        mat-stroked-button
                        type="button"
                        [attr.aria-label]="
                          'End the session signed in at ' +
                          when(session.createdAt)
                        "
                        [disabled]="busy()"
                        (click)="end(session)"
                      >
                        End
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        }
      } @else if (!error()) {
        <p role="status">Loading sessions…</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (openCount() > 1) {
        <button
          mat-stroked-button
          type="button"
          [disabled]="busy()"
          (click)="endAll()"
        >
          End all
        </button>
      }
      <button mat-flat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .sessions-table {
      width: 100%;
      border-collapse: collapse;
    }
    .sessions-table th,
    .sessions-table td {
      text-align: left;
      padding: 0.25rem 0.5rem;
    }
  `,
})
export class UserSessionsDialogComponent {
  private readonly users = inject(UsersService);
  private readonly dialog = inject(MatDialog);
  protected readonly user = inject<ManagedUserView>(MAT_DIALOG_DATA);
  protected readonly sessions = signal<readonly SessionView[] | null>(null);
  protected readonly error = signal<ErrorMessage | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal(false);
  protected readonly openCount = computed(
    () => (this.sessions() ?? []).filter((s) => s.endedAt === null).length,
  );

  constructor() {
    this.load();
  }

  /** On the clinic's clock, zone named: the admin may sit in another zone than the clinic. */
  protected when(iso: string): string {
    return formatClinicDateTime(iso, clinicZone());
  }

  protected stateOf(session: SessionView): string {
    return session.endedAt === null || session.endReason === null
      ? 'Open'
      : `Ended: ${END_REASONS[session.endReason]}`;
  }

  protected load(): void {
    this.error.set(null);
    this.users.sessions(this.user.id).subscribe({
      next: (sessions) => this.sessions.set(sessions),
      error: (error: unknown) => this.error.set(describeError(error)),
    });
  }

  protected end(session: SessionView): void {
    this.run(this.users.endSession(this.user.id, session.id), 'Session ended.');
  }

  protected endAll(): void {
    confirmAction(this.dialog, {
      title: `End every session of ${this.user.displayName}?`,
      message:
        `${this.user.displayName} (${this.user.username}) is signed out everywhere at once: ` +
        'unsaved work in their open pages is lost, and they must sign in again.',
      confirmLabel: 'End all sessions',
    })
      .pipe(filter(Boolean))
      .subscribe(() =>
        this.run(
          this.users.endAllSessions(this.user.id),
          'Every session ended.',
        ),
      );
  }

  private run(
    call: ReturnType<UsersService['endAllSessions']>,
    done: string,
  ): void {
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: () => {
        this.busy.set(false);
        this.status.set(done);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(error));
      },
    });
  }
}
