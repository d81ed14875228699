import type { CalendarFeedStatusView } from '@poems/contract';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { CalendarSubscriptionComponent } from './calendar-subscription.component';

const FEED = '/api/worklist/calendar-feed';

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

  async function render(
    status: CalendarFeedStatusView = { feed: null },
  ): Promise<{ element: HTMLElement; settle: () => Promise<void> }> {
    const fixture = TestBed.createComponent(CalendarSubscriptionComponent);
    fixture.detectChanges();
    backend.expectOne({ method: 'GET', url: FEED }).flush(status);
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
      fixture.detectChanges();
    };
    await settle();
    return { element: fixture.nativeElement as HTMLElement, settle };
  }

  const button = (element: HTMLElement, label: RegExp): HTMLButtonElement =>
    Array.from(element.querySelectorAll('button')).find((b) =>
      label.test(b.textContent ?? ''),
    ) as HTMLButtonElement;
  const text = (element: HTMLElement): string =>
    element.textContent?.replace(/\s+/g, ' ') ?? '';

  it('shows a new address once, absolute and read-only, then when it was issued', async () => {
    const { element, settle } = await render();
    expect(element.querySelector('input')).toBeNull();

    button(element, /Subscribe/).click();
    backend.expectOne({ method: 'POST', url: FEED }).flush({
      url: '/api/worklist/calendar.ics?feed=abc',
      id: 'f1',
      issuedAt: '2026-11-24T10:00:00.000Z',
      expiresAt: '2027-05-24T10:00:00.000Z',
    });
    await settle();

    const input = element.querySelector('input') as HTMLInputElement;
    expect(input.value).toBe(
      `${location.origin}/api/worklist/calendar.ics?feed=abc`,
    );
    expect(input.readOnly).toBe(true);
    expect(text(element)).toContain('issued 24 Nov 2026');
    expect(text(element)).toContain('last used never');
    expect(text(element)).toContain('24 May 2027');
  });

  it('shows when an existing address was issued and last used, without the address, and revokes it', async () => {
    const { element, settle } = await render({
      feed: {
        id: 'f1',
        issuedAt: '2026-11-24T10:00:00.000Z',
        expiresAt: '2027-05-24T10:00:00.000Z',
        lastUsedAt: '2026-12-01T08:00:00.000Z',
      },
    });
    expect(element.querySelector('input')).toBeNull();
    expect(text(element)).toContain('issued 24 Nov 2026');
    expect(text(element)).toContain('last used 1 Dec 2026');

    button(element, /Revoke/).click();
    backend.expectOne({ method: 'DELETE', url: FEED }).flush(null, {
      status: 204,
      statusText: 'No Content',
    });
    await settle();

    expect(text(element)).toContain('revoked');
    expect(button(element, /Revoke/)).toBeUndefined();
    expect(button(element, /Subscribe/)).toBeDefined();
  });

  it('says why when the address cannot be issued', async () => {
    const { element, settle } = await render();

    button(element, /Subscribe/).click();
    backend.expectOne({ method: 'POST', url: FEED }).flush(
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
    await settle();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'may not',
    );
    expect(element.querySelector('input')).toBeNull();
  });
});
