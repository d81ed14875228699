import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { MfaEnrolment } from '@poems/contract';
import { qrPathOf } from '../../core/auth/mfa-code';

/**
 * The new authenticator key, two ways: as a QR code of the otpauth URI for a phone's camera, and
 * as text for typing by hand.
 */
@Component({
  selector: 'pw-authenticator-key',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      Scan this code with an authenticator app (such as FreeOTP, Google or
      Microsoft Authenticator):
    </p>
    @if (qr(); as qr) {
      <svg
        class="two-step__qr"
        role="img"
        aria-label="QR code for your authenticator app"
        [attr.viewBox]="'-4 -4 ' + (qr.size + 8) + ' ' + (qr.size + 8)"
        shape-rendering="crispEdges"
      >
        <rect
          x="-4"
          y="-4"
          [attr.width]="qr.size + 8"
          [attr.height]="qr.size + 8"
          fill="#fff"
        />
        <path [attr.d]="qr.d" fill="#000" />
      </svg>
    }
    <p>
      Or enter this key by hand (time-based, 6 digits):
      <code class="two-step__key" data-testid="manual-key">{{
        enrolment().secret
      }}</code>
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .two-step__qr {
      display: block;
      width: 14rem;
      height: 14rem;
      margin: 0.5rem 0 1rem;
    }
    .two-step__key {
      display: block;
      margin-top: 0.25rem;
      font-size: 1.1rem;
      letter-spacing: 0.1em;
      word-break: break-all;
    }
  `,
})
export class AuthenticatorKeyComponent {
  readonly enrolment = input.required<MfaEnrolment>();

  protected readonly qr = computed(() =>
    qrPathOf(this.enrolment().otpauthUri),
  );
}
