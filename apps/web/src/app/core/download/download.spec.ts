import {
  HttpEventType,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RecordingFileSaver } from '../../../testing/report-fixtures';
import { aProblem } from '../../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../api/api-error.interceptor';
import { Download, formatBytes } from './download';
import { type DownloadEvent, FileDownloads } from './file-downloads';
import { FileSaver } from './file-saver';

describe('downloads', () => {
  let backend: HttpTestingController;
  let saver: RecordingFileSaver;
  let downloads: FileDownloads;

  beforeEach(() => {
    saver = new RecordingFileSaver();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
        { provide: FileSaver, useValue: saver },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    downloads = TestBed.inject(FileDownloads);
  });

  afterEach(() => backend.verify());

  it('reports progress, then saves the file under the name the server gives', () => {
    const events: DownloadEvent[] = [];
    downloads
      .fetch({ url: '/api/reports/completion', filename: 'fallback.csv' })
      .subscribe((event) => events.push(event));

    const request = backend.expectOne('/api/reports/completion');
    expect(request.request.responseType).toBe('blob');
    expect(request.request.reportProgress).toBe(true);
    request.event({
      type: HttpEventType.DownloadProgress,
      loaded: 2_000,
      total: 8_000,
    });
    request.event({ type: HttpEventType.DownloadProgress, loaded: 5_000 });
    request.flush(new Blob(['mrn,patientName\n']), {
      headers: {
        'Content-Disposition':
          'attachment; filename="completion_2030-01-10_2030-01-15.csv"',
      },
    });

    expect(events).toEqual([
      { kind: 'progress', loaded: 2_000, total: 8_000 },
      { kind: 'progress', loaded: 5_000, total: null },
      {
        kind: 'saved',
        filename: 'completion_2030-01-10_2030-01-15.csv',
        bytes: 16,
      },
    ]);
    expect(saver.saved.map((s) => s.filename)).toEqual([
      'completion_2030-01-10_2030-01-15.csv',
    ]);
  });

  it('saves under the caller’s name when the response names none', () => {
    downloads
      .fetch({
        url: '/api/patients/p-1/fhir',
        filename: 'patient-MRN-1-fhir.json',
      })
      .subscribe();

    backend
      .expectOne('/api/patients/p-1/fhir')
      .flush(new Blob(['{"resourceType":"Bundle"}']));

    expect(saver.saved.map((s) => s.filename)).toEqual([
      'patient-MRN-1-fhir.json',
    ]);
  });

  describe('Download', () => {
    function aDownload(): Download {
      return TestBed.runInInjectionContext(() => new Download());
    }

    /** An error body is read asynchronously (FileReader): wait until the download ends. */
    async function ended(download: Download): Promise<void> {
      for (let i = 0; i < 50 && download.running(); i++) {
        await new Promise((r) => setTimeout(r, 5));
      }
    }

    it('runs one download at a time and ends saved', () => {
      const download = aDownload();

      download.start(downloads.fetch({ url: '/api/a', filename: 'a.csv' }));
      download.start(downloads.fetch({ url: '/api/a', filename: 'a.csv' }));
      const request = backend.expectOne('/api/a');
      expect(download.running()).toBe(true);
      request.event({ type: HttpEventType.DownloadProgress, loaded: 10 });
      expect(download.state()).toEqual({
        kind: 'running',
        loaded: 10,
        total: null,
      });
      request.flush(new Blob(['x']));

      expect(download.state()).toEqual({
        kind: 'saved',
        filename: 'a.csv',
        bytes: 1,
      });
      expect(download.running()).toBe(false);
    });

    it('says why the API refused, reading the problem from the Blob body', async () => {
      const download = aDownload();
      download.start(
        downloads.fetch({ url: '/api/reports/completion', filename: 'r.pdf' }),
      );

      backend.expectOne('/api/reports/completion').flush(
        new Blob(
          [
            JSON.stringify(
              aProblem('validation_failed', 400, {
                title: 'Invalid request',
                detail: 'The report is too large for a PDF.',
                errors: [
                  {
                    field: 'format',
                    message:
                      'a PDF holds at most 5000 workups and 6200 match: narrow the period or filters, or export CSV',
                  },
                ],
              }),
            ),
          ],
          { type: 'application/problem+json' },
        ),
        { status: 400, statusText: 'Bad Request' },
      );
      await ended(download);

      expect(download.state()).toEqual({
        kind: 'failed',
        error: {
          kind: 'invalid',
          title: 'The report is too large for a PDF.',
          detail:
            'A PDF holds at most 5000 workups and 6200 match: narrow the period or filters, or export CSV.',
          reloadable: false,
        },
      });
      expect(saver.saved).toEqual([]);
    });

    it('reports an unreachable server in words', async () => {
      const download = aDownload();
      download.start(downloads.fetch({ url: '/api/a', filename: 'a.csv' }));

      backend.expectOne('/api/a').error(new ProgressEvent('error'));
      await ended(download);

      expect(download.state()).toMatchObject({
        kind: 'failed',
        error: { kind: 'unavailable' },
      });
    });
  });

  it.each([
    [0, '0 bytes'],
    [830, '830 bytes'],
    [12_345, '12.3 kB'],
    [123_456, '123 kB'],
    [1_400_000, '1.4 MB'],
  ])('formats %i bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
