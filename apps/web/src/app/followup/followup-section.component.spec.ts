import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import {
  evaluateFollowup,
  getFollowupProtocol,
  TRACKER_DEFAULT_NOTICE,
  type Role,
} from '@poems/domain';
import { type FollowupView } from '@poems/contract';
import { signInAs } from '../../testing/auth';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { FollowupSectionComponent } from './followup-section.component';
import { DRAW_TREND_CHART } from './trend-chart.component';

const vegf = (id: string, date: string, value: number) => ({
  id,
  itemKey: 'vegf',
  date,
  result: {
    specimen: 'plasma' as const,
    values: [{ name: 'VEGF', value, unit: 'pg/mL', high: 96.2 }],
  },
});

/** Worked example 11 as the API answers it: LDex from 2025-01-15, VEGF 600 → 300 (PR) → 90 (CR). */
function aFollowup(withDiagnosis = true): FollowupView {
  const line = {
    id: 'line-1',
    lineNumber: 1,
    intent: 'first_line' as const,
    regimenClass: 'lenalidomide_dexamethasone' as const,
    startDate: '2025-01-15',
  };
  const results = [
    vegf('r0', '2025-01-05', 600),
    vegf('r1', '2025-04-20', 300),
    vegf('r2', '2025-07-10', 90),
  ];
  const evaluation = evaluateFollowup(
    1,
    {
      diagnosisDate: '2025-01-10',
      birthDate: '1961-04-12',
      staging: { boneLesionCount: 1, marrowClone: 'absent' },
    },
    [line],
    results,
    '2025-08-01',
  );
  return {
    patientId: 'p-1',
    asOf: '2025-08-01',
    diagnosis: withDiagnosis
      ? {
          id: 'd-1',
          workupId: 'w-1',
          diagnosisDate: '2025-01-10',
          signedOffBy: 'u-1',
          signedOffAt: '2025-01-10T10:00:00.000Z',
          protocol: { key: 'poems-followup', version: 1 },
        }
      : null,
    staging: null,
    stagingHistory: 0,
    risk: null,
    riskHistory: 0,
    lines: withDiagnosis
      ? [{ ...line, version: 1, updatedAt: '2025-01-15T10:00:00.000Z' }]
      : [],
    instances: [
      {
        id: 'i-1',
        lineId: 'line-1',
        itemKey: 'vegf',
        timePoint: 'M12',
        targetDate: '2026-01-15',
        dueDate: '2026-03-16',
        windowStart: '2025-11-16',
        rangeEnd: '2026-05-16',
        conditional: false,
        active: true,
        status: 'planned',
        reason: null,
        dueState: 'on_time',
        scheduledAt: null,
        location: null,
        performedAt: null,
        closedByResultId: null,
        version: 1,
      },
    ],
    results: [],
    evaluation: withDiagnosis ? evaluation : null,
    rules: getFollowupProtocol(1).rules,
    trackerDefaultNotice: TRACKER_DEFAULT_NOTICE,
  };
}

