import { Client } from 'pg';
import {
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database';

describe('audit_events append-only trigger', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  async function anEvent(): Promise<string> {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO audit_events (action, outcome, entity_type, entity_id, diff)
       VALUES ('patient.register', 'success', 'patient', gen_random_uuid()::text, '{"mrn": "A-1"}')
       RETURNING id`,
    );
    return rows[0]!.id;
  }

  it('accepts new events', async () => {
    const id = await anEvent();

    const { rows } = await client.query(
      'SELECT outcome, chain_seq FROM audit_events WHERE id = $1',
      [id],
    );
    expect(rows).toEqual([{ outcome: 'success', chain_seq: null }]);
  });

  it('rejects deleting an event', async () => {
    const id = await anEvent();

    await expect(
      client.query('DELETE FROM audit_events WHERE id = $1', [id]),
    ).rejects.toThrow(/append-only/);
  });

  it('rejects truncating the log', async () => {
    await anEvent();

    await expect(client.query('TRUNCATE audit_events')).rejects.toThrow(
      /append-only/,
    );
  });

  it('rejects changing the content of an event', async () => {
    const id = await anEvent();

    await expect(
      client.query(
        `UPDATE audit_events SET outcome = 'failure' WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      client.query(`UPDATE audit_events SET diff = '{}' WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
  });

  it('allows sealing an event once', async () => {
    const id = await anEvent();
    const seq = Number(id) * 10;

    await client.query(
      `UPDATE audit_events SET chain_seq = $2, prev_hash = NULL, hash = 'h1' WHERE id = $1`,
      [id, seq],
    );
    await expect(
      client.query(`UPDATE audit_events SET hash = 'h2' WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    const { rows } = await client.query(
      'SELECT chain_seq, hash FROM audit_events WHERE id = $1',
      [id],
    );
    expect(rows).toEqual([{ chain_seq: String(seq), hash: 'h1' }]);
  });

  it('rejects sealing that also changes content', async () => {
    const id = await anEvent();

    await expect(
      client.query(
        `UPDATE audit_events SET chain_seq = $2, hash = 'h', action = 'forged' WHERE id = $1`,
        [id, Number(id) * 10],
      ),
    ).rejects.toThrow(/append-only/);
  });
});
