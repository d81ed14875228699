import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { ApiError } from '../core/api/api-error';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { homeOf } from '../core/auth/auth.guards';
import type { AuthProviders, DemoAccount } from '@poems/domain';
import { AuthService } from '../core/auth/auth.service';
import { safeReturnUrl } from '../core/auth/return-url';
import { roleLabel } from '../core/format/labels';
import { errorText } from '../core/forms/error-text';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { IconComponent } from '../core/ui/icon.component';

@Component({
  selector: 'pw-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorAlertComponent,
    IconComponent,
  ],
  templateUrl: './sign-in-page.component.html',
  styleUrl: './sign-in-page.component.scss',
})
export default class SignInPageComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** The page to go back to, from `?returnUrl=`. */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.maxLength(64)]],
    password: ['', [Validators.required]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<ErrorMessage | null>(null);
  protected readonly demoAccounts = signal<readonly DemoAccount[]>([]);
  protected readonly providers = signal<AuthProviders | null>(null);
  /** The local form, unless LOCAL_LOGIN=off (with admins-only it stays, for break-glass admins). */
  protected readonly localForm = computed(
    () => this.providers()?.localLogin !== 'off',
  );
  protected readonly notice = computed(() => {
    switch (this.auth.notice()) {
      case 'expired':
        return 'Your session has ended. Sign in again to continue where you were.';
      case 'idle':
        return 'Your session has ended after a period of inactivity. Sign in again to continue where you were.';
      case 'ended':
        return 'Your session has ended (signed out elsewhere, ended by an administrator or a change to your account, or it reached its maximum length). Sign in again to continue.';
      case 'password_changed':
        return 'Your password has been changed and every session ended. Sign in with the new password.';
      case 'signed_out':
        return 'You have signed out.';
      case null:
        return null;
    }
  });
  protected readonly errorText = errorText;
  protected readonly roleLabel = roleLabel;

  constructor() {
    void this.auth.providers().then((providers) => this.providers.set(providers));
    void this.auth
      .demoAccounts()
      .then((accounts) => this.demoAccounts.set(accounts));
  }

  protected useAccount(account: DemoAccount): void {
    this.form.setValue({
      username: account.username,
      password: account.password,
    });
    this.error.set(null);
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.pending()) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    const { username, password } = this.form.getRawValue();
    try {
      const user = await this.auth.signIn(username, password);
      await this.router.navigateByUrl(
        safeReturnUrl(this.returnUrl()) ?? homeOf(user.role),
      );
    } catch (error) {
      this.error.set(
        error instanceof ApiError && error.status === 401
          ? {
              kind: 'unauthenticated',
              title: 'Sign-in failed',
              detail:
                error.problem?.detail ??
                'The username or password is incorrect.',
              reloadable: false,
            }
          : describeError(error),
      );
      this.form.controls.password.reset();
    } finally {
      this.pending.set(false);
    }
  }
}
