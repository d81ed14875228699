import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ItemAction,
  ItemHistoryView,
  ResultInput,
  WorkupView,
} from '@poems/domain';
import type { Observable } from 'rxjs';

/**
 * Bodies of `POST /api/workups/:id/items/:key/<action>` beyond `version` (api-contract.md,
 * "Item actions"). Instants carry an offset; dates are `YYYY-MM-DD`.
 */
export interface ItemActionBodies {
  readonly order: { readonly dueDate?: string };
  readonly schedule: {
    readonly scheduledAt: string;
    readonly location?: string;
    readonly dueDate?: string;
  };
  readonly perform: { readonly performedAt: string };
  readonly result: ResultInput & { readonly performedAt?: string };
  readonly review: { readonly note?: string };
  readonly cancel: { readonly reason: string };
  readonly 'not-indicated': { readonly reason: string };
  readonly reopen: { readonly reason: string };
  readonly activate: { readonly reason?: string };
}

/** `POST /api/workups/:id/close` and `/reopen` body. */
export interface WorkupStatusRequest {
  readonly version: number;
  readonly reason: string;
}

const workupPath = (id: string): string =>
  `/api/workups/${encodeURIComponent(id)}`;
const itemPath = (workupId: string, key: string): string =>
  `${workupPath(workupId)}/items/${encodeURIComponent(key)}`;

/** Workups, their items' actions and history. Every change answers with the whole workup. */
@Injectable({ providedIn: 'root' })
export class WorkupsService {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<WorkupView> {
    return this.http.get<WorkupView>(workupPath(id));
  }

  /** Takes an action on an item at the version the user saw; 409 when someone changed it since. */
  act<A extends ItemAction>(
    workupId: string,
    itemKey: string,
    action: A,
    version: number,
    body: ItemActionBodies[A],
  ): Observable<WorkupView> {
    return this.http.post<WorkupView>(
      `${itemPath(workupId, itemKey)}/${action}`,
      { ...body, version },
    );
  }

  history(workupId: string, itemKey: string): Observable<ItemHistoryView[]> {
    return this.http.get<ItemHistoryView[]>(
      `${itemPath(workupId, itemKey)}/history`,
    );
  }

  close(workupId: string, body: WorkupStatusRequest): Observable<WorkupView> {
    return this.http.post<WorkupView>(`${workupPath(workupId)}/close`, body);
  }

  reopen(workupId: string, body: WorkupStatusRequest): Observable<WorkupView> {
    return this.http.post<WorkupView>(`${workupPath(workupId)}/reopen`, body);
  }
}
