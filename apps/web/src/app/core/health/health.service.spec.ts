import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { apiErrorInterceptor } from '../api/api-error.interceptor';
import { HEALTH_TIMEOUT_MS, HealthService } from './health.service';

const problem503 = {
  type: 'https://poems-workup.dev/problems/database_unavailable',
  title: 'Database unavailable',
  status: 503,
};

describe('HealthService', () => {
  let service: HealthService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    service = TestBed.inject(HealthService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  it('reports API and database up on 200', async () => {
    const health = firstValueFrom(service.check());
    const request = backend.expectOne('/api/health');
    expect(request.request.method).toBe('GET');
    request.flush({ status: 'ok' });

    await expect(health).resolves.toEqual({
      kind: 'reachable',
      database: 'up',
    });
  });

  it('reports the database down when the API answers 503 with a problem document', async () => {
    const health = firstValueFrom(service.check());
    backend
      .expectOne('/api/health')
      .flush(problem503, { status: 503, statusText: 'Service Unavailable' });

    await expect(health).resolves.toEqual({
      kind: 'reachable',
      database: 'down',
    });
  });

  it('reports the API unavailable on a bare 503 from a proxy', async () => {
    const health = firstValueFrom(service.check());
    backend.expectOne('/api/health').flush('Service Unavailable', {
      status: 503,
      statusText: 'Service Unavailable',
    });

    await expect(health).resolves.toEqual({ kind: 'unavailable' });
  });

  it('reports the API unavailable when nothing answers', async () => {
    const health = firstValueFrom(service.check());
    backend.expectOne('/api/health').error(new ProgressEvent('error'));

    await expect(health).resolves.toEqual({ kind: 'unavailable' });
  });

  it('reports the API unavailable on a server error', async () => {
    const health = firstValueFrom(service.check());
    backend
      .expectOne('/api/health')
      .flush(null, { status: 500, statusText: 'Internal Server Error' });

    await expect(health).resolves.toEqual({ kind: 'unavailable' });
  });

  it('gives up after the timeout', async () => {
    jest.useFakeTimers();
    const health = firstValueFrom(service.check());
    const request = backend.expectOne('/api/health');

    jest.advanceTimersByTime(HEALTH_TIMEOUT_MS);

    await expect(health).resolves.toEqual({ kind: 'unavailable' });
    expect(request.cancelled).toBe(true);
  });
});
