import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { SimulatedScanner } from './simulator.ts';

/**
 * A passport document reader for tests and the training mode: a printed data page (the PDF the
 * passport printer printed) is laid on it, it reads the page's two MRZ lines and hands them on
 * through a simulated scanner, as a real reader hands on what it read. The text is read off the
 * page with poppler's `pdftotext` (Debian's poppler-utils), never taken from anywhere else, so a
 * page printed wrong reads wrong.
 */

const run = promisify(execFile);

/** A TD3 MRZ line: 44 characters of the MRZ alphabet. */
const mrzLine = /^[A-Z0-9<]{44}$/;

export class DataPageUnreadable extends Error {}

/** The two MRZ lines printed on the data page in `pdfPath`. */
export async function readDataPageMrz(pdfPath: string): Promise<[string, string]> {
  let text: string;
  try {
    text = (await run('pdftotext', ['-layout', pdfPath, '-'], { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DataPageUnreadable(
      missing
        ? 'pdftotext is not installed (apt-get install poppler-utils)'
        : `the page could not be read: ${(error as Error).message}`,
    );
  }
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => mrzLine.test(line));
  // The MRZ is the bottom of the page: its last two lines.
  const [first, second] = lines.slice(-2);
  if (!first || !second) throw new DataPageUnreadable('no machine readable zone found on the page');
  return [first, second];
}

export class SimulatedDocumentReader {
  constructor(private readonly scanner: SimulatedScanner) {}

  /** Reads the page and hands the MRZ on; false when the scanner is unplugged or closed. */
  async read(pdfPath: string): Promise<boolean> {
    const [first, second] = await readDataPageMrz(pdfPath);
    return this.scanner.scan(`${first}\n${second}`);
  }
}
