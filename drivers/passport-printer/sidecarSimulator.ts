/**
 * The reference sidecar: the sidecar API of README.md on 127.0.0.1, backed by the simulated
 * printer, so tests drive the real HTTP client and a vendor can compare notes.
 *
 *   const sidecar = await startSidecarSimulator({ port: 0 }); // sidecar.address, sidecar.simulator
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jobRequest, type SidecarJob, type SidecarStatus } from './sidecarApi.ts';
import { PassportPrinterSimulator } from './simulator.ts';

export interface SidecarSimulator {
  port: number;
  /** `sidecar://127.0.0.1:PORT`, for `openPassportPrinter`. */
  address: string;
  simulator: PassportPrinterSimulator;
  stop(): Promise<void>;
}

const maxBody = 64 * 1024 * 1024;

export async function startSidecarSimulator(
  options: { port?: number; simulator?: PassportPrinterSimulator } = {},
): Promise<SidecarSimulator> {
  const simulator = options.simulator ?? new PassportPrinterSimulator();
  const server = http.createServer((req, res) => {
    void answer(simulator, req).then(([code, body]) => {
      res.writeHead(code, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    address: `sidecar://127.0.0.1:${port}`,
    simulator,
    stop: () =>
      new Promise<void>((resolve) => {
        simulator.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Answer = [
  status: number,
  body?: SidecarStatus | SidecarJob | { printerJobId: string } | { reason: string },
];

async function answer(simulator: PassportPrinterSimulator, req: http.IncomingMessage): Promise<Answer> {
  const path = new URL(req.url ?? '/', 'http://sidecar').pathname;
  const job = /^\/jobs\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && path === '/status') return [200, simulator.status()];
  if (req.method === 'POST' && path === '/jobs') {
    const body = await readJson(req);
    const parsed = jobRequest.safeParse(body);
    if (!parsed.success) return [400, { reason: `not a job: ${parsed.error.issues[0]?.message ?? ''}` }];
    const { jobId, title, pdf } = parsed.data;
    const submitted = simulator.submit({ jobId, title, pdf: Buffer.from(pdf, 'base64') });
    return submitted.ok
      ? [201, { printerJobId: submitted.printerJobId }]
      : [503, { reason: submitted.reason }];
  }
  if (job && req.method === 'GET') {
    const progress = simulator.progress(decodeURIComponent(job[1]!));
    return progress ? [200, progress] : [404, { reason: 'no such job' }];
  }
  if (job && req.method === 'DELETE') {
    const id = decodeURIComponent(job[1]!);
    if (!simulator.progress(id)) return [404, { reason: 'no such job' }];
    return simulator.cancel(id) ? [204] : [409, { reason: 'the job is past cancelling' }];
  }
  return [404, { reason: `no ${req.method} ${path}` }];
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}
