import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { MfaStatus } from '@poems/contract';
import { signInAs } from '../../testing/auth';
import { aProblem } from '../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { AuthService } from '../core/auth/auth.service';
import { appRoutes } from '../app.routes';

const NOT_ENROLLED: MfaStatus = {
  enrolled: false,
  enrolledAt: null,
  required: true,
  recoveryCodesLeft: 0,
  unavailableReason: null,
};

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('TwoStepPageComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  }

  async function open(status: MfaStatus): Promise<HTMLElement> {
    await signInAs('admin');
    harness = await RouterTestingHarness.create('/account/two-step');
    backend.expectOne('/api/auth/mfa').flush(status);
    await settle();
    return harness.routeNativeElement as HTMLElement;
  }

  function clickButton(page: HTMLElement, text: string): void {
    Array.from(page.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.trim().startsWith(text))
      ?.click();
  }

  it('sets up an authenticator: QR code and key, a first code, then the recovery codes once', async () => {
    const page = await open(NOT_ENROLLED);
    expect(page.textContent).toContain('Your role must use it');

    clickButton(page, 'Set up two-step sign-in');
    await settle();
    backend.expectOne('/api/auth/mfa/enrolment').flush({
      secret: SECRET,
      otpauthUri: `otpauth://totp/POEMS:admin?secret=${SECRET}&issuer=POEMS`,
    });
    await settle();

    const qr = page.querySelector('svg[role="img"]');
    expect(qr?.getAttribute('aria-label')).toBe(
      'QR code for your authenticator app',
    );
    // A version-2 or larger symbol has hundreds of dark modules.
    expect(
      (qr?.querySelector('path')?.getAttribute('d')?.match(/M/g) ?? []).length,
    ).toBeGreaterThan(100);
    expect(
      page.querySelector('[data-testid="manual-key"]')?.textContent?.trim(),
    ).toBe(SECRET);

    const code = page.querySelector<HTMLInputElement>(
      'input[formcontrolname="code"]',
    ) as HTMLInputElement;
    code.value = '111 222';
    code.dispatchEvent(new Event('input'));
    clickButton(page, 'Turn on two-step sign-in');
    await settle();
    const confirm = backend.expectOne('/api/auth/mfa/enrolment/confirm');
    expect(confirm.request.body).toEqual({ code: '111222' });
    const codes = Array.from(
      { length: 10 },
      (_, i) => `AAAA-BBBB-CCCC-DDD${i}`,
    );
    confirm.flush({ recoveryCodes: codes });
    await settle();

    expect(
      Array.from(
        page.querySelectorAll('ul[aria-label="Recovery codes"] li'),
      ).map((li) => li.textContent?.trim()),
    ).toEqual(codes);
    expect(TestBed.inject(AuthService).mfaEnrolmentRequired()).toBe(false);

    clickButton(page, 'I have saved them');
    await settle();
    expect(TestBed.inject(Router).url).toBe('/users');
    backend
      .match(() => true)
      .forEach((r) => r.flush({ items: [], total: 0, page: 1, pageSize: 25 }));
  });

  it('keeps the form with the API’s reason when the first code is wrong', async () => {
    const page = await open(NOT_ENROLLED);
    clickButton(page, 'Set up two-step sign-in');
    await settle();
    backend.expectOne('/api/auth/mfa/enrolment').flush({
      secret: SECRET,
      otpauthUri: `otpauth://totp/POEMS:admin?secret=${SECRET}&issuer=POEMS`,
    });
    await settle();
    const code = page.querySelector<HTMLInputElement>(
      'input[formcontrolname="code"]',
    ) as HTMLInputElement;
    code.value = '000000';
    code.dispatchEvent(new Event('input'));
    clickButton(page, 'Turn on two-step sign-in');
    await settle();
    backend.expectOne('/api/auth/mfa/enrolment/confirm').flush(
      aProblem('validation_failed', 400, {
        errors: [
          {
            field: 'code',
            message: 'code: The code is incorrect or has already been used.',
          },
        ],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    expect(page.textContent).toContain('The code is incorrect');
    expect(page.querySelector('ul[aria-label="Recovery codes"]')).toBeNull();
  });

  it('says when it is on, and why a demo account cannot set it up', async () => {
    const on = await open({
      ...NOT_ENROLLED,
      enrolled: true,
      enrolledAt: '2026-12-01T10:00:00.000Z',
      recoveryCodesLeft: 7,
    });
    expect(on.textContent).toContain('7 recovery codes are left');
    expect(on.textContent).not.toContain('Set up two-step sign-in');
  });

  function typeCode(page: HTMLElement, value: string): void {
    const code = page.querySelector<HTMLInputElement>(
      'input[formcontrolname="code"]',
    ) as HTMLInputElement;
    code.value = value;
    code.dispatchEvent(new Event('input'));
  }

  const ENROLLED: MfaStatus = {
    ...NOT_ENROLLED,
    enrolled: true,
    enrolledAt: '2026-12-01T10:00:00.000Z',
    recoveryCodesLeft: 2,
  };

  it('replaces the recovery codes after a current code, shows the new ones once, then the new count', async () => {
    const page = await open(ENROLLED);
    expect(page.querySelector('input[formcontrolname="code"]')).toBeNull();

    clickButton(page, 'New recovery codes');
    await settle();
    expect(page.textContent).toContain(
      'current recovery codes will stop working',
    );
    clickButton(page, 'Replace recovery codes');
    await settle();
    // Nothing is sent without a code.
    backend.expectNone('/api/auth/mfa/recovery-codes');

    typeCode(page, '123 456');
    clickButton(page, 'Replace recovery codes');
    await settle();
    const renew = backend.expectOne('/api/auth/mfa/recovery-codes');
    expect(renew.request.method).toBe('POST');
    expect(renew.request.body).toEqual({ code: '123456' });
    const codes = Array.from(
      { length: 10 },
      (_, i) => `EEEE-FFFF-GGGG-HHH${i}`,
    );
    renew.flush({ recoveryCodes: codes });
    await settle();

    expect(page.textContent).toContain('earlier recovery codes no longer work');
    expect(
      Array.from(
        page.querySelectorAll('ul[aria-label="Recovery codes"] li'),
      ).map((li) => li.textContent?.trim()),
    ).toEqual(codes);

    clickButton(page, 'I have saved them');
    await settle();
    backend
      .expectOne('/api/auth/mfa')
      .flush({ ...ENROLLED, recoveryCodesLeft: 10 });
    await settle();
    expect(page.querySelector('ul[aria-label="Recovery codes"]')).toBeNull();
    expect(page.textContent).toContain('10 recovery codes are left');
    expect(TestBed.inject(Router).url).toBe('/account/two-step');
  });

  it('keeps the form with the API’s reason when the code for new recovery codes is wrong', async () => {
    const page = await open(ENROLLED);
    clickButton(page, 'New recovery codes');
    await settle();
    typeCode(page, '000000');
    clickButton(page, 'Replace recovery codes');
    await settle();
    backend.expectOne('/api/auth/mfa/recovery-codes').flush(
      aProblem('validation_failed', 400, {
        errors: [
          {
            field: 'code',
            message: 'code: The code is incorrect or has already been used.',
          },
        ],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    expect(page.textContent).toContain('The code is incorrect');
    expect(page.querySelector('ul[aria-label="Recovery codes"]')).toBeNull();
    expect(TestBed.inject(Router).url).toBe('/account/two-step');
  });

  it('explains that demo accounts stay password-only', async () => {
    const page = await open({
      ...NOT_ENROLLED,
      required: false,
      unavailableReason: 'demo_account',
    });
    expect(page.textContent).toContain('Demo accounts stay password-only');
  });
});
