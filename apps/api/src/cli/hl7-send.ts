import { connect } from 'node:net';
import { frame, MllpFramer } from '../inbound/hl7/mllp-framer';

/** One message sent over MLLP and the ACK it got. */
export interface SentMessage {
  readonly ack: string;
}

/**
 * Sends one HL7 v2 message over MLLP (segments end in CR whatever the file used) and resolves with
 * the ACK; rejects after `timeoutMs` without one, or when the listener closes the connection.
 */
export function sendHl7(
  text: string,
  {
    host,
    port,
    timeoutMs = 10_000,
  }: {
    readonly host: string;
    readonly port: number;
    readonly timeoutMs?: number;
  },
): Promise<SentMessage> {
  const message = text
    .replace(/^\uFEFF/, '')
    .replace(/\r?\n/g, '\r')
    .replace(/\r+$/, '');
  return new Promise((resolve, reject) => {
    const framer = new MllpFramer();
    const socket = connect({ host, port }, () => socket.write(frame(message)));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`No ACK within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      for (const event of framer.push(chunk)) {
        if (event.kind === 'frame') {
          clearTimeout(timer);
          socket.end();
          resolve({ ack: event.bytes.toString('utf8') });
          return;
        }
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new Error('The listener closed the connection without an ACK'));
    });
  });
}
