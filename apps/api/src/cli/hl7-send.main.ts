import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sendHl7 } from './hl7-send';

const USAGE = `Usage: npm run hl7:send -- <file.hl7> [--host 127.0.0.1] [--port 2575] [--timeout 10000]

Sends one HL7 v2 message over MLLP (line ends become CR) and prints the ACK, one segment a line.
Exit code 0 on AA, 2 on AE or AR, 1 when no ACK came. The samples are in tests/fixtures/hl7.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '2575' },
      timeout: { type: 'string', default: '10000' },
      help: { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  const port = Number(values.port);
  if (
    values.help ||
    file === undefined ||
    !Number.isInteger(port) ||
    port < 1 ||
    port > 65_535
  ) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 1;
  }
  const { ack } = await sendHl7(await readFile(file, 'utf8'), {
    host: values.host,
    port,
    timeoutMs: Number(values.timeout),
  });
  process.stdout.write(`${ack.split('\r').join('\n')}\n`);
  const code = /(?:^|\r)MSA\|([A-Z]{2})/.exec(ack)?.[1];
  return code === 'AA' || code === 'CA' ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `hl7:send: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
