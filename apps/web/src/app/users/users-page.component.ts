import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog, type MatDialogRef } from '@angular/material/dialog';
import { ListTableComponent } from '../core/ui/list-table.component';
import type { PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import type { ManagedUserView } from '@poems/contract';
import { filter, switchMap } from 'rxjs';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { loadState } from '../core/data/load-state';
import { roleLabel } from '../core/format/labels';
import { confirmAction } from '../core/ui/confirm-dialog.component';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { IconComponent } from '../core/ui/icon.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../core/ui/status-chip.component';
import { CreateUserDialogComponent } from './create-user-dialog.component';
import { EditUserDialogComponent } from './edit-user-dialog.component';
import { ResetPasswordDialogComponent } from './reset-password-dialog.component';
import type { UserDialogResult } from './user-dialog-result';
import { UserSessionsDialogComponent } from './user-sessions-dialog.component';
import { UsersService, isLocked } from './users.service';
import { ClinicDateTimePipe } from '../core/clock/clinic-time.pipes';

const DIALOG_WIDTH = 'min(32rem, 95vw)';

@Component({
  selector: 'pw-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ListTableComponent,
    ClinicDateTimePipe,
    MatButtonModule,
    MatTableModule,
    ErrorAlertComponent,
    IconComponent,
    StatusChipComponent,
  ],
  templateUrl: './users-page.component.html',
  styleUrl: './users-page.component.scss',
})
export default class UsersPageComponent {
  private readonly users = inject(UsersService);
  private readonly dialog = inject(MatDialog);

  private readonly query = signal({ page: 1, pageSize: 25, revision: 0 });
  protected readonly state = loadState(this.query, (q) =>
    this.users.list(q.page, q.pageSize),
  );
  protected readonly rows = computed(() => this.state().value?.items ?? []);
  protected readonly total = computed(() => this.state().value?.total ?? 0);
  protected readonly pageIndex = computed(() => this.query().page - 1);
  protected readonly pageSize = computed(() => this.query().pageSize);
  protected readonly columns = [
    'username',
    'displayName',
    'role',
    'status',
    'actions',
  ];
  /** Last change, announced politely. */
  protected readonly status = signal('');
  protected readonly actionError = signal<ErrorMessage | null>(null);
  protected readonly roleLabel = roleLabel;
  protected readonly isLocked = isLocked;

  protected statusOf(user: ManagedUserView): StatusLook {
    if (!user.active) {
      return { tone: 'muted', icon: 'block', label: 'Inactive' };
    }
    return isLocked(user)
      ? { tone: 'warning', icon: 'warning', label: 'Locked' }
      : { tone: 'ok', icon: 'check-circle', label: 'Active' };
  }

  protected page(event: PageEvent): void {
    this.query.update((q) => ({
      ...q,
      page: event.pageIndex + 1,
      pageSize: event.pageSize,
    }));
  }

  protected reload(): void {
    this.actionError.set(null);
    this.query.update((q) => ({ ...q, revision: q.revision + 1 }));
  }

  protected create(): void {
    this.afterDialog(
      this.dialog.open<CreateUserDialogComponent, void, UserDialogResult>(
        CreateUserDialogComponent,
        {
          width: DIALOG_WIDTH,
        },
      ),
      (user) => `Created ${user.username}.`,
    );
  }

  protected edit(user: ManagedUserView): void {
    this.afterDialog(
      this.dialog.open<
        EditUserDialogComponent,
        ManagedUserView,
        UserDialogResult
      >(EditUserDialogComponent, {
        width: DIALOG_WIDTH,
        data: user,
      }),
      (saved) => `Saved ${saved.username}.`,
    );
  }

  protected resetPassword(user: ManagedUserView): void {
    this.afterDialog(
      this.dialog.open<
        ResetPasswordDialogComponent,
        ManagedUserView,
        UserDialogResult
      >(ResetPasswordDialogComponent, { width: DIALOG_WIDTH, data: user }),
      (saved) => `Set a new password for ${saved.username}.`,
    );
  }

  protected showSessions(user: ManagedUserView): void {
    this.dialog.open(UserSessionsDialogComponent, {
      width: '44rem',
      data: user,
    });
  }

  /** A lost phone: the user signs in with the password next and sets up a new authenticator. */
  protected resetMfa(user: ManagedUserView): void {
    this.actionError.set(null);
    confirmAction(this.dialog, {
      title: `Reset the two-step sign-in of ${user.displayName}?`,
      message:
        `${user.displayName} (${user.username}) loses the authenticator app and every recovery code, ` +
        'and each of their sessions ends now. They sign in with the password next and set up two-step sign-in again.',
      confirmLabel: 'Reset two-step',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.users.resetMfa(user.id)),
      )
      .subscribe({
        next: () => {
          this.status.set(
            `Reset the two-step sign-in of ${user.username}; their sessions have ended.`,
          );
          this.reload();
        },
        error: (error: unknown) =>
          this.actionError.set(describeError(error, 'user')),
      });
  }

  protected unlock(user: ManagedUserView): void {
    this.actionError.set(null);
    this.users
      .update(user.id, { version: user.version, unlock: true })
      .subscribe({
        next: (saved) => {
          this.status.set(`Unlocked ${saved.username}.`);
          this.reload();
        },
        error: (error: unknown) =>
          this.actionError.set(describeError(error, 'user')),
      });
  }

  private afterDialog(
    ref: MatDialogRef<unknown, UserDialogResult>,
    message: (user: ManagedUserView) => string,
  ): void {
    ref.afterClosed().subscribe((result) => {
      if (result?.kind === 'saved') {
        this.status.set(message(result.user));
      }
      if (result !== undefined) {
        this.reload();
      }
    });
  }
}
