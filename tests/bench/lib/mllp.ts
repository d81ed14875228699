import { connect, type Socket } from 'node:net';
import type { Client } from 'pg';
import type { Pace } from './compare';
import type { RunningServer } from './servers';

/** One side's figures in one run. */
export interface InboundRun {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly count: number;
  readonly failures: number;
}

/** MLLP against the `result` action, at one concurrency. */
export interface InboundFigures {
  readonly connections: number;
  /** Messages ACKed (after commit) per second over MLLP. */
  readonly mllp: InboundRun;
  /** The same results posted through `POST …/items/vegf/result`. */
  readonly resultAction: InboundRun;
  /** MLLP messages/s ÷ result actions/s. */
  readonly throughputRatio: number;
}

/** A workup whose VEGF item still takes a result, and its patient as a laboratory names them. */
interface Target {
  readonly workupId: string;
  readonly version: number;
  readonly mrn: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: string;
}

/** Open workups whose VEGF is not yet resulted: each measured operation uses one, once. */
export async function vegfTargets(
  client: Client,
  limit: number,
): Promise<Target[]> {
  const { rows } = await client.query<Target>(
    `SELECT w.id AS "workupId", i.version, p.mrn, p.family_name AS "familyName",
            to_char(p.birth_date, 'YYYYMMDD') AS "birthDate", p.sex
       FROM workups w
       JOIN workup_items i ON i.workup_id = w.id AND i.key = 'vegf'
       JOIN patients p ON p.id = w.patient_id
      WHERE w.status = 'open' AND i.active AND i.status IN ('planned', 'ordered', 'scheduled', 'performed')
      ORDER BY w.id LIMIT $1`,
    [limit],
  );
  return rows;
}

const RESULT = {
  specimen: 'plasma',
  values: [
    {
      code: '75628-8',
      name: 'VEGF',
      value: 480,
      unit: 'pg/mL',
      high: 96.2,
      interpretation: 'H',
    },
  ],
};

let sequence = 0;

function oru(target: Target): { controlId: string; text: string } {
  const controlId =
    `B${Date.now().toString(36)}${(sequence++).toString(36)}`.slice(0, 20);
  const sex = target.sex === 'female' ? 'F' : target.sex === 'male' ? 'M' : 'U';
  const text = [
    `MSH|^~\\&|BENCHLIS|BENCHLAB|POEMS|HEME|20250314091600+0000||ORU^R01^ORU_R01|${controlId}|P|2.5.1||||||UNICODE UTF-8`,
    `PID|1||${target.mrn}^^^BENCH^MR||${target.familyName.replace(/[|^~\\&]/g, ' ')}^X||${target.birthDate}|${sex}`,
    `OBR|1|ORD-${controlId}|FIL-${controlId}^BENCHLAB|75628-8^VEGF^LN|||20250312081500+0000|||||||||||||||20250314091500+0000||CH|F`,
    'OBX|1|NM|75628-8^VEGF^LN||480|pg/mL^^UCUM|<96.2|H|||F|||20250312081500+0000',
    'SPM|1|||PLAS^Plasma^HL70487',
  ].join('\r');
  return { controlId, text };
}

/** A persistent MLLP connection: one message at a time, each answered by its ACK. */
class MllpConnection {
  private pending: ((ack: string) => void) | undefined;
  private buffer = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      const end = this.buffer.indexOf(0x1c);
      if (end !== -1) {
        const ack = this.buffer
          .subarray(this.buffer.indexOf(0x0b) + 1, end)
          .toString('utf8');
        this.buffer = this.buffer.subarray(end + 2);
        const resolve = this.pending;
        this.pending = undefined;
        resolve?.(ack);
      }
    });
  }

  static open(port: number): Promise<MllpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () =>
        resolve(new MllpConnection(socket)),
      );
      socket.once('error', reject);
    });
  }

  send(text: string): Promise<string> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.socket.write(
        Buffer.concat([
          Buffer.from([0x0b]),
          Buffer.from(text, 'utf8'),
          Buffer.from([0x1c, 0x0d]),
        ]),
      );
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

