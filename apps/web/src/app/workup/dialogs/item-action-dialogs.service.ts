import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { ComponentType } from '@angular/cdk/portal';
import type { ItemAction } from '@poems/domain';
import type { Observable } from 'rxjs';
import type {
  ActionDialogData,
  ActionOutcome,
  ResultDialogData,
} from './action-dialog';
import { OrderDialogComponent } from './order-dialog.component';
import { PerformDialogComponent } from './perform-dialog.component';
import { ReasonDialogComponent } from './reason-dialog.component';
import { ResultDialogComponent } from './result-dialog.component';
import { ReviewDialogComponent } from './review-dialog.component';
import { ScheduleDialogComponent } from './schedule-dialog.component';

const DIALOGS: Readonly<
  Record<Exclude<ItemAction, 'result'>, ComponentType<unknown>>
> = {
  order: OrderDialogComponent,
  schedule: ScheduleDialogComponent,
  perform: PerformDialogComponent,
  review: ReviewDialogComponent,
  cancel: ReasonDialogComponent,
  'not-indicated': ReasonDialogComponent,
  reopen: ReasonDialogComponent,
  activate: ReasonDialogComponent,
};

/** Opens the dialog of an item action; emits how it closed (undefined when dismissed). */
@Injectable({ providedIn: 'root' })
export class ItemActionDialogs {
  private readonly dialog = inject(MatDialog);

  open(data: ActionDialogData): Observable<ActionOutcome | undefined> {
    if (data.action === 'result') {
      throw new Error(
        'The result dialog needs the catalog item: use openResult().',
      );
    }
    return this.dialog
      .open<unknown, ActionDialogData, ActionOutcome>(DIALOGS[data.action], {
        data,
        width: 'min(32rem, 95vw)',
      })
      .afterClosed();
  }

  openResult(data: ResultDialogData): Observable<ActionOutcome | undefined> {
    return this.dialog
      .open<ResultDialogComponent, ResultDialogData, ActionOutcome>(
        ResultDialogComponent,
        {
          data,
          width: 'min(64rem, 96vw)',
          maxWidth: '96vw',
          maxHeight: '92vh',
        },
      )
      .afterClosed();
  }
}
