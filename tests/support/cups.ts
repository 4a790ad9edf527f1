import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { openPassportPrinter } from '../../drivers/passport-printer/printer.ts';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../scripts/cups-pdf.sh');

/** The cups-pdf queue `scripts/cups-pdf.sh` makes, and where its PDFs land. */
export const cupsPdfQueue = 'LoketPDF';
export const cupsPdfUri = `ipp://127.0.0.1:631/printers/${cupsPdfQueue}`;
const defaultOutputDir = '/var/spool/cups-pdf/loket';

let ready: Promise<{ uri: string; outputDir: string }> | null = null;

/**
 * The local CUPS with the LoketPDF queue, ready to print: as root, `scripts/cups-pdf.sh` starts
 * the scheduler and makes the queue (idempotent, one run at a time); otherwise the queue must
 * already answer. Resolves to the queue's IPP address and the folder its PDFs land in.
 */
export function ensureCupsPdf(): Promise<{ uri: string; outputDir: string }> {
  ready ??= (async () => {
    if (process.getuid?.() === 0) {
      const { stdout } = await run('bash', [script], { timeout: 60_000 });
      const outputDir = stdout.trim().split('\n').at(-1) ?? '';
      if (!fs.existsSync(outputDir))
        throw new Error(`scripts/cups-pdf.sh printed no output folder: ${stdout}`);
      return { uri: cupsPdfUri, outputDir };
    }
    const printer = openPassportPrinter(cupsPdfUri, { requestTimeoutMs: 3000 });
    const status = await printer.status();
    await printer.close();
    if (status.state !== 'idle' && status.state !== 'busy')
      throw new Error(
        `The CUPS queue ${cupsPdfQueue} is not ready (${status.state}: ${status.reason ?? ''}); run sudo scripts/cups-pdf.sh`,
      );
    return { uri: cupsPdfUri, outputDir: defaultOutputDir };
  })();
  return ready;
}

/**
 * The path of the first PDF cups-pdf finished writing in `outputDir` since `sinceMs` (a
 * `Date.now()` taken before printing), once it is whole (ends with %%EOF). With `printerJobId`
 * (the outcome's), only that job's file: cups-pdf names it `job_<id>-<job name>.pdf`.
 */
export async function waitForPdf(
  outputDir: string,
  sinceMs: number,
  timeoutMs: number,
  printerJobId?: string,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = fs
      .readdirSync(outputDir)
      .filter((name) => name.endsWith('.pdf') && (!printerJobId || name.startsWith(`job_${printerJobId}-`)))
      .map((name) => path.join(outputDir, name))
      .filter((file) => fs.statSync(file).mtimeMs >= sinceMs)
      .find((file) => fs.readFileSync(file, 'latin1').trimEnd().endsWith('%%EOF'));
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `No PDF${printerJobId ? ` for job ${printerJobId}` : ''} in ${outputDir} within ${timeoutMs} ms; there are: ${fs.readdirSync(outputDir).join(', ') || 'none'}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