function figures(
  latencies: number[],
  failures: number,
  ms: number,
): InboundRun {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ??
    Number.NaN;
  return {
    perSecond: (latencies.length / ms) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    count: latencies.length,
    failures,
  };
}

/** Runs `worker` on `connections` lanes for `seconds`, or until the targets run out. */
async function drive(
  connections: number,
  seconds: number,
  targets: Target[],
  operation: (lane: number, target: Target) => Promise<boolean>,
): Promise<InboundRun> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, lane) => {
      while (performance.now() < deadline) {
        const target = targets.pop();
        if (target === undefined) {
          return;
        }
        const t0 = performance.now();
        if (await operation(lane, target)) {
          latencies.push(performance.now() - t0);
        } else {
          failures++;
        }
      }
    }),
  );
  return figures(latencies, failures, performance.now() - started);
}

/**
 * Laboratory results per second through the MLLP listener (each message parsed, stored, matched,
 * applied through the `result` action and committed before its ACK) against the same results
 * posted by a client through `POST /api/workups/:id/items/vegf/result`, on the same API process,
 * the sides alternating round by round. Each operation results a different workup's VEGF.
 */
export async function measureInbound(
  api: RunningServer,
  mllpPort: number,
  token: string,
  targets: Target[],
  connectionCounts: readonly number[],
  pace: Pace,
  say: (line: string) => void,
): Promise<InboundFigures[]> {
  const out: InboundFigures[] = [];
  for (const connections of connectionCounts) {
    const lanes = await Promise.all(
      Array.from({ length: connections }, () => MllpConnection.open(mllpPort)),
    );
    const viaMllp = async (lane: number, target: Target): Promise<boolean> => {
      const { controlId, text } = oru(target);
      const ack = await (lanes[lane] as MllpConnection).send(text);
      return ack.includes(`MSA|AA|${controlId}`) && !ack.includes('ERR|');
    };
    const viaAction = async (
      _lane: number,
      target: Target,
    ): Promise<boolean> => {
      const response = await fetch(
        `${api.baseUrl}/api/workups/${target.workupId}/items/vegf/result`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            ...RESULT,
            version: target.version,
            performedAt: '2025-03-12T13:15:00Z',
          }),
        },
      );
      await response.body?.cancel();
      return response.status === 200;
    };
    const runs = { mllp: [] as InboundRun[], action: [] as InboundRun[] };
    if (pace.warmup > 0) {
      await drive(connections, pace.warmup, targets, viaAction);
      await drive(connections, pace.warmup, targets, viaMllp);
    }
    for (let round = 0; round < pace.rounds; round++) {
      const order =
        round % 2 === 0
          ? (['action', 'mllp'] as const)
          : (['mllp', 'action'] as const);
      for (const side of order) {
        const run = await drive(
          connections,
          pace.seconds,
          targets,
          side === 'mllp' ? viaMllp : viaAction,
        );
        runs[side].push(run);
        say(
          `    ${(side === 'mllp' ? 'MLLP (ACK after commit)' : 'result action').padEnd(24)} c=${String(connections).padStart(2)}  ${run.perSecond.toFixed(1).padStart(7)} /s  p50 ${run.p50.toFixed(1)} ms  p99 ${run.p99.toFixed(1)} ms${run.failures > 0 ? `  FAILURES ${run.failures}` : ''}`,
        );
      }
    }
    for (const lane of lanes) {
      lane.close();
    }
    const mean = (list: InboundRun[]): InboundRun => ({
      perSecond: list.reduce((s, r) => s + r.perSecond, 0) / list.length,
      p50: list.reduce((s, r) => s + r.p50, 0) / list.length,
      p99: Math.max(...list.map((r) => r.p99)),
      count: list.reduce((s, r) => s + r.count, 0),
      failures: list.reduce((s, r) => s + r.failures, 0),
    });
    const mllp = mean(runs.mllp);
    const resultAction = mean(runs.action);
    out.push({
      connections,
      mllp,
      resultAction,
      throughputRatio: mllp.perSecond / resultAction.perSecond,
    });
  }
  return out;
}
