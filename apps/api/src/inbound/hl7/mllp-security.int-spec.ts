import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { hl7Fixture } from '../../testing/fixtures';
import {
  createCitylab,
  ackOf,
  RawMllpClient,
  samplePatients,
} from '../../testing/mllp';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { TcpProxy } from '../../testing/tcp-proxy';
import { testServerUrl } from '../../testing/test-database';
import { frame, MllpFramer } from './mllp-framer';
import { MllpListener } from './mllp-listener.service';

const MLLP = {
  HL7_MLLP_ENABLED: 'true',
  HL7_MLLP_HOST: '127.0.0.1',
  HL7_MLLP_PORT: '0',
};

describe("the MLLP listener's allowlist (HL7_MLLP_ALLOW)", () => {
  let app: TestApp;
  let port: number;

  beforeAll(async () => {
    app = await startTestApp({
      env: { ...MLLP, HL7_MLLP_ALLOW: '127.0.0.1/32, ::1' },
    });
    port = app.app.get(MllpListener).port as number;
    await createCitylab(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers an allowed address', async () => {
    const client = await RawMllpClient.connect(port, {
      localAddress: '127.0.0.1',
    });
    const [ack] = await client.exchange(hl7Fixture('09-unknown-loinc'));
    client.close();
    expect(ackOf(ack ?? '').code).toBe('AA');
  });

  it('closes a connection from an address outside the blocks, unanswered', async () => {
    const client = await RawMllpClient.connect(port, {
      localAddress: '127.0.0.2',
    });
    client.write(frame(hl7Fixture('09-unknown-loinc')));
    const acks = await client.answersAfter(1, 5_000);
    expect(acks).toEqual([]);
    expect(client.closed).toBe(true);
  });
});

describe('the database down while a message arrives', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  let port: number;

  beforeAll(async () => {
    proxy = await TcpProxy.start(TcpProxy.targetOf(testServerUrl()));
    app = await startTestApp({
      env: MLLP,
      databaseUrl: (database) => proxy.urlThrough(database.url),
    });
    port = app.app.get(MllpListener).port as number;
    await createCitylab(app);
    await samplePatients(app);
  });

  afterAll(async () => {
    await proxy.restore();
    await app.close();
    await proxy.close();
  });

  it('answers AR 207 and commits nothing; the resend after recovery is applied once', async () => {
    const client = await RawMllpClient.connect(port);
    await proxy.cut();
    const [refused] = await client.exchange(hl7Fixture('01-vegf-plasma'));
    expect(ackOf(refused ?? '')).toMatchObject({
      code: 'AR',
      controlId: 'CL20250314000101',
      errors: [expect.stringContaining('207^')],
    });
    await proxy.restore();
    const [accepted] = await retry(
      () => client.exchange(hl7Fixture('01-vegf-plasma')),
      (acks) => ackOf(acks[0] ?? '').code === 'AA',
    );
    client.close();
    expect(ackOf(accepted ?? '')).toMatchObject({
      code: 'AA',
      controlId: 'CL20250314000101',
    });
    const [count] = (await app.dataSource.query(
      `SELECT count(*)::int AS n FROM inbound_results`,
    )) as { n: number }[];
    expect(count?.n).toBe(1);
  });
});

/** The pool may need a moment to reconnect after an outage, as a sender's retries allow. */
async function retry<T>(
  work: () => Promise<T>,
  ok: (value: T) => boolean,
  attempts = 10,
): Promise<T> {
  let last = await work();
  for (let i = 1; i < attempts && !ok(last); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    last = await work();
  }
  return last;
}

describe('MLLP over TLS with client certificates bound to an interface', () => {
  let directory: string;
  let app: TestApp;
  let port: number;
  const file = (name: string): string => join(directory, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };

  beforeAll(async () => {
    // Test-only certificates, made for this run: a CA, the listener's, and two clients'.
    directory = mkdtempSync(join(tmpdir(), 'poems-mllp-tls-'));
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Test CA',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.crt'),
    );
    for (const name of ['server', 'citylab', 'stranger']) {
      const cn =
        name === 'server'
          ? 'localhost'
          : name === 'citylab'
            ? 'citylab-mllp'
            : 'someone-else';
      openssl(
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        `/CN=${cn}`,
        '-keyout',
        file(`${name}.key`),
        '-out',
        file(`${name}.csr`),
      );
      openssl(
        'x509',
        '-req',
        '-in',
        file(`${name}.csr`),
        '-CA',
        file('ca.crt'),
        '-CAkey',
        file('ca.key'),
        '-CAcreateserial',
        '-days',
        '1',
        '-out',
        file(`${name}.crt`),
      );
    }
    app = await startTestApp({
      env: {
        ...MLLP,
        HL7_MLLP_TLS_CERT: file('server.crt'),
        HL7_MLLP_TLS_KEY: file('server.key'),
        HL7_MLLP_TLS_CA: file('ca.crt'),
      },
    });
    port = app.app.get(MllpListener).port as number;
    await createCitylab(app, { tlsSubject: 'citylab-mllp' });
  });

  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Sends one frame over TLS; resolves with the ACK, or undefined when the connection ends first. */
  const sendOverTls = (
    client: string | undefined,
    message: string,
  ): Promise<string | undefined> =>
    new Promise((resolve) => {
      const socket = tlsConnect({
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        ca: readFileSync(file('ca.crt')),
        ...(client !== undefined && {
          cert: readFileSync(file(`${client}.crt`)),
          key: readFileSync(file(`${client}.key`)),
        }),
      });
      const framer = new MllpFramer();
      socket.on('secureConnect', () => socket.write(frame(message)));
      socket.on('data', (chunk: Buffer) => {
        const event = framer.push(chunk).find((e) => e.kind === 'frame');
        if (event?.kind === 'frame') {
          resolve(event.bytes.toString('utf8'));
          socket.destroy();
        }
      });
      socket.on('error', () => resolve(undefined));
      socket.on('close', () => resolve(undefined));
    });

  it('answers a client whose certificate is bound to the sending interface', async () => {
    expect(
      ackOf(
        (await sendOverTls('citylab', hl7Fixture('09-unknown-loinc'))) ?? '',
      ).code,
    ).toBe('AA');
  });

  it('refuses a client without a certificate', async () => {
    expect(
      await sendOverTls(undefined, hl7Fixture('09-unknown-loinc')),
    ).toBeUndefined();
  });

  it('closes on a valid certificate bound to no interface', async () => {
    expect(
      await sendOverTls('stranger', hl7Fixture('09-unknown-loinc')),
    ).toBeUndefined();
  });
});
