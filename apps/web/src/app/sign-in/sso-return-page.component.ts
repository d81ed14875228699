import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { SsoRefusal } from '@poems/contract';
import { homeOf } from '../core/auth/auth.guards';
import { AuthService } from '../core/auth/auth.service';

const REFUSALS: Record<SsoRefusal, string> = {
  unmapped_role:
    'Your account at the identity provider carries none of the groups or roles this application maps to a role',
  inactive: 'Your account here is deactivated; ask an administrator.',
  provider_error: 'The identity provider did not sign you in.',
  unknown_state: 'This sign-in was not started here or took too long; start again.',
  token_rejected: 'The identity provider’s answer failed its checks; start again.',
  username_taken:
    'Your provider username belongs to another account here; ask an administrator.',
  not_a_person: 'This account cannot sign in interactively.',
  unavailable: 'The identity provider cannot be reached at the moment; try again later.',
};

/**
 * Where single sign-on returns: `#code=` (one-time, traded for the token at once, so it never
 * outlives this page) or `#error=` with the reason of a refusal.
 */
@Component({
  selector: 'pw-sso-return-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, RouterLink],
  template: `
    <div class="sign-in">
      <mat-card appearance="outlined" class="sign-in__card">
        <mat-card-header>
          <h1 mat-card-title class="page-title">Single sign-on</h1>
        </mat-card-header>
        <mat-card-content>
          @if (refusal(); as refusal) {
            <p role="alert">{{ refusal }}</p>
            <a routerLink="/sign-in">Back to sign-in</a>
          } @else {
            <p role="status">Signing you in…</p>
          }
        </mat-card-content>
      </mat-card>
    </div>
  `,
})
export default class SsoReturnPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly refusal = signal<string | null>(null);

  constructor() {
    const fragment = new URLSearchParams(
      inject(ActivatedRoute).snapshot.fragment ?? '',
    );
    const code = fragment.get('code');
    if (code !== null) {
      void this.finish(code);
      return;
    }
    const reason = fragment.get('error') as SsoRefusal | null;
    const claim = fragment.get('claim');
    const text =
      (reason !== null ? REFUSALS[reason] : undefined) ??
      'The sign-in did not complete; start again.';
    this.refusal.set(
      reason === 'unmapped_role'
        ? `${text}${claim === null ? '' : ` (claim “${claim}”)`}. Ask your administrator to add you to one.`
        : text,
    );
  }

  private async finish(code: string): Promise<void> {
    try {
      const user = await this.auth.exchangeSsoCode(code);
      await this.router.navigateByUrl(homeOf(user.role), { replaceUrl: true });
    } catch {
      this.refusal.set('This sign-in has expired or was already used; start again.');
    }
  }
}
