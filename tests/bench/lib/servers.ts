import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** A server the benchmark started, listening on 127.0.0.1. */
export interface RunningServer {
  readonly name: string;
  readonly baseUrl: string;
  readonly pid: number;
  /** Resident memory of the server process now, in bytes (Linux). */
  rss(): Promise<number>;
  /** CPU time (user + system) the server process has used so far, in ms (Linux). */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '../../..');

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('No free port')),
      );
    });
  });
}

/**
 * Starts `node <args>` with `env` on a free port (PORT) and waits until `/api/health` answers 200.
 * Its output goes to `logFile`, never to the benchmark's own output.
 */
export async function startServer(
  name: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  logFile: string,
): Promise<RunningServer> {
  const port = await freePort();
  const log = createWriteStream(logFile, { flags: 'a' });
  await once(log, 'open');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  const exited = once(child, 'exit');
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited during start-up; see ${logFile}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become healthy; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name,
    baseUrl,
    pid: child.pid ?? 0,
    rss: () => rssOf(child),
    cpuMs: () => cpuMsOf(child),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}

async function rssOf(child: ChildProcess): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1_024;
}

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux the benchmark runs on. */
const CLOCK_TICKS = 100;

async function cpuMsOf(child: ChildProcess): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000) / CLOCK_TICKS;
}
