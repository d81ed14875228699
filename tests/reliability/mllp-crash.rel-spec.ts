import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { ApiProcess, apiEnv, freePort } from './support/api-process';
import {
  accountOf,
  createAccounts,
  createFirstAdmin,
  openWorkups,
} from './support/clinic';
import { arrange, expectStatus } from './support/http';
import { OwnedPostgres } from './support/postgres';
import { summarise } from './support/summary';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Messages an interface sends, over this many connections at once (each strictly in order). */
const MESSAGES = Number(process.env['RELIABILITY_MLLP_MESSAGES'] ?? 1_000);
const SENDERS = 4;
const PATIENTS = 20;
/** A sender gives up on an answer after this long and resends (an interface engine's timeout). */
const ANSWER_TIMEOUT_MS = 5_000;

interface Patient {
  readonly mrn: string;
  readonly familyName: string;
}

/** One ORU^R01 of the test interface: a plasma VEGF for a patient, always the same filler order. */
function message(controlId: string, patient: Patient, value: number): string {
  return [
    `MSH|^~\\&|RELLIS|RELLAB|POEMS|HEME|20250314091600+0000||ORU^R01^ORU_R01|${controlId}|P|2.5.1||||||UNICODE UTF-8`,
    `PID|1||${patient.mrn}^^^CITYHOSP^MR||${patient.familyName.toUpperCase()}^TEST||19600101|F`,
    `OBR|1|ORD-${patient.mrn}|FIL-${patient.mrn}^RELLAB|75628-8^VEGF^LN|||20250312081500+0000|||||||||||||||20250314091500+0000||CH|F`,
    `OBX|1|NM|75628-8^VEGF^LN||${value}|pg/mL^^UCUM|<96.2|H|||F|||20250312081500+0000`,
    'SPM|1|||PLAS^Plasma^HL70487',
  ].join('\r');
}

const frame = (text: string): Buffer =>
  Buffer.concat([
    Buffer.from([0x0b]),
    Buffer.from(text, 'utf8'),
    Buffer.from([0x1c, 0x0d]),
  ]);

/**
 * One MLLP connection that sends and waits for each ACK, as an interface engine does; on a timeout,
 * a closed connection or an AR it reconnects and resends the same message (same control id, same
 * content) until it gets AA.
 */
async function sendWithRetries(
  port: () => number,
  text: string,
  controlId: string,
): Promise<{ attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    const ack = await sendOnce(port(), text).catch(() => undefined);
    const msa = ack?.split('\r').find((s) => s.startsWith('MSA|'));
    if (msa === `MSA|AA|${controlId}`) {
      return { attempts: attempt };
    }
    if (msa !== undefined && !msa.startsWith('MSA|AR|')) {
      throw new Error(`${controlId} answered ${msa}`);
    }
    await sleep(Math.min(1_000, 100 * attempt));
  }
}

function sendOnce(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let socket: Socket | undefined = undefined;
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket?.destroy();
      reject(new Error('timeout'));
    }, ANSWER_TIMEOUT_MS);
    socket = connect({ host: '127.0.0.1', port }, () =>
      socket?.write(frame(text)),
    );
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      const end = all.indexOf(0x1c);
      if (end !== -1) {
        clearTimeout(timer);
        socket?.end();
        resolve(all.subarray(all.indexOf(0x0b) + 1, end).toString('utf8'));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new Error('closed'));
    });
  });
}

