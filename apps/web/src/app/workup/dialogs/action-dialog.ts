import { inject } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type {
  CatalogItem,
  ItemAction,
  ItemStatus,
  ProtocolDefinition,
  ResultInput,
} from '@poems/domain';
import type { ItemActionBodies, WorkupView } from '@poems/contract';
import { Submission } from '../../core/forms/submission';
import { map } from 'rxjs';
import { InboxService } from '../../inbox/inbox.service';
import { WorkupsService } from '../data-access/workups.service';

/** The item an action dialog acts on, as the user last saw it. */
export interface ActionTarget {
  readonly workupId: string;
  readonly key: string;
  readonly name: string;
  /** The version the action is sent with: a stale one gets a 409. */
  readonly version: number;
  readonly status: ItemStatus;
  readonly dueDate: string | null;
  readonly scheduledAt: string | null;
  readonly location: string | null;
  readonly performedAt: string | null;
}

/** What every item action dialog is opened with. */
export interface ActionDialogData {
  readonly action: ItemAction;
  readonly target: ActionTarget;
}

/** The result dialog also needs the catalog entry and the result recorded so far. */
export interface ResultDialogData extends ActionDialogData {
  readonly catalogItem: CatalogItem;
  readonly protocol: ProtocolDefinition;
  readonly result: ResultInput | null;
  /**
   * Applying an inbox entry: the same dialog and checks, sent through the inbox (which runs the
   * same `result` action) so the entry is marked applied with it.
   */
  readonly inbox?: { readonly entryId: string; readonly patientId: string };
}

/** How an action dialog closed: the workup as the API now has it, or a request to reload. */
export type ActionOutcome =
  | { readonly kind: 'updated'; readonly workup: WorkupView }
  | { readonly kind: 'reload' };

/**
 * Sends an item action from its dialog: closes with the updated workup, or keeps the dialog open
 * showing the error (field errors on their fields, a stale version with a Reload button).
 * Create it in the dialog's field initializer.
 */
export class ItemActionSubmission extends Submission {
  readonly data = inject<ActionDialogData>(MAT_DIALOG_DATA);
  private readonly workups = inject(WorkupsService);
  private readonly inbox = inject(InboxService);
  private readonly dialogRef =
    inject<MatDialogRef<unknown, ActionOutcome>>(MatDialogRef);

  constructor(rename?: (field: string) => (string | number)[] | null) {
    super({ subject: 'item', ...(rename && { rename }) });
  }

  send<A extends ItemAction>(
    form: AbstractControl,
    action: A,
    body: ItemActionBodies[A],
  ): void {
    const { target } = this.data;
    const inbox = (this.data as Partial<ResultDialogData>).inbox;
    if (inbox !== undefined && action === 'result') {
      const { performedAt, ...result } = body as ItemActionBodies['result'];
      this.run(
        form,
        this.inbox
          .apply(inbox.entryId, {
            patientId: inbox.patientId,
            itemKey: target.key,
            result,
            version: target.version,
            ...(performedAt !== undefined && { performedAt }),
          })
          .pipe(map((applied) => applied.workup)),
        (workup) => this.dialogRef.close({ kind: 'updated', workup }),
      );
      return;
    }
    this.run(
      form,
      this.workups.act(
        target.workupId,
        target.key,
        action,
        target.version,
        body,
      ),
      (workup) => this.dialogRef.close({ kind: 'updated', workup }),
    );
  }

  reload(): void {
    this.dialogRef.close({ kind: 'reload' });
  }
}
