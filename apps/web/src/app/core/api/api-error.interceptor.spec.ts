import {
  HttpClient,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { ApiError } from './api-error';
import { apiErrorInterceptor } from './api-error.interceptor';

describe('apiErrorInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function failure(
    respond: (backend: HttpTestingController) => void,
  ): Promise<unknown> {
    const result = firstValueFrom(http.get('/api/patients')).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    respond(backend);
    return result;
  }

  it('turns a problem document into an ApiError carrying it', async () => {
    const problem = {
      type: 'https://poems-workup.dev/problems/validation_failed',
      title: 'Invalid input',
      status: 400,
      detail: 'mrn must not be empty',
      errors: [{ field: 'mrn', message: 'must not be empty' }, { field: 1 }],
    };

    const error = await failure((b) =>
      b
        .expectOne('/api/patients')
        .flush(problem, { status: 400, statusText: 'Bad Request' }),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      message: 'Invalid input',
      problem: {
        ...problem,
        errors: [{ field: 'mrn', message: 'must not be empty' }],
      },
    });
  });

  it('keeps the status of an error without a problem document', async () => {
    const error = await failure((b) =>
      b.expectOne('/api/patients').flush('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
      }),
    );

    expect(error).toMatchObject({
      status: 502,
      problem: null,
      isUnreachable: false,
    });
  });

  it('reports a request that got no response as unreachable', async () => {
    const error = await failure((b) =>
      b.expectOne('/api/patients').error(new ProgressEvent('error')),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, isUnreachable: true });
  });

  it('reads the problem document of a failed download, whose body is a Blob', async () => {
    const problem = {
      type: 'https://poems-workup.dev/problems/validation_failed',
      title: 'Invalid request',
      status: 400,
      detail: 'The report is too large for a PDF.',
      errors: [{ field: 'format', message: 'export CSV' }],
    };
    const result = firstValueFrom(
      http.get('/api/reports/completion', { responseType: 'blob' }),
    ).then(
      () => 'resolved',
      (error: unknown) => error,
    );

    backend.expectOne('/api/reports/completion').flush(
      new Blob([JSON.stringify(problem)], {
        type: 'application/problem+json',
      }),
      { status: 400, statusText: 'Bad Request' },
    );

    const error = await result;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, problem });
  });

  it('lets successful responses through untouched', async () => {
    const result = firstValueFrom(http.get('/api/patients'));
    backend.expectOne('/api/patients').flush({ items: [] });

    await expect(result).resolves.toEqual({ items: [] });
  });
});
