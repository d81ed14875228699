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
import type {
  AuthProviders,
  DemoAccount,
  MfaChallengeResponse,
  UserView,
} from '@poems/contract';
import { AuthService } from '../core/auth/auth.service';
import { codeOf, sixDigits } from '../core/auth/mfa-code';
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
  /** The second step: a code of the authenticator app, or one recovery code. */
  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, sixDigits]],
    recoveryCode: ['', [Validators.maxLength(40)]],
  });
  /** Set once the password was right and the account uses two-step sign-in. */
  protected readonly challenge = signal<MfaChallengeResponse | null>(null);
  protected readonly useRecoveryCode = signal(false);
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
      const step = await this.auth.signIn(username, password);
      if (step.kind === 'second_factor') {
        this.codeForm.reset();
        this.useRecoveryCode.set(false);
        this.challenge.set(step.challenge);
        return;
      }
      await this.land(step.user);
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

  /** Switches the second step between the authenticator's code and a recovery code. */
  protected toggleRecoveryCode(): void {
    const recovery = !this.useRecoveryCode();
    this.useRecoveryCode.set(recovery);
    const { code, recoveryCode } = this.codeForm.controls;
    code.setValidators(
      recovery ? [] : [Validators.required, sixDigits],
    );
    recoveryCode.setValidators(
      recovery
        ? [Validators.required, Validators.maxLength(40)]
        : [Validators.maxLength(40)],
    );
    code.reset();
    recoveryCode.reset();
    this.error.set(null);
  }

  /** Back to username and password (the challenge expired, or another account). */
  protected restart(): void {
    this.challenge.set(null);
    this.form.controls.password.reset();
    this.error.set(null);
  }

  protected async submitCode(): Promise<void> {
    const challenge = this.challenge();
    if (challenge === null || this.codeForm.invalid || this.pending()) {
      this.codeForm.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    const { code, recoveryCode } = this.codeForm.getRawValue();
    try {
      const user = await this.auth.verifySecondFactor(
        challenge,
        this.useRecoveryCode()
          ? { recoveryCode: recoveryCode.trim() }
          : { code: codeOf(code) },
      );
      await this.land(user);
    } catch (error) {
      const expired =
        error instanceof ApiError &&
        error.problem?.mfaChallengeExpired === true;
      if (expired) {
        this.restart();
      }
      this.error.set(
        error instanceof ApiError && error.status === 401
          ? {
              kind: 'unauthenticated',
              title: expired ? 'Sign in again' : 'Code not accepted',
              detail:
                error.problem?.detail ??
                'The code is incorrect or has already been used.',
              reloadable: false,
            }
          : describeError(error),
      );
      this.codeForm.controls.code.reset();
      this.codeForm.controls.recoveryCode.reset();
    } finally {
      this.pending.set(false);
    }
  }

  private async land(user: UserView): Promise<void> {
    await this.router.navigateByUrl(
      this.auth.landingOf(user, safeReturnUrl(this.returnUrl()) ?? null),
    );
  }
}
