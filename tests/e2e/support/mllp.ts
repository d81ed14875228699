import { connect } from 'node:net';

/** The MLLP port of the app under test (set by the global setup). */
export function mllpPort(): number {
  const port = Number(process.env['E2E_MLLP_PORT']);
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(
      'E2E_MLLP_PORT is not set: run through the e2e global setup',
    );
  }
  return port;
}

/** What a test message says: the patient and the result. */
export interface OruOptions {
  readonly controlId: string;
  readonly mrn: string;
  readonly familyName: string;
  readonly givenName: string;
  /** `YYYYMMDD`. */
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  /** OBX segments, one per line, after the OBR. */
  readonly observations: readonly string[];
  readonly specimen?: string;
}

/** An ORU^R01 from the demo laboratory (CITYLIS/CITYLAB), as the reference's samples are built. */
export function oru(o: OruOptions): string {
  return [
    `MSH|^~\\&|CITYLIS|CITYLAB^05D1234567^CLIA|POEMS|HEME|20250314091600-0500||ORU^R01^ORU_R01|${o.controlId}|P|2.5.1||||||UNICODE UTF-8`,
    `PID|1||${o.mrn}^^^CITYHOSP&2.16.840.1.113883.19.5&ISO^MR||${o.familyName}^${o.givenName}^^^^^L||${o.birthDate}|${o.sex}`,
    `OBR|1|ORD-${o.controlId}|FIL-${o.controlId}^CITYLAB|75628-8^VEGF^LN|||20250312081500-0500|||||||||||||||20250314091500-0500||CH|F`,
    ...o.observations,
    ...(o.specimen === undefined ? [] : [o.specimen]),
  ].join('\r');
}

/** Sends one message over MLLP to the app under test; resolves with the ACK. */
export function sendOverMllp(message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port: mllpPort() }, () => {
      socket.write(
        Buffer.concat([
          Buffer.from([0x0b]),
          Buffer.from(message, 'utf8'),
          Buffer.from([0x1c, 0x0d]),
        ]),
      );
    });
    socket.setTimeout(15_000, () => {
      socket.destroy();
      reject(new Error('No ACK within 15 s'));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      const end = all.indexOf(0x1c);
      if (end !== -1) {
        socket.end();
        resolve(all.subarray(all.indexOf(0x0b) + 1, end).toString('utf8'));
      }
    });
    socket.on('error', reject);
  });
}
