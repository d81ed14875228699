import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import {
  getCatalogItem,
  type ItemAction,
  type ProtocolDefinition,
} from '@poems/domain';
import type { WorkupItemView, WorkupView } from '@poems/contract';
import type { Observable } from 'rxjs';
import {
  ItemHistoryPanelComponent,
  type ItemHistoryPanelData,
} from '../components/item-history-panel.component';
import type { UpgradeOffer } from '../util/upgrade-offer';
import { actionTargetOf } from '../util/workup-page';
import type { ActionOutcome } from './action-dialog';
import { ItemActionDialogs } from './item-action-dialogs.service';
import {
  SignOffDialogComponent,
  type SignOffDialogData,
} from './sign-off-dialog.component';
import {
  UpgradeDialogComponent,
  type UpgradeDialogData,
} from './upgrade-dialog.component';
import {
  WorkupStatusDialogComponent,
  type WorkupStatusDialogData,
} from './workup-status-dialog.component';

/** Opens the dialogs that act on a whole workup; each emits how it closed (undefined when dismissed). */
@Injectable({ providedIn: 'root' })
export class WorkupDialogs {
  private readonly dialog = inject(MatDialog);
  private readonly itemDialogs = inject(ItemActionDialogs);

  /** An item action's dialog; a result's takes the catalog item of the workup's protocol. */
  itemAction(
    workupId: string,
    item: WorkupItemView,
    action: ItemAction,
    protocol: ProtocolDefinition | null,
  ): Observable<ActionOutcome | undefined> {
    const target = actionTargetOf(workupId, item);
    return action === 'result' && protocol !== null
      ? this.itemDialogs.openResult({
          action,
          target,
          protocol,
          catalogItem: getCatalogItem(protocol, item.key),
          result: item.result,
        })
      : this.itemDialogs.open({ action, target });
  }

  changeStatus(
    workup: WorkupView,
    change: WorkupStatusDialogData['change'],
  ): Observable<ActionOutcome | undefined> {
    return this.dialog
      .open<
        WorkupStatusDialogComponent,
        WorkupStatusDialogData,
        ActionOutcome
      >(WorkupStatusDialogComponent, { data: { change, workup }, width: 'min(32rem, 95vw)' })
      .afterClosed();
  }

  upgrade(
    workup: WorkupView,
    offer: UpgradeOffer,
  ): Observable<ActionOutcome | undefined> {
    return this.dialog
      .open<
        UpgradeDialogComponent,
        UpgradeDialogData,
        ActionOutcome
      >(UpgradeDialogComponent, { data: { workup, offer }, width: 'min(32rem, 95vw)' })
      .afterClosed();
  }

  signOff(workup: WorkupView): Observable<ActionOutcome | undefined> {
    return this.dialog
      .open<
        SignOffDialogComponent,
        SignOffDialogData,
        ActionOutcome
      >(SignOffDialogComponent, { data: { workup }, width: 'min(32rem, 95vw)' })
      .afterClosed();
  }

  /** An item's history as a side panel beside the checklist. */
  history(
    workupId: string,
    item: WorkupItemView,
    protocol: ItemHistoryPanelData['protocol'],
  ): void {
    this.dialog.open<ItemHistoryPanelComponent, ItemHistoryPanelData>(
      ItemHistoryPanelComponent,
      {
        data: { workupId, item, protocol },
        position: { right: '0', top: '0' },
        height: '100vh',
        width: 'min(30rem, 100vw)',
        maxWidth: '100vw',
        panelClass: 'pw-side-panel',
      },
    );
  }
}
