import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { apiErrorInterceptor } from '../api/api-error.interceptor';
import { ApiStatusComponent } from './api-status.component';

describe('ApiStatusComponent', () => {
  let fixture: ComponentFixture<ApiStatusComponent>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApiStatusComponent],
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ApiStatusComponent);
    TestBed.tick();
  });

  afterEach(() => backend.verify());

  const status = (): string =>
    (fixture.nativeElement as HTMLElement)
      .querySelector('[role="status"]')
      ?.textContent?.replace(/\s+/g, ' ')
      .trim() ?? '';
  const recheckButton = (): HTMLButtonElement | null =>
    (fixture.nativeElement as HTMLElement).querySelector('button');

  it('says it is checking until the API answers', () => {
    expect(status()).toBe('API: checking…');
    backend.expectOne('/api/health').flush({ status: 'ok' });
  });

  it('shows API and database up', async () => {
    backend.expectOne('/api/health').flush({ status: 'ok' });
    await fixture.whenStable();

    expect(status()).toBe('API: up / database: up');
    expect(recheckButton()).toBeNull();
  });

  it('shows the database unavailable on 503', async () => {
    backend.expectOne('/api/health').flush(
      {
        type: 'https://poems-workup.dev/problems/database_unavailable',
        title: 'Database unavailable',
        status: 503,
      },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await fixture.whenStable();

    expect(status()).toContain('API: up / database: unavailable');
  });

  it('shows the API unavailable and checks again on request', async () => {
    backend.expectOne('/api/health').error(new ProgressEvent('error'));
    await fixture.whenStable();

    expect(status()).toContain('API: unavailable');
    expect(status()).toContain('cannot be reached');

    recheckButton()?.click();
    TestBed.tick();
    expect(status()).toBe('API: checking…');

    backend.expectOne('/api/health').flush({ status: 'ok' });
    await fixture.whenStable();
    expect(status()).toBe('API: up / database: up');
  });
});
