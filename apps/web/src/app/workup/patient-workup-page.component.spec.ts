import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Role } from '@poems/domain';
import type { WorkupView } from '@poems/contract';
import { type Observable, of } from 'rxjs';
import { signInAs } from '../../testing/auth';
import {
  CLASSIC_LAMBDA_RESULTS,
  aPatientDetail,
  aProblem,
  aWorkupView,
} from '../../testing/workup-fixtures';
import { RecordingFileSaver } from '../../testing/report-fixtures';
import { apiErrorInterceptor } from '../core/api/api-error.interceptor';
import { authInterceptor } from '../core/auth/auth.interceptor';
import { FileSaver } from '../core/download/file-saver';
import { fhirFilename } from './data-access/workups.service';
import type { ActionDialogData, ActionOutcome } from './dialogs/action-dialog';
import { ItemActionDialogs } from './dialogs/item-action-dialogs.service';
import PatientWorkupPageComponent from './patient-workup-page.component';

describe('PatientWorkupPageComponent', () => {
  let backend: HttpTestingController;
  let harness: RouterTestingHarness;
  let outcome: ActionOutcome | undefined;
  let opened: ActionDialogData[];
  let saver: RecordingFileSaver;

  beforeEach(() => {
    sessionStorage.clear();
    opened = [];
    saver = new RecordingFileSaver();
    outcome = undefined;
    TestBed.configureTestingModule({
      providers: [
        provideRouter(
          [{ path: 'patients/:id', component: PatientWorkupPageComponent }],
          withComponentInputBinding(),
        ),
        provideHttpClient(
          withInterceptors([authInterceptor, apiErrorInterceptor]),
        ),
        provideHttpClientTesting(),
        { provide: FileSaver, useValue: saver },
        {
          provide: ItemActionDialogs,
          useValue: {
            open: (
              data: ActionDialogData,
            ): Observable<ActionOutcome | undefined> => {
              opened.push(data);
              return of(outcome);
            },
          },
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function settle(): Promise<void> {
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
  }

  async function open(
    role: Role,
    workups: WorkupView[],
    url = '/patients/p-1',
  ): Promise<HTMLElement> {
    await signInAs(role);
    harness = await RouterTestingHarness.create(url);
    backend.expectOne('/api/patients/p-1').flush(aPatientDetail(workups));
    await settle();
    const open = workups.find((w) => w.status === 'open') ?? workups[0];
    if (open) {
      backend.expectOne(`/api/workups/${open.id}`).flush(open);
      await settle();
    }
    return harness.routeNativeElement as HTMLElement;
  }

  const text = (el: Element | null | undefined): string =>
    el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (
    root: HTMLElement,
    name: string,
  ): HTMLButtonElement | undefined =>
    Array.from(root.querySelectorAll('button')).find(
      (b) => (b.getAttribute('aria-label') ?? text(b)) === name,
    );

  it('states the criteria set and version, and that the evaluation is pending sign-off', async () => {
    const root = await open('hematologist', [
      aWorkupView({ results: CLASSIC_LAMBDA_RESULTS }),
    ]);

    expect(text(root.querySelector('h1'))).toBe('Lovelace, Ada');
    expect(text(root.querySelector('[role="note"]'))).toBe(
      "Evaluated against POEMS syndrome — Mayo (Dispenzieri) criteria, version 1 (poems-dispenzieri). Decision support only: this evaluation is pending the hematologist's sign-off.",
    );
    expect(text(root.querySelector('pw-workup-overview'))).toContain(
      'Criteria met',
    );
    expect(text(root.querySelector('pw-completion-bar'))).toBe('6 / 16 done');
  });

  it('keeps the open tab in the URL: a reload opens it again, choosing one writes it', async () => {
    const root = await open(
      'hematologist',
      [aWorkupView()],
      '/patients/p-1?tab=coverage',
    );
    const selected = () =>
      text(root.querySelector('[role="tab"][aria-selected="true"]'));

    expect(selected()).toBe('Coverage matrix');
    expect(root.querySelector('pw-coverage-matrix table')).not.toBeNull();

    const summary = Array.from(
      root.querySelectorAll<HTMLElement>('[role="tab"]'),
    ).find((tab) => text(tab) === 'Criteria summary');
    summary?.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/patients/p-1?tab=summary');

    // A matrix cell leads to its item on the checklist.
    await harness.navigateByUrl('/patients/p-1?tab=coverage');
    await settle();
    root
      .querySelector<HTMLAnchorElement>(
        'pw-coverage-matrix td[data-item="vegf"] a',
      )
      ?.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/patients/p-1?item=vegf');
    expect(selected()).toBe('Checklist');
  });

  it('replaces the whole workup with the action’s answer', async () => {
    const root = await open('coordinator', [aWorkupView()]);
    outcome = {
      kind: 'updated',
      workup: aWorkupView({ statuses: { cbc: 'ordered' } }),
    };

    button(root, 'Order: Complete blood count with differential')?.click();
    await settle();

    expect(
      opened.map((d) => [d.action, d.target.key, d.target.version]),
    ).toEqual([['order', 'cbc', 9]]);
    const cbc = Array.from(root.querySelectorAll('article')).find(
      (a) =>
        text(a.querySelector('h4')) ===
        'Complete blood count with differential',
    );
    expect(text(cbc?.querySelector('pw-status-chip'))).toBe('Ordered');
    expect(text(root.querySelector('[role="status"]'))).toBe(
      'Order: saved for Complete blood count with differential.',
    );
  });

  it('refetches the workup when a dialog asks to reload after a conflict', async () => {
    const root = await open('coordinator', [aWorkupView()]);
    outcome = { kind: 'reload' };

    button(root, 'Order: Complete blood count with differential')?.click();
    await settle();

    backend
      .expectOne('/api/workups/w-1')
      .flush(aWorkupView({ statuses: { cbc: 'scheduled' } }));
    await settle();
    const cbc = Array.from(root.querySelectorAll('article')).find(
      (a) =>
        text(a.querySelector('h4')) ===
        'Complete blood count with differential',
    );
    expect(text(cbc?.querySelector('pw-status-chip'))).toBe('Scheduled');
  });

  it('lets a coordinator open a workup when none is open', async () => {
    const root = await open('coordinator', []);
    expect(text(root)).toContain(
      'No workup yet. Open a workup to start the checklist',
    );

    button(root, 'Open a workup')?.click();
    const request = backend.expectOne('/api/patients/p-1/workups');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({});
    const created = aWorkupView({ id: 'w-2' });
    request.flush(created, { status: 201, statusText: 'Created' });
    await settle();

    backend.expectOne('/api/patients/p-1').flush(aPatientDetail([created]));
    await settle();
    backend.match('/api/workups/w-2').forEach((r) => r.flush(created));
    await settle();
    expect(root.querySelector('pw-checklist')).not.toBeNull();
    expect(button(root, 'Open a workup')).toBeUndefined();
  });

  it('explains a second open workup (409) and offers to reload', async () => {
    const root = await open('hematologist', []);

    button(root, 'Open a workup')?.click();
    backend.expectOne('/api/patients/p-1/workups').flush(
      aProblem('open_workup_exists', 409, {
        title: 'Open workup exists',
        detail: 'The patient already has an open workup.',
      }),
      { status: 409, statusText: 'Conflict' },
    );
    await settle();

    const alert = root.querySelector('[role="alert"]');
    expect(text(alert?.querySelector('.alert__title'))).toBe(
      'Open workup exists',
    );
    expect(text(alert?.querySelector('.alert__detail'))).toBe(
      'The patient already has an open workup.',
    );
    button(root, 'Reload')?.click();
    await settle();
    backend.expectOne('/api/patients/p-1').flush(aPatientDetail([]));
    await settle();
  });

  it('shows an auditor everything but no action, close, reopen or open button', async () => {
    const root = await open('auditor', [
      aWorkupView({ results: CLASSIC_LAMBDA_RESULTS }),
    ]);

    expect(root.querySelectorAll('[data-action]').length).toBe(0);
    for (const name of ['Open a workup', 'Close workup', 'Reopen workup']) {
      expect(button(root, name)).toBeUndefined();
    }
    expect(root.querySelectorAll('article').length).toBe(17);
  });

  it('lets only a hematologist close the workup', async () => {
    const root = await open('hematologist', [aWorkupView()]);
    expect(button(root, 'Close workup')).toBeDefined();
  });

  describe('FHIR export', () => {
    it.each(['hematologist', 'auditor'] as const)(
      'lets the %s save the workup shown as a FHIR Bundle named by MRN',
      async (role) => {
        const root = await open(role, [aWorkupView({ id: 'w-1' })]);

        button(root, 'FHIR export')?.click();
        await settle();
        const request = backend.expectOne('/api/patients/p-1/fhir?workup=w-1');
        expect(request.request.headers.get('Authorization')).toBe(
          `Bearer token-${role}`,
        );
        request.flush(new Blob(['{"resourceType":"Bundle"}']), {
          headers: { 'Content-Type': 'application/fhir+json' },
        });
        await settle();

        expect(saver.saved.map((s) => s.filename)).toEqual([
          'patient-MRN-0001-fhir.json',
        ]);
        expect(text(root.querySelector('pw-download-button'))).toContain(
          'Saved patient-MRN-0001-fhir.json',
        );
      },
    );

    it('names the file by the MRN made safe for file systems, or by the id', () => {
      expect(fhirFilename({ id: 'p-1', mrn: 'A/B 12:3' })).toBe(
        'patient-A_B_12_3-fhir.json',
      );
      expect(fhirFilename({ id: 'p-1', mrn: '..' })).toBe(
        'patient-p-1-fhir.json',
      );
    });

    it('is not offered to a coordinator', async () => {
      const root = await open('coordinator', [aWorkupView()]);
      expect(button(root, 'FHIR export')).toBeUndefined();
    });

    it('says why an export failed', async () => {
      const root = await open('hematologist', [aWorkupView({ id: 'w-1' })]);

      button(root, 'FHIR export')?.click();
      await settle();
      backend.expectOne('/api/patients/p-1/fhir?workup=w-1').flush(
        new Blob([
          JSON.stringify(
            aProblem('not_found', 404, {
              title: 'Not found',
              detail: 'The patient has no workup with this id.',
            }),
          ),
        ]),
        { status: 404, statusText: 'Not Found' },
      );
      for (let i = 0; i < 10 && !root.querySelector('[role="alert"]'); i++) {
        await settle();
      }

      expect(
        text(root.querySelector('pw-download-button [role="alert"]')),
      ).toContain('The patient has no workup with this id.');
      expect(saver.saved).toEqual([]);
    });
  });
});
