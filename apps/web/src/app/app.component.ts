import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { filter } from 'rxjs';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import {
  NavigationEnd,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { AuthService } from './core/auth/auth.service';
import { roleLabel } from './core/format/labels';
import { ApiStatusComponent } from './core/health/api-status.component';
import { navItemsFor } from './core/layout/navigation';
import { ViewportService } from './core/layout/viewport.service';
import { InboxService } from './inbox/inbox.service';
import { IconComponent } from './core/ui/icon.component';

@Component({
  selector: 'pw-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatMenuModule,
    MatToolbarModule,
    MatButtonModule,
    ApiStatusComponent,
    IconComponent,
  ],
  templateUrl: './app.component.html',
  styleUrl: './app.component.scss',
})
export class AppComponent {
  private readonly auth = inject(AuthService);
  private readonly inbox = inject(InboxService);
  /** Open inbox entries the user would see: the badge on the Inbox link. */
  protected readonly inboxCount = this.inbox.openCount;

  protected readonly productName = 'POEMS Workup Tracker';
  /** Phones and tablets: navigation and account in one menu, the disclaimer folded to a line. */
  protected readonly compact = inject(ViewportService).compact;
  protected readonly user = this.auth.user;
  protected readonly idleWarning = this.auth.idleWarning;
  protected readonly roleName = computed(() => {
    const role = this.auth.role();
    return role === null ? '' : roleLabel(role);
  });
  protected readonly navItems = computed(() => {
    const role = this.auth.role();
    return role === null ? [] : navItemsFor(role);
  });

  constructor() {
    // The badge follows the user: counted when someone who may read the inbox signs in or moves
    // between pages, and every minute while the app is open.
    effect(() => {
      if (this.auth.may('inbox.read')) {
        this.inbox.refreshCount();
      }
    });
    inject(Router)
      .events.pipe(filter((e) => e instanceof NavigationEnd), takeUntilDestroyed())
      .subscribe(() => this.auth.may('inbox.read') && this.inbox.refreshCount());
    const timer = setInterval(() => this.auth.may('inbox.read') && this.inbox.refreshCount(true), 60_000);
    // Reading and typing are activity too: they renew the session (at most once a minute).
    const active = (): void => this.auth.userActive();
    const doc = inject(DOCUMENT);
    for (const type of ['keydown', 'pointerdown'] as const) {
      doc.addEventListener(type, active, { passive: true, capture: true });
    }
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      for (const type of ['keydown', 'pointerdown'] as const) {
        doc.removeEventListener(type, active, { capture: true });
      }
    });
  }

  protected signOut(): void {
    void this.auth.signOut();
  }

  protected staySignedIn(): void {
    void this.auth.staySignedIn();
  }
}
