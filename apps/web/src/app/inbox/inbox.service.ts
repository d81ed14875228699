import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { type InboxReason } from '@poems/domain';
import {
  apiPath,
  type ApplyInboxRequest,
  type InboxCount,
  type InboxEntryView,
  type InboxStatus,
  type Page,
  type WorkupView,
} from '@poems/contract';
import { PASSIVE } from '../core/auth/auth.service';
import { type Observable, tap } from 'rxjs';

/** The review inbox of laboratory results, and the open count the navigation shows. */
@Injectable({ providedIn: 'root' })
export class InboxService {
  private readonly http = inject(HttpClient);
  /** Open entries the signed-in user would see; null until first counted. */
  readonly openCount = signal<number | null>(null);

  list(
    status: InboxStatus,
    reason: InboxReason | null,
    page = 1,
  ): Observable<Page<InboxEntryView>> {
    let params = new HttpParams()
      .set('status', status)
      .set('page', page)
      .set('pageSize', 50);
    if (reason !== null) {
      params = params.set('reason', reason);
    }
    return this.http.get<Page<InboxEntryView>>(apiPath('GET /api/inbox', {}), {
      params,
    });
  }

  /** Counts open entries; `passive` for the background poll, which must not keep a session alive. */
  refreshCount(passive = false): void {
    this.http
      .get<InboxCount>(apiPath('GET /api/inbox/count', {}), {
        context: new HttpContext().set(PASSIVE, passive),
      })
      .subscribe({
        next: (count) => this.openCount.set(count.open),
        error: () => undefined,
      });
  }

  raw(id: string): Observable<{ messageId: string; raw: string | null }> {
    return this.http.get<{ messageId: string; raw: string | null }>(
      apiPath('GET /api/inbox/{id}/raw', { id }),
    );
  }

  apply(
    id: string,
    body: ApplyInboxRequest,
  ): Observable<{ entry: InboxEntryView; workup: WorkupView }> {
    return this.http
      .post<{
        entry: InboxEntryView;
        workup: WorkupView;
      }>(apiPath('POST /api/inbox/{id}/apply', { id }), body)
      .pipe(tap(() => this.refreshCount()));
  }

  dismiss(
    id: string,
    reason: string,
    version: number,
  ): Observable<InboxEntryView> {
    return this.http
      .post<InboxEntryView>(apiPath('POST /api/inbox/{id}/dismiss', { id }), {
        reason,
        version,
      })
      .pipe(tap(() => this.refreshCount()));
  }
}