describe('crash: the API killed with SIGKILL while an interface sends results over MLLP', () => {
  let pg: OwnedPostgres;
  let api: ApiProcess;
  let mllpPort: number;
  let patients: Patient[];

  beforeAll(async () => {
    pg = await OwnedPostgres.start();
    await createFirstAdmin(pg.url);
    mllpPort = await freePort();
    api = await ApiProcess.start(
      'mllp-crash-api',
      apiEnv(pg.url, {
        LOGIN_RATE_LIMIT: '100000',
        HL7_MLLP_ENABLED: 'true',
        HL7_MLLP_HOST: '127.0.0.1',
        HL7_MLLP_PORT: String(mllpPort),
        HL7_MRN_AUTHORITY: 'CITYHOSP',
        INBOUND_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      }),
    );
    const accounts = await createAccounts(api.baseUrl, { hematologist: 1 });
    await expectStatus(
      201,
      arrange(api.baseUrl, 'POST', '/api/interfaces', {
        token: accountOf(accounts, 'admin').token,
        body: {
          name: 'RELLAB',
          sendingApplication: 'RELLIS',
          sendingFacility: 'RELLAB',
        },
      }),
    );
    const workups = await openWorkups(
      api.baseUrl,
      accountOf(accounts, 'hematologist').token,
      PATIENTS,
    );
    patients = await Promise.all(
      workups.map(async (w) => {
        const [row] = await pg.query<{ mrn: string; family_name: string }>(
          'SELECT mrn, family_name FROM patients WHERE id = $1',
          [w.patientId],
        );
        return { mrn: row?.mrn ?? '', familyName: row?.family_name ?? '' };
      }),
    );
  });

  afterAll(async () => {
    await api?.stop();
    await pg?.dispose();
  });

  it('applies every message exactly once and never acknowledges one that was not committed', async () => {
    const messages = Array.from({ length: MESSAGES }, (_, i) => {
      const patient = patients[i % PATIENTS] as Patient;
      const controlId = `REL${String(i).padStart(6, '0')}`;
      return { controlId, patient, text: message(controlId, patient, 200 + i) };
    });
    const acknowledged: string[] = [];
    let attempts = 0;
    let killed = false;
    let restarted: Promise<void> | undefined;
    const senders = Array.from({ length: SENDERS }, async (_, s) => {
      for (let i = s; i < messages.length; i += SENDERS) {
        const m = messages[i] as (typeof messages)[number];
        const result = await sendWithRetries(
          () => mllpPort,
          m.text,
          m.controlId,
        );
        attempts += result.attempts;
        acknowledged.push(m.controlId);
        // Mid-stream: once a third is acknowledged, the API is killed while the others keep sending.
        if (!killed && acknowledged.length >= Math.floor(MESSAGES / 3)) {
          killed = true;
          restarted = (async () => {
            await api.kill();
            api = await api.restart();
          })();
        }
      }
    });
    await Promise.all(senders);
    await restarted;

    const stored = await pg.query<{ control_id: string; ack_code: string }>(
      `SELECT control_id, ack_code FROM inbound_messages WHERE sending_application = 'RELLIS'`,
    );
    const applications = await pg.query<{ control_id: string; n: number }>(
      `SELECT details->'source'->>'controlId' AS control_id, count(*)::int AS n
         FROM item_history WHERE action = 'result' AND details->'source'->>'kind' = 'interface'
        GROUP BY 1`,
    );
    const perMessage = new Map(applications.map((a) => [a.control_id, a.n]));
    const storedIds = new Set(stored.map((r) => r.control_id));
    const appliedTwice = messages.filter(
      (m) => (perMessage.get(m.controlId) ?? 0) > 1,
    ).length;
    const notApplied = messages.filter(
      (m) => (perMessage.get(m.controlId) ?? 0) === 0,
    ).length;
    const ackedUncommitted = acknowledged.filter(
      (id) => !storedIds.has(id),
    ).length;
    const [inbox] = await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbox_entries`,
    );
    summarise('mllp-crash', {
      messages: MESSAGES,
      connections: SENDERS,
      faults: 1,
      attempts,
      resent: attempts - MESSAGES,
      acknowledged: acknowledged.length,
      stored: stored.length,
      appliedOnce: MESSAGES - appliedTwice - notApplied,
      appliedTwice,
      notApplied,
      ackedUncommitted,
      inbox: inbox?.n ?? 0,
    });

    expect(killed).toBe(true);
    expect(attempts).toBeGreaterThanOrEqual(MESSAGES);
    expect(new Set(acknowledged).size).toBe(MESSAGES);
    expect(stored).toHaveLength(MESSAGES);
    expect(stored.every((r) => r.ack_code === 'AA')).toBe(true);
    expect({ appliedTwice, notApplied, ackedUncommitted }).toEqual({
      appliedTwice: 0,
      notApplied: 0,
      ackedUncommitted: 0,
    });
    expect(inbox?.n).toBe(0);
  });
});
