import { connect, type Socket } from 'node:net';
import { Hl7Message } from '@medplum/core';
import type { WorkupView } from '@poems/contract';
import { frame, MllpFramer } from '../inbound/hl7/mllp-framer';
import { hl7Fixture, type Hl7FixtureName } from './fixtures';
import { aWorkup } from './clinic';
import { callAs } from './http';
import type { TestApp } from './test-app';

/** What to change in a sample message. */
export interface MessageChanges {
  readonly controlId?: string;
  readonly mrn?: string;
  readonly familyName?: string;
  readonly birthDate?: string;
  /** OBR-25 and every OBX-11. */
  readonly status?: string;
  readonly value?: string;
  readonly fillerOrder?: string;
  readonly version?: string;
  readonly processingId?: string;
  readonly sendingApplication?: string;
}

/**
 * A sample message with fields changed, for scenarios the nine samples do not cover. Works on the
 * single-PID samples by text replacement of the fields named.
 */
export function sample(
  name: Hl7FixtureName,
  changes: MessageChanges = {},
): string {
  const segments = hl7Fixture(name).split('\r');
  return segments
    .map((segment) => {
      const f = segment.split('|');
      switch (f[0]) {
        case 'MSH':
          if (changes.controlId !== undefined) f[9] = changes.controlId;
          if (changes.processingId !== undefined) f[10] = changes.processingId;
          if (changes.version !== undefined) f[11] = changes.version;
          if (changes.sendingApplication !== undefined)
            f[2] = changes.sendingApplication;
          break;
        case 'PID':
          if (changes.mrn !== undefined)
            f[3] = `${changes.mrn}^^^CITYHOSP&2.16.840.1.113883.19.5&ISO^MR`;
          if (changes.familyName !== undefined)
            f[5] = `${changes.familyName}^TEST^^^^^L`;
          if (changes.birthDate !== undefined) f[7] = changes.birthDate;
          break;
        case 'OBR':
          if (changes.status !== undefined) f[25] = changes.status;
          if (changes.fillerOrder !== undefined)
            f[3] = `${changes.fillerOrder}^CITYLAB`;
          break;
        case 'OBX':
          if (changes.status !== undefined) f[11] = changes.status;
          if (changes.value !== undefined) f[5] = changes.value;
          break;
      }
      return f.join('|');
    })
    .join('\r');
}

/** MSA-1 and MSA-2 of an ACK, and its ERR segments. */
export function ackOf(ack: string): {
  code: string;
  controlId: string;
  errors: string[];
} {
  const message = Hl7Message.parse(ack);
  return {
    code: message.getSegment('MSA')?.getComponent(1, 1) ?? '',
    controlId: message.getSegment('MSA')?.getComponent(2, 1) ?? '',
    errors: message.getAllSegments('ERR').map((s) => s.toString()),
  };
}

/** A raw TCP client: writes bytes exactly as given and collects every framed answer. */
export class RawMllpClient {
  private readonly framer = new MllpFramer();
  private readonly answers: string[] = [];
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.framer.push(chunk)) {
        if (event.kind === 'frame') {
          this.answers.push(event.bytes.toString('utf8'));
        }
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(
    port: number,
    options: { localAddress?: string } = {},
  ): Promise<RawMllpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ...options }, () =>
        resolve(new RawMllpClient(socket)),
      );
      socket.once('error', reject);
    });
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** Waits until `count` answers arrived (or the connection closed, or the time ran out). */
  async answersAfter(count: number, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (
      this.answers.length < count &&
      !this.closed &&
      Date.now() < deadline
    ) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return [...this.answers];
  }

  /** Sends messages, one frame each, and waits for as many answers. */
  async exchange(...messages: string[]): Promise<string[]> {
    const before = this.answers.length;
    for (const message of messages) {
      this.write(frame(message));
    }
    return (await this.answersAfter(before + messages.length)).slice(before);
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) {
      wake();
    }
  }
}

/** The CITYLAB interface of the samples, created by an admin through the API. */
export async function createCitylab(
  app: TestApp,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const response = await callAs(app, 'admin', 'POST', '/api/interfaces', {
    name: 'CITYLAB',
    sendingApplication: 'CITYLIS',
    sendingFacility: 'CITYLAB',
    mapping: {
      codedAnswers: [
        {
          system: '99CLAB',
          code: 'IFE-AL',
          heavyChain: 'IgA',
          lightChain: 'lambda',
        },
      ],
    },
    ...extra,
  });
  if (response.status !== 201) {
    throw new Error(
      `creating the interface answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body as { id: string; version: number };
}

/** The two patients of the samples with open workups. */
export async function samplePatients(
  app: TestApp,
): Promise<{ doe: WorkupView; smith: WorkupView }> {
  const doe = await aWorkup(app, {
    mrn: 'MRN100234',
    givenName: 'John',
    familyName: 'Doe',
    birthDate: '1962-04-15',
    sex: 'male',
  });
  const smith = await aWorkup(app, {
    mrn: 'MRN100235',
    givenName: 'Mary',
    familyName: 'Smith',
    birthDate: '1958-07-02',
    sex: 'female',
  });
  return { doe, smith };
}
