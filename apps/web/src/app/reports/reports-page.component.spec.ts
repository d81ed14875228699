import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  type TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CompletionReport } from '@poems/contract';
import { signInAs } from '../../testing/auth';
import {
  ATTENDING_ID,
  RecordingFileSaver,
  aCompletionReport,
  aReportRow,
} from '../../testing/report-fixtures';
import { aProblem } from '../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { FileSaver } from '../core/download/file-saver';
import {
  type BarChartConfig,
  DRAW_CHART,
} from './components/bar-chart.component';
import { ClinicCalendar } from './data-access/clinic-calendar';
import ReportsPageComponent from './reports-page.component';

/** The clinic calendar as a test sets it: Kiritimati is a day ahead of the default. */
class FakeCalendar {
  readonly today = signal('2030-01-16');
  readonly learnt: string[] = [];

  learn(timeZone: string): void {
    this.learnt.push(timeZone);
    if (timeZone === 'Pacific/Kiritimati') {
      this.today.set('2030-01-17');
    }
  }
}

const REPORT = '/api/reports/completion';
const PERIOD = 'from=2030-01-10&to=2030-01-15';

describe('ReportsPageComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let calendar: FakeCalendar;
  let saver: RecordingFileSaver;
  let charts: BarChartConfig[];

  beforeEach(() => {
    sessionStorage.clear();
    calendar = new FakeCalendar();
    saver = new RecordingFileSaver();
    charts = [];
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [{ path: 'reports', component: ReportsPageComponent }],
          withComponentInputBinding(),
        ),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        { provide: ClinicCalendar, useValue: calendar },
        { provide: FileSaver, useValue: saver },
        {
          provide: DRAW_CHART,
          useValue: (_canvas: HTMLCanvasElement, config: BarChartConfig) => {
            charts.push(config);
            return {
              update: (next: BarChartConfig) => charts.push(next),
              destroy: () => undefined,
            };
          },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await harness.fixture.whenStable();
    }
  }
  /** Text as a reader meets it: separate elements' texts never run together. */
  const text = (el: Element | null | undefined): string => {
    if (!el) {
      return '';
    }
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    while (walker.nextNode()) {
      parts.push(walker.currentNode.textContent ?? '');
    }
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  };
  const button = (root: HTMLElement, name: string): HTMLButtonElement => {
    const found = Array.from(root.querySelectorAll('button')).find(
      (b) => text(b) === name,
    );
    if (!found) {
      throw new Error(`No button ${name}`);
    }
    return found;
  };

  async function open(
    url: string,
    request: string,
    report: CompletionReport = aCompletionReport(),
  ): Promise<HTMLElement> {
    await signInAs('auditor');
    harness = await RouterTestingHarness.create(url);
    await settle();
    backend.expectOne(request).flush(report);
    await settle();
    return harness.routeNativeElement as HTMLElement;
  }

  it('asks for the last 90 clinic days by default, and follows the clinic’s calendar once the report names it', async () => {
    await open(
      '/reports',
      `${REPORT}?from=2029-10-19&to=2030-01-16&page=1&pageSize=25`,
      aCompletionReport({
        timeZone: 'Pacific/Kiritimati',
        today: '2030-01-17',
      }),
    );

    expect(calendar.learnt).toContain('Pacific/Kiritimati');
    backend
      .expectOne(`${REPORT}?from=2029-10-20&to=2030-01-17&page=1&pageSize=25`)
      .flush(aCompletionReport({ timeZone: 'Pacific/Kiritimati' }));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/reports');
  });

  it('shows the period, the summary cards and three charts with their numbers as text', async () => {
    const root = await open(
      `/reports?${PERIOD}`,
      `${REPORT}?${PERIOD}&page=1&pageSize=25`,
    );

    expect(text(root.querySelector('[data-period]'))).toBe(
      'Workups opened from 10 Jan 2030 to 15 Jan 2030 (clinic dates, UTC); clinic today 16 Jan 2030.',
    );
    const card = (name: string): string =>
      text(root.querySelector(`[data-card="${name}"]`));
    expect(card('workups')).toBe('Workups 3 1 open, 2 closed');
    expect(card('overall')).toBe(
      'Overall result Criteria met 1 Criteria not met 1 Indeterminate 0 Incomplete 1',
    );
    expect(card('completion')).toBe(
      'Median days to completion 3 days Over 2 closed workups',
    );
    expect(card('overdue')).toBe(
      'Overdue items 3 In 1 workup; 49 active items, 6 done',
    );
    expect(card('criteria-met')).toBe(
      'Median days to criteria met 2 days Over 1 workup that met the criteria',
    );

    const figures = Array.from(root.querySelectorAll('figure'));
    expect(figures.map((f) => text(f.querySelector('figcaption')))).toEqual([
      'Completion of the checklists',
      'Median turnaround per item kind',
      'Overdue items by week due',
    ]);
    expect(
      figures[2]?.querySelector('canvas')?.getAttribute('aria-label'),
    ).toBe(
      'Overdue items by week due. 3 overdue items by the week their due date falls in: 2030-W01 (from 31 Dec 2029) 1, 2030-W03 (from 14 Jan 2030) 2.',
    );
    expect(
      Array.from(figures[2]?.querySelectorAll('tbody tr') ?? []).map(text),
    ).toEqual([
      '2030-W01 from 31 Dec 2029 1',
      '2030-W02 from 7 Jan 2030 0',
      '2030-W03 from 14 Jan 2030 2',
    ]);
    expect(charts.map((c) => c.data.datasets[0]?.data)).toEqual([
      [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      [2, 3.5, null, 2, null],
      [1, 0, 2],
    ]);
  });

  it('applies the chosen period and filters through the URL, offering the attendings it has seen', async () => {
    const root = await open(
      `/reports?${PERIOD}`,
      `${REPORT}?${PERIOD}&page=1&pageSize=25`,
    );
    const loader = TestbedHarnessEnvironment.loader(harness.fixture);

    const from = root.querySelector<HTMLInputElement>(
      'input[formControlName="from"]',
    );
    if (!from) {
      throw new Error('No From field');
    }
    from.value = '2030-01-01';
    from.dispatchEvent(new Event('input'));
    const attending = await loader.getHarness(
      MatSelectHarness.with({ selector: '[formControlName="attending"]' }),
    );
    await attending.open();
    expect(
      await Promise.all((await attending.getOptions()).map((o) => o.getText())),
    ).toEqual(['Any attending', 'Dr Attending']);
    await attending.clickOptions({ text: 'Dr Attending' });
    const status = await loader.getHarness(
      MatSelectHarness.with({ selector: '[formControlName="status"]' }),
    );
    await status.open();
    await status.clickOptions({ text: 'Closed' });
    button(root, 'Show report').click();
    await settle();

    expect(TestBed.inject(Router).url).toBe(
      `/reports?from=2030-01-01&to=2030-01-15&attending=${ATTENDING_ID}&status=closed`,
    );
    backend
      .expectOne(
        `${REPORT}?from=2030-01-01&to=2030-01-15&attending=${ATTENDING_ID}&status=closed&page=1&pageSize=25`,
      )
      .flush(aCompletionReport());
  });

  it('refuses a period that ends before it starts, without asking the API', async () => {
    const root = await open(
      `/reports?${PERIOD}`,
      `${REPORT}?${PERIOD}&page=1&pageSize=25`,
    );
    const to = root.querySelector<HTMLInputElement>(
      'input[formControlName="to"]',
    );
    if (!to) {
      throw new Error('No To field');
    }
    to.value = '2030-01-01';
    to.dispatchEvent(new Event('input'));

    button(root, 'Show report').click();
    await settle();

    expect(text(root.querySelector('mat-error'))).toBe(
      'Must not be before the start of the period.',
    );
    expect(TestBed.inject(Router).url).toBe(`/reports?${PERIOD}`);
  });

  it('sorts the rows of the page by the header clicked', async () => {
    const root = await open(
      `/reports?${PERIOD}`,
      `${REPORT}?${PERIOD}&page=1&pageSize=25`,
      aCompletionReport({
        items: [
          aReportRow({
            workupId: 'w-1',
            patientName: 'Ortiz, Oona',
            daysOpen: 4,
          }),
          aReportRow({
            workupId: 'w-2',
            patientName: 'Nolan, Ned',
            daysOpen: 2,
          }),
          aReportRow({
            workupId: 'w-3',
            patientName: 'Dupont, Zoë',
            daysOpen: 9,
          }),
        ],
      }),
    );
    const names = (): string[] =>
      Array.from(root.querySelectorAll('.report-table tbody tr th')).map(text);
    const header = (name: string): HTMLElement | undefined =>
      Array.from(
        root.querySelectorAll<HTMLElement>(
          'th[mat-sort-header] .mat-sort-header-container',
        ),
      ).find((h) => text(h) === name);

    expect(names()).toEqual(['Ortiz, Oona', 'Nolan, Ned', 'Dupont, Zoë']);
    header('Days open')?.click();
    await settle();
    expect(names()).toEqual(['Nolan, Ned', 'Ortiz, Oona', 'Dupont, Zoë']);
    header('Days open')?.click();
    await settle();
    expect(names()).toEqual(['Dupont, Zoë', 'Ortiz, Oona', 'Nolan, Ned']);
  });

  it('labels every data cell by its column header, so a row read as a card on a phone keeps its column names', async () => {
    const root = await open(
      `/reports?${PERIOD}`,
      `${REPORT}?${PERIOD}&page=1&pageSize=25`,
      aCompletionReport({ items: [aReportRow({ workupId: 'w-1' })] }),
    );
    const headers = Array.from(
      root.querySelectorAll('.report-table thead th'),
    ).map(text);
    const cells = Array.from(
      root.querySelectorAll('.report-table tbody tr:first-child > *'),
    );

    expect(cells).toHaveLength(headers.length);
    // The patient's name is the row header: it titles the card instead of carrying a label.
    expect(cells[0].tagName).toBe('TH');
    expect(cells.slice(1).map((c) => c.getAttribute('data-label'))).toEqual(
      headers.slice(1),
    );
  });

  it('downloads the CSV of the applied filters with the bearer token, then says it is saved', async () => {
    const root = await open(
      `/reports?${PERIOD}&overall=incomplete`,
      `${REPORT}?${PERIOD}&overall=incomplete&page=1&pageSize=25`,
    );

    button(root, 'Download CSV').click();
    await settle();
    const request: TestRequest = backend.expectOne(
      `${REPORT}?${PERIOD}&overall=incomplete&format=csv&bom=true`,
    );
    expect(request.request.headers.get('Authorization')).toBe(
      'Bearer token-auditor',
    );
    expect(button(root, 'Download CSV').getAttribute('aria-disabled')).toBe(
      'true',
    );
    request.flush(new Blob(['\ufeffworkupId\nw-1\n']), {
      headers: {
        'Content-Disposition':
          'attachment; filename="completion_2030-01-10_2030-01-15.csv"',
      },
    });
    await settle();

    expect(saver.saved.map((s) => s.filename)).toEqual([
      'completion_2030-01-10_2030-01-15.csv',
    ]);
    expect(text(root.querySelector('pw-download-button'))).toContain(
      // The byte order mark is three bytes of UTF-8.
      'Saved completion_2030-01-10_2030-01-15.csv (16 bytes)',
    );
  });

  it('says readably why a PDF was refused, pointing to the CSV', async () => {
    const root = await open(
      `/reports?${PERIOD}`,
      `${REPORT}?${PERIOD}&page=1&pageSize=25`,
    );

    button(root, 'Download PDF').click();
    await settle();
    backend.expectOne(`${REPORT}?${PERIOD}&format=pdf`).flush(
      new Blob([
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
      ]),
      { status: 400, statusText: 'Bad Request' },
    );
    for (let i = 0; i < 10 && !root.querySelector('[role="alert"]'); i++) {
      await settle();
    }

    expect(text(root.querySelector('[role="alert"]'))).toBe(
      'The report is too large for a PDF. A PDF holds at most 5000 workups and 6200 match: narrow the period or filters, or export CSV.',
    );
    expect(saver.saved).toEqual([]);
  });
});
