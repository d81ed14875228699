import { aWorkup } from '../testing/clinic';
import { call, callAs, createUser, signIn } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

interface ReadEvent {
  actor_id: string | null;
  actor_role: string | null;
  outcome: string;
  patient_id: string | null;
  entity_type: string | null;
  request_id: string | null;
}

/**
 * A workup read writes its audit event in the same statement as the read (issue #20 §4), and the
 * session is checked with the user in one query per request: the event must still be there after
 * every read, and an ended session must still be refused on the very next request.
 */
describe('workup read: audited in the read’s own statement, the session checked on each request', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  async function readEvents(workupId: string): Promise<ReadEvent[]> {
    return (await app.dataSource.query(
      `SELECT actor_id, actor_role, outcome, patient_id, entity_type, request_id
         FROM audit_events WHERE action = 'workup.read' AND entity_id = $1
        ORDER BY id`,
      [workupId],
    )) as ReadEvent[];
  }

  it('records one event per read, naming the reader, the patient and the request', async () => {
    const workup = await aWorkup(app);
    const user = await createUser(app, { role: 'hematologist' });
    const { accessToken } = await signIn(app, user.username, user.password);

    for (let n = 1; n <= 2; n++) {
      const read = await call(app, 'GET', `/api/workups/${workup.id}`, {
        token: accessToken,
      });
      expect(read.status).toBe(200);
      expect((read.body as { id: string }).id).toBe(workup.id);
      expect(await readEvents(workup.id)).toHaveLength(n);
    }
    const events = await readEvents(workup.id);
    expect(events[0]).toEqual({
      actor_id: user.id,
      actor_role: 'hematologist',
      outcome: 'success',
      patient_id: workup.patientId,
      entity_type: 'workup',
      request_id: expect.any(String),
    });
    expect(events[0]?.request_id).not.toBe(events[1]?.request_id);
  });

  it('records nothing for a workup that does not exist', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const read = await callAs(app, 'auditor', 'GET', `/api/workups/${unknown}`);
    expect(read.status).toBe(404);
    expect(await readEvents(unknown)).toEqual([]);
  });

  it('refuses the next read once an admin ended the session, and audits no read for it', async () => {
    const workup = await aWorkup(app);
    const user = await createUser(app, { role: 'coordinator' });
    const login = await signIn(app, user.username, user.password);
    const read = (): ReturnType<typeof call> =>
      call(app, 'GET', `/api/workups/${workup.id}`, {
        token: login.accessToken,
      });
    expect((await read()).status).toBe(200);

    const ended = await callAs(
      app,
      'admin',
      'POST',
      `/api/users/${user.id}/sessions/${login.session.id}/end`,
    );
    expect(ended.status).toBe(204);

    const refused = await read();
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ sessionEnded: 'ended' });
    expect(
      (await readEvents(workup.id)).filter((e) => e.actor_id === user.id),
    ).toHaveLength(1);
  });
});
