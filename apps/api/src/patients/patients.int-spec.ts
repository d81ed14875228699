import type { PatientListItem } from '@poems/contract';
import {
  aPatient,
  aWorkup,
  auditCount,
  done,
  registerPatient,
  result,
  CLASSIC,
} from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('patients', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('registration', () => {
    it('registers a patient and audits it', async () => {
      const body = aPatient({ givenName: '  Émile ', familyName: 'Zola' });
      const response = await callAs(
        app,
        'coordinator',
        'POST',
        '/api/patients',
        body,
      );

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        mrn: body['mrn'],
        givenName: 'Émile',
        familyName: 'Zola',
        birthDate: '1961-04-12',
        sex: 'female',
        createdAt: expect.any(String),
      });
      expect(
        await auditCount(app, {
          patientId: response.body.id,
          action: 'patient.register',
        }),
      ).toBe(1);
    });

    it('refuses a duplicate MRN with 409', async () => {
      const patient = await registerPatient(app);
      const again = await callAs(
        app,
        'hematologist',
        'POST',
        '/api/patients',
        aPatient({ mrn: patient.mrn }),
      );
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ status: 409, title: 'Duplicate MRN' });
    });

    it('refuses an MRN differing from a registered one only in case with 409, and finds both spellings', async () => {
      const patient = await registerPatient(app, {
        mrn: `Ci-${Date.now().toString(36)}`,
      });
      const variants = [patient.mrn.toUpperCase(), patient.mrn.toLowerCase()];
      const answers = await Promise.all(
        variants.map((mrn) =>
          callAs(
            app,
            'coordinator',
            'POST',
            '/api/patients',
            aPatient({ mrn }),
          ),
        ),
      );

      expect(answers.map((answer) => answer.status)).toEqual([409, 409]);
      expect(answers[0]?.body).toMatchObject({
        title: 'Duplicate MRN',
        errors: [{ field: 'mrn', message: expect.any(String) }],
      });
      for (const mrn of variants) {
        const found = await callAs<{ items: PatientListItem[] }>(
          app,
          'coordinator',
          'GET',
          `/api/patients?q=${encodeURIComponent(mrn)}`,
        );
        expect(found.body.items.map((item) => item.id)).toEqual([patient.id]);
      }
    });

    it.each([
      ['a future birth date', { birthDate: '2999-01-01' }, 'birthDate'],
      ['an impossible birth date', { birthDate: '1990-02-30' }, 'birthDate'],
      ['a birth date before 1900', { birthDate: '1899-12-31' }, 'birthDate'],
      ['an unknown sex', { sex: 'f' }, 'sex'],
      ['an empty name', { givenName: ' ' }, 'givenName'],
      ['an oversize name', { familyName: 'x'.repeat(101) }, 'familyName'],
      ['an MRN with spaces', { mrn: 'A 1' }, 'mrn'],
      ['an unknown field', { nickname: 'Lulu' }, 'nickname'],
      ['a numeric MRN', { mrn: 12345 }, 'mrn'],
    ])(
      'answers 400 for %s and registers nothing',
      async (_name, overrides, field) => {
        const body = aPatient(overrides);
        const response = await callAs(
          app,
          'coordinator',
          'POST',
          '/api/patients',
          body,
        );

        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field })]),
        );
        // No patient data in error bodies.
        expect(JSON.stringify(response.body)).not.toContain(
          String(body['familyName']),
        );
        const [{ n }] = (await app.dataSource.query(
          'SELECT count(*)::int AS n FROM patients WHERE mrn = $1',
          [String(body['mrn'])],
        )) as [{ n: number }];
        expect(n).toBe(0);
      },
    );
  });

  describe('search', () => {
    const tag = `Q${Date.now().toString(36)}`;

    beforeAll(async () => {
      await registerPatient(app, {
        mrn: `${tag}-001`,
        givenName: 'José',
        familyName: 'Núñez',
      });
      await registerPatient(app, {
        mrn: `${tag}-002`,
        givenName: 'Josephine',
        familyName: 'Baker',
      });
      await registerPatient(app, {
        mrn: `${tag}-003`,
        givenName: 'Anna',
        familyName: 'Nunez-Ortiz',
      });
    });

    async function search(q: string, page = 1, pageSize = 25) {
      const response = await callAs(
        app,
        'coordinator',
        'GET',
        `/api/patients?q=${encodeURIComponent(q)}&page=${page}&pageSize=${pageSize}`,
      );
      expect(response.status).toBe(200);
      return response.body as {
        items: PatientListItem[];
        total: number;
        page: number;
        pageSize: number;
      };
    }

    it('matches an MRN prefix', async () => {
      const found = await search(tag.toLowerCase());
      expect(found.total).toBe(3);
    });

    it('matches name prefixes whatever the case and accents', async () => {
      expect(
        (await search('nunez')).items.map((p) => p.givenName).sort(),
      ).toEqual(['Anna', 'José']);
      expect((await search('NÚÑ')).total).toBe(2);
      expect((await search('jose nu')).items.map((p) => p.familyName)).toEqual([
        'Núñez',
      ]);
    });

    it('orders by family then given name and pages', async () => {
      const first = await search(tag, 1, 2);
      const second = await search(tag, 2, 2);
      expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(
        [...first.items, ...second.items].map((p) => p.familyName),
      ).toEqual(['Baker', 'Núñez', 'Nunez-Ortiz']);
    });

    it('finds the list\'s own "Family, Given" form and first-name-first', async () => {
      expect((await search('Núñez, J')).items.map((p) => p.givenName)).toEqual([
        'José',
      ]);
      expect((await search('Josephine Baker')).items.map((p) => p.mrn)).toEqual(
        [`${tag}-002`],
      );
      expect((await search('baker; jos')).total).toBe(1);
    });

    it('finds an MRN fragment and a later word of a name', async () => {
      expect(
        (await search(`${tag.slice(2)}-003`)).items.map((p) => p.givenName),
      ).toEqual(['Anna']);
      expect((await search('ortiz')).items.map((p) => p.givenName)).toEqual([
        'Anna',
      ]);
      // Inside a word of a name is not a match: "unez" is not where any name word starts.
      expect((await search('unez')).total).toBe(0);
    });

    it('treats LIKE wildcards literally', async () => {
      expect((await search('%')).total).toBe(0);
      expect((await search('_')).total).toBe(0);
    });

    it('refuses a page size above 200 and unknown parameters', async () => {
      expect(
        (await callAs(app, 'coordinator', 'GET', '/api/patients?pageSize=500'))
          .status,
      ).toBe(400);
      expect(
        (await callAs(app, 'coordinator', 'GET', '/api/patients?sort=name'))
          .status,
      ).toBe(400);
      expect(
        (await callAs(app, 'coordinator', 'GET', '/api/patients?page=0'))
          .status,
      ).toBe(400);
    });
  });

  it('each row carries its open workup: status, completion, overall and overdue items', async () => {
    const tag = `W${Date.now().toString(36)}`;
    let view = await aWorkup(app, { mrn: `${tag}-1`, familyName: 'Aaron' });
    await registerPatient(app, { mrn: `${tag}-2`, familyName: 'Zeller' });
    view = await done(app, 'coordinator', view, 'cbc', 'order', {
      dueDate: '2001-01-01',
    });
    view = await done(app, 'coordinator', view, 'spep', 'order', {
      dueDate: '2001-01-01',
    });
    for (const [key, body] of Object.entries(CLASSIC)) {
      view = await result(app, view, key, body);
    }

    const response = await callAs(
      app,
      'auditor',
      'GET',
      `/api/patients?q=${tag}`,
    );

    expect(response.body.items.map((p: PatientListItem) => p.workup)).toEqual([
      {
        id: view.id,
        status: 'open',
        overall: 'criteria_met',
        completion: { done: 4, closed: 4, total: 16, percent: 25 },
        overdue: 2,
      },
      null,
    ]);
  });

  it('reads a patient with every workup; unknown ids are 404, malformed ones 400', async () => {
    const view = await aWorkup(app);
    const response = await callAs(
      app,
      'hematologist',
      'GET',
      `/api/patients/${view.patientId}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.workups).toEqual([
      expect.objectContaining({
        id: view.id,
        status: 'open',
        protocol: { key: 'poems-dispenzieri', version: 2 },
        overall: 'incomplete',
      }),
    ]);
    expect(
      (
        await callAs(
          app,
          'hematologist',
          'GET',
          '/api/patients/00000000-0000-4000-8000-000000000000',
        )
      ).status,
    ).toBe(404);
    expect(
      (await callAs(app, 'hematologist', 'GET', '/api/patients/abc')).status,
    ).toBe(400);
  });

  describe('opening workups', () => {
    it('opens one workup per patient: a second is 409, also when requested in parallel', async () => {
      const patient = await registerPatient(app);
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          callAs(
            app,
            'coordinator',
            'POST',
            `/api/patients/${patient.id}/workups`,
            {},
          ),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([
        201, 409, 409, 409, 409,
      ]);
      const again = await callAs(
        app,
        'hematologist',
        'POST',
        `/api/patients/${patient.id}/workups`,
        {},
      );
      expect(again.status).toBe(409);
      expect(again.body.title).toBe('Open workup exists');
    });

    it('instantiates the catalog in force and remembers its version', async () => {
      const view = await aWorkup(app);
      // New workups open on the newest version (§2b), conditional items inactive.
      expect(view.protocol).toEqual({ key: 'poems-dispenzieri', version: 2 });
      expect(view.items).toHaveLength(18);
      expect(view.items.filter((i) => !i.active).map((i) => i.key)).toEqual([
        'lesion_biopsy',
        'lymph_node_biopsy',
      ]);
      expect(
        view.items.every((i) => i.status === 'planned' && i.version === 1),
      ).toBe(true);
    });

    it('names the attending hematologist, who must be one', async () => {
      const patient = await registerPatient(app);
      const coordinator = await callAs(
        app,
        'coordinator',
        'GET',
        '/api/auth/me',
      );
      const refused = await callAs(
        app,
        'coordinator',
        'POST',
        `/api/patients/${patient.id}/workups`,
        {
          attendingId: coordinator.body.id,
        },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'attendingId' }),
      ]);

      const opened = await callAs(
        app,
        'hematologist',
        'POST',
        `/api/patients/${patient.id}/workups`,
        {},
      );
      const me = await callAs(app, 'hematologist', 'GET', '/api/auth/me');
      expect(opened.body.attendingId).toBe(me.body.id);
    });

    it('is 404 for an unknown patient and 400 for an unknown protocol', async () => {
      expect(
        (
          await callAs(
            app,
            'hematologist',
            'POST',
            '/api/patients/00000000-0000-4000-8000-000000000000/workups',
            {},
          )
        ).status,
      ).toBe(404);
      const patient = await registerPatient(app);
      expect(
        (
          await callAs(
            app,
            'hematologist',
            'POST',
            `/api/patients/${patient.id}/workups`,
            { protocol: 'chiba-2019' },
          )
        ).status,
      ).toBe(400);
    });
  });
});