describe('FollowupSectionComponent', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<FollowupSectionComponent>;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        // jsdom has no canvas: the deferred trend charts draw nothing here.
        {
          provide: DRAW_TREND_CHART,
          useValue: () => ({
            update: () => undefined,
            destroy: () => undefined,
          }),
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function show(
    role: Role,
    view: FollowupView,
    overall = 'criteria_met',
  ): Promise<HTMLElement> {
    await signInAs(role);
    fixture = TestBed.createComponent(FollowupSectionComponent);
    fixture.componentRef.setInput('patientId', 'p-1');
    fixture.componentRef.setInput('workupId', 'w-1');
    fixture.componentRef.setInput('workupOverall', overall);
    fixture.detectChanges();
    backend.expectOne('/api/patients/p-1/follow-up').flush(view);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (el: Element | null | undefined): string =>
    (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

  it('shows the phases as a timeline', async () => {
    const page = await show('auditor', aFollowup());

    const phases = Array.from(page.querySelectorAll('.phase')).map(text);
    expect(phases).toEqual([
      'Workup: done',
      'Diagnosis: done',
      'Staging and risk: current',
      'Treatment lines: done',
      'Follow-up: current',
    ]);
  });

  it('shows each time point × domain with the category in words and colour, the summary, and tracker defaults marked', async () => {
    const page = await show('auditor', aFollowup());

    const rows = Array.from(page.querySelectorAll('table.grid tbody tr'));
    const m3 = rows.find((r) => text(r.querySelector('th')).startsWith('M3'));
    const m6 = rows.find((r) => text(r.querySelector('th')).startsWith('M6'));
    const vegfCell = (row: Element | undefined) =>
      row?.querySelectorAll('td')[0];
    expect(text(vegfCell(m3)?.querySelector('.category'))).toBe('PR');
    expect(vegfCell(m3)?.querySelector('.category')?.classList).toContain(
      'category--good',
    );
    expect(text(vegfCell(m6)?.querySelector('.category'))).toBe('CR');
    // The hematologic domain has no baseline: not evaluable, with the reason in words.
    expect(text(m3?.querySelectorAll('td')[1])).toContain('not evaluable');
    expect(text(m3?.querySelectorAll('td')[1]?.querySelector('.reason'))).toBe(
      'no baseline',
    );
    const mark = vegfCell(m3)?.querySelector('.tracker-default');
    expect(mark?.getAttribute('aria-label')).toMatch(
      /^Tracker default, not a published criterion: .+/,
    );
    expect(text(page.querySelector('.legend'))).toContain(
      'tracker default, not a published criterion',
    );
    expect(text(m3?.querySelectorAll('td')[4])).toContain('response');
  });

  it('labels staging and the risk grouping as tracker defaults', async () => {
    const page = await show('auditor', aFollowup());

    const figures = Array.from(page.querySelectorAll('.figure')).map(text);
    expect(figures[0]).toContain('Staging: limited');
    expect(figures[1]).toContain('not the published nomogram');
    expect(figures[1]).toContain('tracker default, not a published criterion');
  });

  it('lets a hematologist sign off a criteria_met workup, and shows the answer', async () => {
    const page = await show('hematologist', aFollowup(false));
    expect(text(page)).toContain('Not signed off yet.');

    (
      page.querySelector('form button[type=submit]') as HTMLButtonElement
    ).click();
    const request = backend.expectOne('/api/patients/p-1/follow-up/diagnosis');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ workupId: 'w-1' });
    request.flush(aFollowup());
    await fixture.whenStable();
    fixture.detectChanges();

    expect(text(page.querySelector('.diagnosis'))).toContain(
      'Signed off on 2025-01-10',
    );
  });

  it('offers no forms to coordinators and auditors', async () => {
    const page = await show('coordinator', aFollowup(false));

    expect(page.querySelectorAll('form')).toHaveLength(0);
  });

  it('records a treatment line through the API', async () => {
    const page = await show('hematologist', aFollowup());
    const component = fixture.componentInstance as unknown as {
      lineForm: { setValue: (v: Record<string, string>) => void };
    };
    component.lineForm.setValue({
      intent: 'salvage',
      regimenClass: 'other',
      regimenText: 'daratumumab',
      startDate: '2025-07-20',
      endDate: '',
      transplantDate: '',
    });
    const form = page.querySelector(
      'form[aria-label="New treatment line"]',
    ) as HTMLFormElement;
    (form.querySelector('button[type=submit]') as HTMLButtonElement).click();

    const request = backend.expectOne('/api/patients/p-1/follow-up/lines');
    expect(request.request.body).toEqual({
      intent: 'salvage',
      regimenClass: 'other',
      regimenText: 'daratumumab',
      startDate: '2025-07-20',
    });
    request.flush(aFollowup());
  });

  /** Worked example 11 with one open VEGF instance at M6, whose result the grid already shows. */
  function withOpenM6(): FollowupView {
    const view = aFollowup();
    const [m12] = view.instances;
    return {
      ...view,
      instances: [
        {
          ...(m12 as FollowupView['instances'][number]),
          id: 'i-6',
          timePoint: 'M6',
          targetDate: '2025-07-15',
          dueDate: '2025-07-30',
          dueState: 'overdue',
          version: 3,
        },
      ],
    };
  }

  async function click(page: HTMLElement, label: string): Promise<void> {
    const button = page.querySelector(
      `button[aria-label="${label}"]`,
    ) as HTMLButtonElement | null;
    expect(button).not.toBeNull();
    button?.click();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  function fill(page: HTMLElement, control: string, value: string): void {
    const input = page.querySelector(
      `input[formcontrolname="${control}"]`,
    ) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('lists the open instances with the overdue ones marked, and lets a hematologist record a result and see the response with its evidence labels', async () => {
    const page = await show('hematologist', withOpenM6());
    const row = page.querySelector('table.instances tbody tr');
    expect(
      Array.from(row?.children ?? [])
        .map(text)
        .slice(0, 4),
    ).toEqual(['vegf', 'M6', '2025-07-30', 'planned, overdue']);

    await click(page, 'Record result: vegf M6');
    fill(page, 'performedOn', '2025-07-10');
    fill(page, 'value', '90');
    fill(page, 'uln', '96.2');
    (
      page.querySelector(
        'form[aria-label="Result of vegf M6"] button[type=submit]',
      ) as HTMLButtonElement
    ).click();

    const request = backend.expectOne(
      '/api/patients/p-1/follow-up/instances/i-6/result',
    );
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      version: 3,
      performedOn: '2025-07-10',
      specimen: 'plasma',
      values: [
        {
          code: '75628-8',
          name: 'VEGF',
          value: 90,
          unit: 'pg/mL',
          high: 96.2,
        },
      ],
    });
    request.flush(aFollowup());
    await fixture.whenStable();
    fixture.detectChanges();

    const response = page.querySelector('[aria-label="Response"]');
    expect(text(response)).toContain('Recorded: vegf M6');
    expect(text(response)).toContain('VEGF at M6: CR');
    const labels = Array.from(
      response?.querySelectorAll('.evidence li') ?? [],
    ).map(text);
    expect(labels[0]).toMatch(/^\[V\] read in the published source: .+/);
    expect(labels).toContainEqual(
      expect.stringMatching(
        /^\[D\] tracker default, not a published criterion: .+/,
      ),
    );
  });

  it('lets a coordinator schedule an instance and mark it done, but not record its result', async () => {
    const page = await show('coordinator', withOpenM6());
    expect(
      page.querySelector('button[aria-label^="Record result"]'),
    ).toBeNull();

    await click(page, 'Schedule: vegf M6');
    fill(page, 'location', 'Lab 2');
    (
      page.querySelector(
        'form[aria-label="Schedule vegf M6"] button[type=submit]',
      ) as HTMLButtonElement
    ).click();
    const schedule = backend.expectOne(
      '/api/patients/p-1/follow-up/instances/i-6/schedule',
    );
    expect(schedule.request.body).toEqual({
      version: 3,
      scheduledAt: expect.stringMatching(/^2025-07-15T09:00:00[+-]\d\d:\d\d$/),
      location: 'Lab 2',
    });
    schedule.flush(withOpenM6());
    await fixture.whenStable();
    fixture.detectChanges();

    await click(page, 'Mark done: vegf M6');
    fill(page, 'performedAt', '2025-07-20T08:30');
    (
      page.querySelector(
        'form[aria-label="Mark done vegf M6"] button[type=submit]',
      ) as HTMLButtonElement
    ).click();
    const perform = backend.expectOne(
      '/api/patients/p-1/follow-up/instances/i-6/perform',
    );
    expect(perform.request.body).toEqual({
      version: 3,
      performedAt: expect.stringMatching(/^2025-07-20T08:30:00[+-]\d\d:\d\d$/),
    });
    perform.flush(withOpenM6());
  });

  it('shows auditors the open instances without actions', async () => {
    const page = await show('auditor', withOpenM6());

    expect(page.querySelectorAll('table.instances tbody tr')).toHaveLength(1);
    expect(page.querySelectorAll('table.instances button')).toHaveLength(0);
  });
});
