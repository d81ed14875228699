import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { CalendarSubscriptionComponent } from './calendar-subscription.component';

describe('CalendarSubscriptionComponent', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function render() {
    const fixture = TestBed.createComponent(CalendarSubscriptionComponent);
    await fixture.whenStable();
    return fixture;
  }

  const button = (element: HTMLElement): HTMLButtonElement =>
    Array.from(element.querySelectorAll('button')).find((b) =>
      /Subscribe/.test(b.textContent ?? ''),
    ) as HTMLButtonElement;

  it('shows the address only on request, absolute and read-only, with its expiry', async () => {
    const fixture = await render();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('input')).toBeNull();

    button(element).click();
    backend
      .expectOne({ method: 'POST', url: '/api/worklist/calendar-feed' })
      .flush({
        url: '/api/worklist/calendar.ics?feed=abc',
        expiresAt: '2027-05-24T10:00:00.000Z',
      });
    await fixture.whenStable();

    const input = element.querySelector('input') as HTMLInputElement;
    expect(input.value).toBe(
      `${location.origin}/api/worklist/calendar.ics?feed=abc`,
    );
    expect(input.readOnly).toBe(true);
    expect(element.textContent).toContain('24 May 2027');
  });

  it('says why when the address cannot be issued', async () => {
    const fixture = await render();
    const element = fixture.nativeElement as HTMLElement;

    button(element).click();
    backend
      .expectOne('/api/worklist/calendar-feed')
      .flush(
        {
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          detail: 'Your role may not do this.',
        },
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'content-type': 'application/problem+json' },
        },
      );
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'may not',
    );
    expect(element.querySelector('input')).toBeNull();
  });
});
