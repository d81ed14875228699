import type {
  FollowupHistory,
  FollowupReport,
  FollowupView,
} from '@poems/contract';
import { formatClinicDateTime } from '@poems/domain';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { pdfText } from '../reports/testing/pdf-text';
import { followupReportRow } from './followup-report';
import { FollowupReportBackfill } from './followup-report-backfill';
import { auditCount } from '../testing/clinic';
import {
  aPatientInFollowup,
  FOLLOWUP_TODAY,
  instanceOf,
  vegf,
  type PatientInFollowup,
} from '../testing/followup';
import { callAs, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/** The follow-up's history (who changed what, when) and the auditors' follow-up report. */
describe('follow-up history and the follow-up report', () => {
  let app: TestApp;
  /** LDex from 2025-01-15, today 2025-08-01: VEGF M3 on time, CBC M3 late, the rest of M3 overdue. */
  let patient: PatientInFollowup;
  let view: FollowupView;

  beforeAll(async () => {
    app = await startTestApp();
    app.app.get(Clock).now = () => FOLLOWUP_TODAY;
    patient = await aPatientInFollowup(app, { familyName: 'Reported' });
    view = patient.view;
    const record = async (
      itemKey: string,
      performedOn: string,
      body: Record<string, unknown>,
    ): Promise<void> => {
      const target = instanceOf(view, itemKey, 'M3');
      const response = await callAs(
        app,
        'hematologist',
        'POST',
        `${patient.base}/instances/${target.id}/result`,
        { version: target.version, performedOn, ...body },
      );
      expect(response.status).toBe(200);
      view = response.body as FollowupView;
    };
    await record('vegf', '2025-04-20', vegf(300));
    // M3 is due 2025-05-15; 2025-05-25 still lies in its range (M6's window opens 2025-05-31).
    await record('cbc', '2025-05-25', {
      values: [{ code: '718-7', name: 'Hemoglobin', value: 13, unit: 'g/dL' }],
    });
    const m6 = instanceOf(view, 'serum_ife', 'M6');
    const scheduled = await callAs(
      app,
      'coordinator',
      'POST',
      `${patient.base}/instances/${m6.id}/schedule`,
      { version: m6.version, scheduledAt: '2025-08-05T08:00:00Z' },
    );
    expect(scheduled.status).toBe(200);
    view = scheduled.body as FollowupView;
  });

  afterAll(async () => {
    await app.close();
  });

  describe('GET …/follow-up/history', () => {
    it('lists what changed, who changed it and when, oldest first, and audits the read', async () => {
      const before = await auditCount(app, {
        patientId: patient.patientId,
        action: 'followup.history.read',
      });
      const response = await callAs(
        app,
        'auditor',
        'GET',
        `${patient.base}/history`,
      );

      expect(response.status).toBe(200);
      const { entries } = response.body as FollowupHistory;
      const ids = entries.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const steps = entries
        .filter((e) => e.action !== 'plan')
        .map((e) => [e.entityType, e.action, e.actor?.role ?? null]);
      expect(steps).toEqual([
        ['diagnosis', 'sign_off', 'hematologist'],
        ['treatment_line', 'create', 'hematologist'],
        ['followup_result', 'record', 'hematologist'],
        ['followup_result', 'record', 'hematologist'],
        ['followup_instance', 'schedule', 'coordinator'],
      ]);
      const cbc = instanceOf(view, 'cbc', 'M3');
      expect(entries).toContainEqual(
        expect.objectContaining({
          entityType: 'followup_instance',
          entityId: cbc.id,
          action: 'plan',
          to: 'resulted',
          details: expect.objectContaining({ automatic: true }),
        }),
      );
      const signOff = entries[0];
      expect(signOff?.actor?.username).toEqual(expect.any(String));
      expect(Date.parse(signOff?.recordedAt ?? '')).not.toBeNaN();
      expect(
        await auditCount(app, {
          patientId: patient.patientId,
          action: 'followup.history.read',
        }),
      ).toBe(before + 1);
    });

    it('answers 404 for an unknown patient and 400 for an id that is not a UUID', async () => {
      const unknown = await callAs(
        app,
        'hematologist',
        'GET',
        '/api/patients/00000000-0000-4000-8000-000000000000/follow-up/history',
      );
      expect(unknown.status).toBe(404);
      const malformed = await callAs(
        app,
        'hematologist',
        'GET',
        '/api/patients/not-an-id/follow-up/history',
      );
      expect(malformed.status).toBe(400);
    });

    it('is not shown to admins', async () => {
      const response = await callAs(
        app,
        'admin',
        'GET',
        `${patient.base}/history`,
      );
      expect(response.status).toBe(403);
    });
  });

  describe('GET /api/reports/follow-up', () => {
    async function report(query = ''): Promise<FollowupReport> {
      const response = await callAs(
        app,
        'auditor',
        'GET',
        `/api/reports/follow-up${query}`,
      );
      expect(response.status).toBe(200);
      return response.body as FollowupReport;
    }

    it('counts the patient’s instances done on time, late and overdue, and time points assessed per domain', async () => {
      const { rows, asOf } = await report('?pageSize=500');
      expect(asOf).toBe('2025-08-01');
      const row = rows.find((r) => r.patientId === patient.patientId);
      const m3 = view.instances.filter((i) => i.active && i.timePoint === 'M3');
      const m6Open = view.instances.filter(
        (i) => i.active && i.timePoint !== 'M3' && i.dueState !== 'closed',
      );
      expect(row).toEqual({
        patientId: patient.patientId,
        mrn: expect.any(String),
        familyName: 'Reported',
        givenName: expect.any(String),
        diagnosisDate: '2025-01-10',
        lines: 1,
        currentRegimen: 'lenalidomide_dexamethasone',
        doneOnTime: 1,
        doneLate: 1,
        overdue: m3.length - 2,
        open: m6Open.length,
        cancelled: 0,
        // M3 is categorized in every domain (VEGF PR, the others not evaluable or without a result).
        assessed: expect.objectContaining({ vegf: 1 }),
        event: null,
      });
      expect(m3.length - 2).toBeGreaterThan(0);
    });

    it('sums every row in the summary, whatever the page', async () => {
      await aPatientInFollowup(app, { familyName: 'Second', line: false });
      const all = await report('?pageSize=500');
      const first = await report('?pageSize=1&page=1');
      const second = await report('?pageSize=1&page=2');

      expect(all.total).toBe(all.rows.length);
      expect(all.total).toBeGreaterThanOrEqual(2);
      expect(first.rows).toHaveLength(1);
      expect(second.rows[0]?.patientId).not.toBe(first.rows[0]?.patientId);
      expect(first.summary).toEqual(all.summary);
      const sum = (pick: (r: FollowupReport['rows'][number]) => number) =>
        all.rows.reduce((n, r) => n + pick(r), 0);
      expect(all.summary).toMatchObject({
        patients: all.total,
        doneOnTime: sum((r) => r.doneOnTime),
        doneLate: sum((r) => r.doneLate),
        overdue: sum((r) => r.overdue),
        assessed: { vegf: sum((r) => r.assessed.vegf) },
      });
    });

    it('exports every row as CSV with the JSON’s numbers', async () => {
      const json = await report('?pageSize=500');
      const response = await callAs(
        app,
        'auditor',
        'GET',
        '/api/reports/follow-up?format=csv',
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="follow-up_2025-08-01.csv"',
      );
      const lines = String(response.body).trim().split('\n');
      expect(lines[0]).toBe(
        'patientId,mrn,familyName,givenName,diagnosisDate,lines,currentRegimen,doneOnTime,doneLate,overdue,open,cancelled,assessedVegf,assessedHematologic,assessedRadiographic,assessedNeurological,event',
      );
      expect(lines).toHaveLength(json.total + 1);
      const row = json.rows.find((r) => r.patientId === patient.patientId);
      const line = lines.find((l) => l.startsWith(patient.patientId));
      expect(line?.split(',').slice(5, 12)).toEqual(
        [1, 'lenalidomide_dexamethasone', 1, 1, row?.overdue, row?.open, 0].map(
          String,
        ),
      );
    });

    it('renders every row as a PDF with the JSON’s figures, clinic dates and who generated it', async () => {
      const json = await report('?pageSize=500');
      const audited = await auditCount(app, { action: 'report.followup' });
      const response = await fetch(
        `${app.baseUrl}/api/reports/follow-up?format=pdf`,
        {
          headers: {
            authorization: `Bearer ${await tokenFor(app, 'auditor')}`,
          },
        },
      );
      const bytes = Buffer.from(await response.arrayBuffer());

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="follow-up_2025-08-01.pdf"',
      );
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { text, total } = await pdfText(bytes);
      expect(total).toBe(1);
      const { summary } = json;
      const zone = app.app.get<AppConfig>(APP_CONFIG).clinicTimeZone;
      const row = json.rows.find((r) => r.patientId === patient.patientId);
      for (const expected of [
        'POEMS follow-up report',
        `as of the clinic's today 2025-08-01 (${zone})`,
        `Patients in follow-up: ${json.total}`,
        `Instances: ${summary.doneOnTime} done on time, ${summary.doneLate} done late, ${summary.overdue} overdue, ${summary.open} open, ${summary.cancelled} cancelled`,
        `Time points assessed: VEGF ${summary.assessed.vegf}, hematologic ${summary.assessed.hematologic}`,
        `Events of the latest line: ${summary.relapses} relapses, ${summary.progressions} progressions`,
        'Page 1 of 1',
        `Generated ${formatClinicDateTime(FOLLOWUP_TODAY, zone)} (${zone}) by Test auditor`,
        row?.mrn ?? 'missing',
        `Reported, ${row?.givenName ?? 'missing'}`,
        '2025-01-10',
        'lenalidomide_dexamethasone',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain(patient.patientId);
      expect(await auditCount(app, { action: 'report.followup' })).toBe(
        audited + 1,
      );
    });

    it('audits every request', async () => {
      const before = await auditCount(app, { action: 'report.followup' });
      await report();
      await callAs(app, 'auditor', 'GET', '/api/reports/follow-up?format=csv');
      expect(await auditCount(app, { action: 'report.followup' })).toBe(
        before + 2,
      );
    });

    it('is read-only for auditors and refused to coordinators and admins', async () => {
      for (const role of ['coordinator', 'admin'] as const) {
        for (const format of ['json', 'csv', 'pdf']) {
          const response = await callAs(
            app,
            role,
            'GET',
            `/api/reports/follow-up?format=${format}`,
          );
          expect(response.status).toBe(403);
        }
      }
      const write = await callAs(
        app,
        'auditor',
        'POST',
        '/api/reports/follow-up',
        {},
      );
      expect(write.status).toBe(404);
    });

    it('computes in SQL what each patient’s follow-up shows, today, once ranges have passed, and after the start-up backfill', async () => {
      const clock = app.app.get(Clock);
      const agrees = async (): Promise<void> => {
        const { rows } = await report('?pageSize=500');
        expect(rows.length).toBeGreaterThanOrEqual(1);
        for (const row of rows) {
          const read = await callAs(
            app,
            'hematologist',
            'GET',
            `/api/patients/${row.patientId}/follow-up`,
          );
          expect(read.status).toBe(200);
          const { patientId, mrn, familyName, givenName, diagnosisDate } = row;
          expect(row).toEqual(
            followupReportRow(
              { patientId, mrn, familyName, givenName, diagnosisDate },
              read.body as FollowupView,
            ),
          );
        }
      };
      await agrees();
      const reportedBefore = (await report('?pageSize=500')).rows.find(
        (r) => r.patientId === patient.patientId,
      );
      try {
        // M6's and M9's ranges have ended: their time points are not evaluable without a result.
        clock.now = () => new Date('2026-03-01T12:00:00Z');
        await agrees();
        const later = (await report('?pageSize=500')).rows.find(
          (r) => r.patientId === patient.patientId,
        );
        expect(later?.assessed.vegf).toBeGreaterThan(
          reportedBefore?.assessed.vegf ?? Infinity,
        );
        expect(later?.overdue).toBeGreaterThan(
          reportedBefore?.overdue ?? Infinity,
        );
      } finally {
        clock.now = () => FOLLOWUP_TODAY;
      }
      await app.dataSource.query(
        'DELETE FROM followup_report_facts WHERE patient_id = $1',
        [patient.patientId],
      );
      expect(await app.app.get(FollowupReportBackfill).run()).toBe(1);
      expect(await app.app.get(FollowupReportBackfill).run()).toBe(0);
      await agrees();
    });

    it('refuses an unknown format or page size with a problem document', async () => {
      for (const query of [
        '?format=xml',
        '?format=docx',
        '?pageSize=0',
        '?page=abc',
      ]) {
        const response = await callAs(
          app,
          'auditor',
          'GET',
          `/api/reports/follow-up${query}`,
        );
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(
          /^application\/problem\+json/,
        );
      }
    });
  });
});
