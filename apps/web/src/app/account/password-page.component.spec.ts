import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { signInAs } from '../../testing/auth';
import { aProblem } from '../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { AuthService } from '../core/auth/auth.service';
import PasswordPageComponent from './password-page.component';

describe('PasswordPageComponent', () => {
  let backend: HttpTestingController;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await signInAs('coordinator');
  });

  afterEach(() => backend.verify());

  async function open() {
    const fixture = TestBed.createComponent(PasswordPageComponent);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const fill = (label: string, value: string): void => {
      const input = Array.from(element.querySelectorAll('mat-form-field'))
        .find((f) => f.textContent?.includes(label))
        ?.querySelector('input');
      if (!input) throw new Error(`no field ${label}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async (): Promise<void> => {
      element.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { fixture, element, fill, submit };
  }

  it('sends the current and new password, then returns to sign-in saying why', async () => {
    const { fill, submit } = await open();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl');
    fill('Current password', 'my old password');
    fill('New password', 'a fresh and long passphrase');
    fill('Repeat the new password', 'a fresh and long passphrase');

    await submit();
    const request = backend.expectOne('/api/auth/password');
    expect(request.request.body).toEqual({
      currentPassword: 'my old password',
      newPassword: 'a fresh and long passphrase',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((r) => setTimeout(r));

    const auth = TestBed.inject(AuthService);
    expect(auth.signedIn()).toBe(false);
    expect(auth.notice()).toBe('password_changed');
    expect(navigate).toHaveBeenCalledWith('/sign-in');
  });

  it('shows the API’s reason on the field it names', async () => {
    const { fixture, element, fill, submit } = await open();
    fill('Current password', 'my old password');
    fill('New password', 'qwertyuiopasdf');
    fill('Repeat the new password', 'qwertyuiopasdf');

    await submit();
    backend.expectOne('/api/auth/password').flush(
      aProblem('validation_failed', 400, {
        errors: [
          {
            field: 'newPassword',
            message:
              'newPassword is too easy to guess: This is similar to a commonly used password.',
          },
        ],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    await fixture.whenStable();

    expect(element.textContent).toContain(
      'newPassword is too easy to guess: This is similar to a commonly used password.',
    );
    expect(TestBed.inject(AuthService).signedIn()).toBe(true);
  });

  it('refuses two different new passwords before sending anything', async () => {
    const { fixture, element, fill, submit } = await open();
    fill('Current password', 'my old password');
    fill('New password', 'a fresh and long passphrase');
    fill('Repeat the new password', 'a different long passphrase');

    await submit();
    fixture.detectChanges();

    backend.expectNone('/api/auth/password');
    expect(element.textContent).toContain('The two new passwords differ.');
  });
});
