import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthService } from './core/auth/auth.service';
import { roleLabel } from './core/format/labels';
import { ApiStatusComponent } from './core/health/api-status.component';
import { navItemsFor } from './core/layout/navigation';
import { IconComponent } from './core/ui/icon.component';

@Component({
  selector: 'pw-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
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

  protected readonly productName = 'POEMS Workup Tracker';
  protected readonly user = this.auth.user;
  protected readonly roleName = computed(() => {
    const role = this.auth.role();
    return role === null ? '' : roleLabel(role);
  });
  protected readonly navItems = computed(() => {
    const role = this.auth.role();
    return role === null ? [] : navItemsFor(role);
  });

  protected signOut(): void {
    void this.auth.signOut();
  }
}
