import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The text of a PDF and its page count, as pdf-parse reads them. */
export interface PdfText {
  readonly text: string;
  readonly total: number;
}

// pdf-parse (pdf.js) sets up its worker with a dynamic import(), which Jest's CommonJS sandbox
// refuses ("A dynamic import callback was invoked without --experimental-vm-modules"); a plain
// Node process has no such limit.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const { text, total } = await parser.getText();
    process.stdout.write(JSON.stringify({ text, total }));
  } finally {
    await parser.destroy();
  }
});`;

const WORKSPACE_ROOT = resolve(__dirname, '../../../../..');

/** Extracts a PDF's text with pdf-parse in a child Node process. */
export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], {
      cwd: WORKSPACE_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) {
        done(JSON.parse(Buffer.concat(out).toString('utf8')) as PdfText);
      } else {
        fail(
          new Error(
            `pdf-parse exited with ${code}: ${Buffer.concat(err).toString('utf8')}`,
          ),
        );
      }
    });
    child.stdin.end(pdf);
  });
}
