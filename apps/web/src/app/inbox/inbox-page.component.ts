import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  DEFAULT_PROTOCOL_KEY,
  getCatalogItem,
  getProtocol,
  INBOX_REASONS,
  may,
  type DecodedObservation,
  type InboxReason,
} from '@poems/domain';
import {
  INBOX_STATUSES,
  type InboxEntryView,
  type InboxStatus,
  type Page,
} from '@poems/contract';
import { switchMap, type Observable } from 'rxjs';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { AuthService } from '../core/auth/auth.service';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { ItemActionDialogs } from '../workup/dialogs/item-action-dialogs.service';
import { WorkupsService } from '../workup/data-access/workups.service';
import { protocolOf } from '../workup/util/protocol';
import {
  ApplyInboxDialogComponent,
  type ApplyTarget,
} from './apply-inbox-dialog.component';
import { DismissInboxDialogComponent } from './dismiss-inbox-dialog.component';
import { INBOX_REASON_LABELS } from './inbox-labels';
import { InboxService } from './inbox.service';
import { ClinicDateTimePipe } from '../core/clock/clinic-time.pipes';

/**
 * Everything laboratory interfaces sent that was not applied by itself, top priority first. A
 * hematologist applies an entry (patient and item, then the usual result dialog prefilled with the
 * decoded values) or dismisses it with a reason; coordinators see unknown patients (to register
 * them); auditors read, including the raw message.
 */
@Component({
  selector: 'pw-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ClinicDateTimePipe,
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    ErrorAlertComponent,
  ],
  templateUrl: './inbox-page.component.html',
  styleUrl: './inbox-page.component.scss',
})
export default class InboxPageComponent {
  private readonly inbox = inject(InboxService);
  private readonly dialog = inject(MatDialog);
  private readonly actions = inject(ItemActionDialogs);
  private readonly workups = inject(WorkupsService);
  private readonly role = inject(AuthService).role;

  protected readonly statuses = INBOX_STATUSES;
  protected readonly reasons = INBOX_REASONS;
  protected readonly reasonLabels = INBOX_REASON_LABELS;
  protected readonly status = signal<InboxStatus>('open');
  protected readonly reason = signal<InboxReason | null>(null);
  protected readonly page = signal<Page<InboxEntryView> | null>(null);
  protected readonly error = signal<ErrorMessage | null>(null);
  protected readonly raw = signal<{ id: string; text: string } | null>(null);
  protected readonly canDecide = computed(() => {
    const role = this.role();
    return role !== null && may(role, 'inbox.decide');
  });
  protected readonly canReadRaw = computed(() => {
    const role = this.role();
    return role !== null && may(role, 'inbox.raw');
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.inbox.list(this.status(), this.reason()).subscribe({
      next: (page) => {
        this.error.set(null);
        this.page.set(page);
      },
      error: (error: unknown) => this.error.set(describeError(error)),
    });
    this.inbox.refreshCount();
  }

  protected itemName(key: string | null | undefined): string {
    if (!key) {
      return '—';
    }
    return (
      getProtocol(DEFAULT_PROTOCOL_KEY).items.find((i) => i.key === key)
        ?.name ?? key
    );
  }

  protected valueText(observation: DecodedObservation): string {
    const v = observation.value;
    switch (v.kind) {
      case 'number':
        return `${v.value}${observation.unit ? ` ${observation.unit}` : ''}`;
      case 'coded':
        return `${v.coding.display ?? v.coding.code} (${v.coding.code})`;
      case 'text':
        return v.text;
      case 'unreadable':
        return v.text;
      case 'none':
        return '—';
    }
  }

  protected codeText(observation: DecodedObservation): string {
    const code = observation.codes[0];
    return code === undefined
      ? '—'
      : `${code.display ?? ''} ${code.code}`.trim();
  }

  protected apply(entry: InboxEntryView): void {
    this.dialog
      .open<ApplyInboxDialogComponent, InboxEntryView, ApplyTarget>(
        ApplyInboxDialogComponent,
        { data: entry, width: 'min(40rem, 95vw)' },
      )
      .afterClosed()
      .pipe(
        switchMap((target) =>
          target === undefined ? [] : this.openResult(entry, target),
        ),
      )
      .subscribe({
        next: () => this.load(),
        error: (error: unknown) => this.error.set(describeError(error)),
      });
  }

  protected dismiss(entry: InboxEntryView): void {
    this.dialog
      .open(DismissInboxDialogComponent, {
        data: entry,
        width: 'min(32rem, 95vw)',
      })
      .afterClosed()
      .subscribe((done) => done && this.load());
  }

  protected showRaw(entry: InboxEntryView): void {
    this.inbox.raw(entry.id).subscribe({
      next: (raw) =>
        this.raw.set({
          id: entry.id,
          text: (
            raw.raw ?? 'The raw message was purged after its retention period.'
          )
            .split('\r')
            .join('\n'),
        }),
      error: (error: unknown) => this.error.set(describeError(error)),
    });
  }

  private openResult(
    entry: InboxEntryView,
    target: ApplyTarget,
  ): Observable<unknown> {
    return this.workups.get(target.workupId).pipe(
      switchMap((workup) => {
        const protocol = protocolOf(workup.protocol);
        const item = workup.items.find((i) => i.key === target.itemKey);
        if (protocol === null || item === undefined) {
          throw new Error('This workup has no such item.');
        }
        return this.actions.openResult({
          action: 'result',
          target: {
            workupId: workup.id,
            key: item.key,
            name: item.name,
            version: item.version,
            status: item.status,
            dueDate: item.dueDate,
            scheduledAt: item.scheduledAt,
            location: item.location,
            performedAt: entry.proposal.performedAt ?? item.performedAt,
          },
          catalogItem: getCatalogItem(protocol, item.key),
          protocol,
          result:
            entry.proposal.itemKey === item.key
              ? (entry.proposal.result ?? null)
              : null,
          inbox: { entryId: entry.id, patientId: target.patientId },
        });
      }),
    );
  }
}
