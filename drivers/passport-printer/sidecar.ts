/**
 * Passport printers whose vendor ships an SDK rather than IPP: the vendor's program runs as a
 * sidecar on loopback and speaks the small JSON job API in README.md. This is its client.
 */
import type { Agent } from 'undici';
import { httpCall, isUnreachable, printerAgent, type HttpAnswer } from './http.ts';
import {
  defaults,
  LinkedPrinter,
  type JobProgress,
  type PrinterLink,
  type Submitted,
  type Unreachable,
} from './link.ts';
import type {
  PassportPrinter,
  PassportPrinterOptions,
  PassportPrinterStatus,
  PassportPrintJob,
} from './printer.ts';
import { jobAccepted, jobAnswer, problemAnswer, statusAnswer, type SidecarJobRequest } from './sidecarApi.ts';
import type { z } from 'zod';

export function openSidecarPrinter(
  where: { host: string; port: number },
  options: PassportPrinterOptions = {},
): PassportPrinter {
  return new LinkedPrinter(new SidecarLink(where, options), options);
}

class SidecarLink implements PrinterLink {
  readonly #base: string;
  readonly #agent: Agent;
  readonly #timeoutMs: number;

  constructor(where: { host: string; port: number }, options: PassportPrinterOptions) {
    this.#base = `http://${where.host}:${where.port}`;
    this.#timeoutMs = options.requestTimeoutMs ?? defaults.requestTimeoutMs;
    this.#agent = printerAgent(this.#timeoutMs);
  }

  async status(): Promise<PassportPrinterStatus> {
    const answer = await this.#call('GET', '/status');
    if (isUnreachable(answer)) return { state: 'offline', reason: answer.unreachable };
    const status = read(answer, statusAnswer);
    return 'problem' in status ? { state: 'error', reason: status.problem } : status;
  }

  async submit(job: PassportPrintJob): Promise<Submitted> {
    const body: SidecarJobRequest = { jobId: job.jobId, title: job.title, pdf: job.pdf.toString('base64') };
    const answer = await this.#call('POST', '/jobs', JSON.stringify(body));
    if (isUnreachable(answer)) return { ok: false, reason: answer.unreachable, started: answer.connected };
    const accepted = read(answer, jobAccepted);
    // A sidecar that refused the job never started it; one that answered nonsense may have.
    if ('problem' in accepted)
      return { ok: false, reason: accepted.problem, started: answer.statusCode < 400 };
    return { ok: true, printerJobId: accepted.printerJobId };
  }

  async progress(printerJobId: string): Promise<JobProgress | Unreachable> {
    const answer = await this.#call('GET', `/jobs/${encodeURIComponent(printerJobId)}`);
    if (isUnreachable(answer)) return answer;
    const job = read(answer, jobAnswer);
    if ('problem' in job) return { unreachable: job.problem, connected: true };
    return job;
  }

  async cancel(printerJobId: string): Promise<boolean> {
    const answer = await this.#call('DELETE', `/jobs/${encodeURIComponent(printerJobId)}`);
    return !isUnreachable(answer) && answer.statusCode >= 200 && answer.statusCode < 300;
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  #call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: string) {
    return httpCall(this.#agent, this.#base + path, {
      method,
      ...(body === undefined ? {} : { body, contentType: 'application/json' }),
      timeoutMs: this.#timeoutMs,
    });
  }
}

/** The answer as the schema says, or the problem in words: the sidecar's own reason when it gave one. */
function read<T>(answer: HttpAnswer, schema: z.ZodType<T>): T | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return { problem: `HTTP ${answer.statusCode} from the sidecar, not JSON` };
  }
  if (answer.statusCode >= 400) {
    const problem = problemAnswer.safeParse(json);
    return { problem: problem.success ? problem.data.reason : `HTTP ${answer.statusCode} from the sidecar` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return {
      problem: `the sidecar's answer does not follow the API: ${parsed.error.issues[0]?.message ?? ''}`,
    };
  return parsed.data;
}
