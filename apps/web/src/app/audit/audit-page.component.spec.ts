import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  type TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuditEventView, AuditVerifyView, Page } from '@poems/contract';
import { signInAs } from '../../testing/auth';
import {
  RecordingFileSaver,
  anAuditEvent,
} from '../../testing/report-fixtures';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { FileSaver } from '../core/download/file-saver';
import { setClinicZone } from '../core/clock/clinic-zone';
import { localDateTimeToIso } from '../core/forms/dates';
import AuditPageComponent from './audit-page.component';

const EVENTS = '/api/audit-events';
const VERIFY = '/api/audit-events/verify';

const page = (items: AuditEventView[]): Page<AuditEventView> => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 50,
});

describe('AuditPageComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let saver: RecordingFileSaver;

  beforeEach(() => {
    // Times show on the clinic's clock, named: New York here, whatever the test machine's zone.
    setClinicZone('America/New_York');
    sessionStorage.clear();
    saver = new RecordingFileSaver();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [{ path: 'audit', component: AuditPageComponent }],
          withComponentInputBinding(),
        ),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        { provide: FileSaver, useValue: saver },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    setClinicZone('UTC');
  });

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 5));
      await harness.fixture.whenStable();
    }
  }
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
      (b) => (b.getAttribute('aria-label') ?? text(b)) === name,
    );
    if (!found) {
      throw new Error(`No button ${name}`);
    }
    return found;
  };
  const events = (
    predicate: (params: URLSearchParams) => boolean,
  ): TestRequest =>
    backend.expectOne(
      (r) =>
        r.url === EVENTS && predicate(new URLSearchParams(r.params.toString())),
    );

  async function open(
    url: string,
    expected: string,
    items: AuditEventView[] = [anAuditEvent()],
    verified: AuditVerifyView = { valid: true, checked: 120, unsealed: 0 },
  ): Promise<HTMLElement> {
    await signInAs('auditor');
    harness = await RouterTestingHarness.create(url);
    await settle();
    backend.expectOne(`${EVENTS}?${expected}`).flush(page(items));
    backend.expectOne(VERIFY).flush(verified);
    await settle();
    return harness.routeNativeElement as HTMLElement;
  }

  it('opens on the filtered events, newest first, with the chain verified', async () => {
    const root = await open(
      '/audit?action=item.schedule&outcome=success',
      'action=item.schedule&outcome=success&sort=-occurredAt&page=1&pageSize=50',
    );

    expect(text(root.querySelector('[data-chain-status]'))).toBe('Chain valid');
    const cells = Array.from(
      root
        .querySelectorAll('.audit-table tbody tr')[0]
        ?.querySelectorAll('th, td') ?? [],
    ).map(text);
    expect(cells).toEqual([
      '15 Jan 2030, 04:30:00 EST',
      'hematologist Hematologist',
      'item.schedule',
      'Success',
      '6f1c4a8e-3b2d-4c5e-8f90-1a2b3c4d5e6f',
      'workup_item w-1/cbc',
      'Details',
    ]);
  });

  it('sends the time range as instants with the browser’s offset', async () => {
    await signInAs('auditor');
    harness = await RouterTestingHarness.create(
      '/audit?from=2030-01-15T08:00&to=2030-01-16T08:00',
    );
    await settle();

    events(
      (p) =>
        p.get('from') === localDateTimeToIso('2030-01-15T08:00') &&
        p.get('to') === localDateTimeToIso('2030-01-16T08:00'),
    ).flush(page([]));
    backend.expectOne(VERIFY).flush({ valid: true, checked: 1, unsealed: 0 });
    await settle();
  });

  it('sorts by the header the user picks, through the URL and the API', async () => {
    const root = await open(
      '/audit?action=auth.login',
      'action=auth.login&sort=-occurredAt&page=1&pageSize=50',
    );

    Array.from(
      root.querySelectorAll<HTMLElement>(
        'th[mat-sort-header] .mat-sort-header-container',
      ),
    )
      .find((h) => text(h) === 'Action')
      ?.click();
    await settle();

    expect(TestBed.inject(Router).url).toBe(
      '/audit?action=auth.login&sort=action',
    );
    backend
      .expectOne(`${EVENTS}?action=auth.login&sort=action&page=1&pageSize=50`)
      .flush(page([]));
  });

  it('applies typed filters through the URL: a patient by MRN or name, an id as an id, an action family', async () => {
    const root = await open('/audit', 'sort=-occurredAt&page=1&pageSize=50');
    const field = (name: string): HTMLInputElement => {
      const input = root.querySelector<HTMLInputElement>(
        `input[formControlName="${name}"]`,
      );
      if (!input) {
        throw new Error(`No field ${name}`);
      }
      return input;
    };
    const type = (name: string, value: string): void => {
      field(name).value = value;
      field(name).dispatchEvent(new Event('input'));
    };

    type('patient', ', ;');
    button(root, 'Apply filters').click();
    await settle();
    expect(text(root.querySelector('mat-error'))).toBe(
      'Enter an MRN, a name or a patient id (at most 200 characters).',
    );
    expect(TestBed.inject(Router).url).toBe('/audit');

    type('patient', 'Okafor, H');
    type('action', 'result');
    type('actor', 'auditor');
    button(root, 'Apply filters').click();
    await settle();

    expect(TestBed.inject(Router).url).toBe(
      '/audit?actor=auditor&patient=Okafor,%20H&action=result',
    );
    events(
      (p) =>
        p.get('patient') === 'Okafor, H' &&
        p.get('action') === 'result' &&
        p.get('actor') === 'auditor' &&
        !p.has('patientId'),
    ).flush(page([]));
    await settle();
    // The applied filter comes back into its field, as typed.
    expect(field('patient').value).toBe('Okafor, H');

    type('patient', ' 6f1c4a8e-3b2d-4c5e-8f90-1a2b3c4d5e6f ');
    type('action', '');
    type('actor', '');
    button(root, 'Apply filters').click();
    await settle();
    expect(TestBed.inject(Router).url).toBe(
      '/audit?patientId=6f1c4a8e-3b2d-4c5e-8f90-1a2b3c4d5e6f',
    );
    events(
      (p) =>
        p.get('patientId') === '6f1c4a8e-3b2d-4c5e-8f90-1a2b3c4d5e6f' &&
        !p.has('patient'),
    ).flush(page([]));
    await settle();
    expect(field('patient').value).toBe('6f1c4a8e-3b2d-4c5e-8f90-1a2b3c4d5e6f');
  });

  it('verifies again on request, and says where the chain breaks', async () => {
    const root = await open('/audit', 'sort=-occurredAt&page=1&pageSize=50');

    button(root, 'Verify now').click();
    await settle();
    expect(text(root.querySelector('[data-chain-status]'))).toBe('Verifying…');
    backend
      .expectOne(VERIFY)
      .flush({ valid: false, checked: 16, firstBrokenId: '17', unsealed: 3 });
    await settle();

    expect(text(root.querySelector('[data-chain-status]'))).toBe(
      'Chain broken at event 17',
    );
    expect(
      text(root.querySelector('pw-chain-status [role="status"]')),
    ).toContain('3 events recorded but not yet sealed');
  });

  it('shows an event’s changes field by field when its details are opened', async () => {
    const root = await open('/audit', 'sort=-occurredAt&page=1&pageSize=50');
    const toggle = button(root, 'Details of event 42');
    const detailRow = root.querySelector<HTMLElement>('#audit-event-42');

    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(detailRow?.hidden).toBe(true);
    toggle.click();
    await settle();

    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe('audit-event-42');
    expect(detailRow?.hidden).toBe(false);
    expect(
      Array.from(detailRow?.querySelectorAll('.diff tbody tr') ?? []).map(text),
    ).toEqual(['Status ordered scheduled', 'Location — Room 2']);
    expect(text(detailRow?.querySelector('.facts'))).toContain(
      'Request id req-1',
    );
    expect(text(detailRow?.querySelector('.facts'))).toContain('Item key cbc');
  });

  it('shows a corrected result as its values old → new with units, and details in words', async () => {
    const root = await open('/audit', 'sort=-occurredAt&page=1&pageSize=50', [
      anAuditEvent({
        id: '43',
        action: 'item.result',
        diff: {
          result: {
            from: {
              values: [
                { name: 'Platelets', value: 450, unit: '10*9/L', high: 400 },
              ],
            },
            to: {
              values: [
                { name: 'Platelets', value: 310, unit: '10*9/L', high: 400 },
              ],
            },
          },
          findings: {
            from: [
              {
                criterion: 'thrombocytosis_polycythemia',
                value: 'present',
                source: 'inferred',
              },
            ],
            to: [
              {
                criterion: 'thrombocytosis_polycythemia',
                value: 'absent',
                source: 'inferred',
              },
            ],
          },
          resultedAt: {
            from: '2030-01-14T15:00:00.000Z',
            to: '2030-01-15T09:30:00.000Z',
          },
        },
        details: { itemKey: 'cbc', correction: true },
      }),
    ]);
    button(root, 'Details of event 43').click();
    await settle();
    const detailRow = root.querySelector<HTMLElement>('#audit-event-43');

    expect(
      Array.from(detailRow?.querySelectorAll('.diff tbody tr') ?? []).map(text),
    ).toEqual([
      'Platelets 450 ×10⁹/L (high) 310 ×10⁹/L',
      'Finding: Thrombocytosis polycythemia present absent',
      'Resulted at 14 Jan 2030, 10:00:00 EST 15 Jan 2030, 04:30:00 EST',
    ]);
    const facts = text(detailRow?.querySelector('.facts'));
    expect(facts).toContain('Correction yes');
    expect(facts).not.toContain('{');
  });

  it('downloads every matching event as CSV, in the table’s order', async () => {
    const root = await open(
      '/audit?action=auth.login&sort=action',
      'action=auth.login&sort=action&page=1&pageSize=50',
    );

    button(root, 'Download CSV').click();
    await settle();
    const request = backend.expectOne(
      `${EVENTS}?action=auth.login&sort=action&format=csv&bom=true`,
    );
    expect(request.request.headers.get('Authorization')).toBe(
      'Bearer token-auditor',
    );
    request.flush(new Blob(['id,occurredAt\n']), {
      headers: {
        'Content-Disposition':
          'attachment; filename="audit-events_start_2030-01-16T080000Z.csv"',
      },
    });
    await settle();

    expect(saver.saved.map((s) => s.filename)).toEqual([
      'audit-events_start_2030-01-16T080000Z.csv',
    ]);
  });
});
