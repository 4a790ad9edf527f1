/**
 * The passport printer as the print station sees it, whatever is behind it: CUPS or the printer
 * itself over IPP, a vendor SDK's sidecar on loopback, or the simulator. One page, one job.
 */
import { openIppPrinter } from './ipp.ts';
import { openSidecarPrinter } from './sidecar.ts';
import { PassportPrinterSimulator } from './simulator.ts';

export const passportPrinterStates = ['idle', 'busy', 'paused', 'offline', 'error'] as const;
export type PassportPrinterState = (typeof passportPrinterStates)[number];

export interface PassportPrinterStatus {
  state: PassportPrinterState;
  /** plain-English reason from the printer, e.g. 'media-empty', 'connection refused' */
  reason?: string;
  /** the job id the printer is working on */
  currentJob?: string;
}

export interface PassportPrintJob {
  jobId: string;
  title: string;
  pdf: Buffer;
}

export type PassportPrintOutcome =
  | { ok: true; printerJobId: string }
  | {
      ok: false;
      reason: string;
      /** true when the printer had accepted the job, so the booklet may have been touched */
      started: boolean;
    };

export interface PassportPrinter {
  /** Sends one page and resolves when the printer reports the job completed, failed or aborted (or a timeout). Never rejects for printer trouble: returns ok:false with the reason. */
  print(job: PassportPrintJob): Promise<PassportPrintOutcome>;
  status(): Promise<PassportPrinterStatus>;
  close(): Promise<void>;
}

export interface PassportPrinterOptions {
  /** How long a job may take from sending it to the printer's last word on it, in ms (120 000). */
  jobTimeoutMs?: number;
  /** How often the job's state is asked while it prints, in ms (500). */
  pollMs?: number;
  /** How long one request to the printer may take, in ms (10 000). */
  requestTimeoutMs?: number;
  /** For `simulator`: the simulated printer to print on (a new one when not given). */
  simulator?: PassportPrinterSimulator;
}

export type PassportPrinterAddress =
  { kind: 'ipp'; url: URL } | { kind: 'sidecar'; host: string; port: number } | { kind: 'simulator' };

/** Reads a configured address; throws a plain-English error for one that cannot be a printer. */
export function parsePassportPrinterAddress(address: string): PassportPrinterAddress {
  const text = address.trim();
  if (text === 'simulator') return { kind: 'simulator' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `"${address}" is not a passport printer address: use ipp://HOST:631/printers/NAME, sidecar://127.0.0.1:PORT or simulator`,
    );
  }
  if (!url.hostname) throw new Error(`The printer address "${address}" has no host`);
  if (url.protocol === 'ipp:' || url.protocol === 'http:') {
    if (url.pathname === '/' || url.pathname === '')
      throw new Error(`The IPP address "${address}" names no printer: add its path, e.g. /printers/NAME`);
    return { kind: 'ipp', url };
  }
  if (url.protocol === 'sidecar:') {
    const port = Number(url.port);
    if (!url.port || !Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`The sidecar address "${address}" needs a port, e.g. sidecar://127.0.0.1:9310`);
    if (url.pathname && url.pathname !== '/')
      throw new Error(`The sidecar address "${address}" takes no path`);
    return { kind: 'sidecar', host: url.hostname, port };
  }
  throw new Error(
    `The printer address "${address}" uses ${url.protocol.replace(/:$/, '')}://; passport printers take ipp://, http://, sidecar:// or simulator`,
  );
}

export function openPassportPrinter(address: string, options: PassportPrinterOptions = {}): PassportPrinter {
  const parsed = parsePassportPrinterAddress(address);
  switch (parsed.kind) {
    case 'ipp':
      return openIppPrinter(parsed.url, options);
    case 'sidecar':
      return openSidecarPrinter(parsed, options);
    case 'simulator':
      return (options.simulator ?? new PassportPrinterSimulator()).connect(options);
  }
}
