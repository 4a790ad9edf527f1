// The load process: forked by the bench, it drives one target at a time with `concurrency` closed-loop
// clients (send, await the whole response, send the next) and measures each request with
// process.hrtime.bigint(). Every response is checked: 200, JSON, and a number not seen before from
// that target. It can also hold WebSocket subscribers on the hub's event stream meanwhile, as the
// kiosks and boards of a real floor do.
import { Client } from 'undici';
import WebSocket from 'ws';

export interface LoadJob {
  type: 'run';
  /** Names the target; numbers must be new across every job for the same target. */
  target: string;
  url: string;
  path: string;
  /** One per client, used round-robin when there are fewer. */
  tokens: string[];
  /** One request each, in order; each client takes the next one. */
  texts: string[];
  concurrency: number;
  /**
   * `waves`: all clients send at the same instant, wait until every one has its answer, pause
   * `waveGapMs`, and go again — twenty citizens scanning at twenty kiosks at once, the floor's peak.
   * `closed`: each client sends its next request the moment it has an answer — the server saturated.
   */
  pattern: 'waves' | 'closed';
  waveGapMs: number;
  /** How a response is judged: a check-in ticket, or the floor server's answer. */
  expect: 'ticket' | 'floor';
}

/** Opens `count` event-stream subscribers (tokens round-robin) from event `after` on. */
export interface SubscribeJob {
  type: 'subscribe';
  url: string;
  tokens: string[];
  count: number;
  after: number;
}

/** Waits (up to 10 s) until the subscribers have `expect` event messages between them, then closes them. */
export interface UnsubscribeJob {
  type: 'unsubscribe';
  expect: number;
}

export interface LoadOutcome {
  type: 'done';
  target: string;
  latenciesMs: number[];
  requests: number;
  errors: number;
  errorSamples: string[];
  statuses: Record<string, number>;
  wallMs: number;
  requestBytes: { min: number; max: number; mean: number };
  responseBytes: { min: number; max: number; mean: number };
  loadCpuMs: number;
}

const seen = new Map<string, Set<string>>();

// Each client keeps its own connection to a target across jobs, as a kiosk on the floor holds its
// connection to the hub: rounds after the first do not open 20 new connections at once. undici's
// client costs the load process far less CPU per request than node:http, so what is measured is
// the server rather than the load generator queueing on a two-core machine.
const clients = new Map<string, Client>();
function clientFor(target: string, url: URL, index: number): Client {
  const key = `${target}#${index}`;
  let client = clients.get(key);
  if (!client) {
    client = new Client(url.origin, { pipelining: 1, keepAliveTimeout: 60_000 });
    clients.set(key, client);
  }
  return client;
}

async function post(
  client: Client,
  path: string,
  token: string,
  body: string,
): Promise<{ status: number; text: string }> {
  const response = await client.request({
    path,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/** Why a response is not a fresh success, or null when it is. */
function judge(job: LoadJob, status: number, text: string, numbers: Set<string>): string | null {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  let key: string;
  if (job.expect === 'ticket') {
    if (typeof body?.number !== 'string' || typeof body?.officeDate !== 'string')
      return `no ticket number: ${text.slice(0, 200)}`;
    if (body.repeated !== false) return `repeated ticket ${body.number}`;
    key = `${body.officeDate}/${body.number}`;
  } else {
    if (!Number.isSafeInteger(body?.id)) return `no row id: ${text.slice(0, 200)}`;
    key = String(body.id);
  }
  if (numbers.has(key)) return `number ${key} given twice`;
  numbers.add(key);
  return null;
}

const sizes = (values: number[]) => ({
  min: Math.min(...values),
  max: Math.max(...values),
  mean: Math.round(values.reduce((s, x) => s + x, 0) / Math.max(1, values.length)),
});

async function run(job: LoadJob): Promise<LoadOutcome> {
  const url = new URL(job.url);
  const numbers = seen.get(job.target) ?? new Set<string>();
  seen.set(job.target, numbers);
  const latenciesMs: number[] = [];
  const requestBytes: number[] = [];
  const responseBytes: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;
  const fail = (why: string) => {
    errors += 1;
    if (errorSamples.length < 10) errorSamples.push(why);
  };

  const send = async (index: number, i: number) => {
    const client = clientFor(job.target, url, index);
    const token = job.tokens[index % job.tokens.length] as string;
    const body = JSON.stringify({ text: job.texts[i] });
    const started = process.hrtime.bigint();
    try {
      const { status, text } = await post(client, job.path, token, body);
      latenciesMs[i] = Number(process.hrtime.bigint() - started) / 1e6;
      statuses[status] = (statuses[status] ?? 0) + 1;
      requestBytes.push(Buffer.byteLength(body));
      responseBytes.push(Buffer.byteLength(text));
      const why = judge(job, status, text, numbers);
      if (why) fail(why);
    } catch (error) {
      latenciesMs[i] = Number(process.hrtime.bigint() - started) / 1e6;
      statuses.failed = (statuses.failed ?? 0) + 1;
      fail(`request failed: ${(error as Error).message}`);
    }
  };
  const closedLoop = async (index: number) => {
    for (let i = next++; i < job.texts.length; i = next++) await send(index, i);
  };
  const waves = async () => {
    for (let first = 0; first < job.texts.length; first += job.concurrency) {
      const wave = Math.min(job.concurrency, job.texts.length - first);
      await Promise.all(Array.from({ length: wave }, (_, index) => send(index, first + index)));
      await new Promise((resolve) => setTimeout(resolve, job.waveGapMs));
    }
  };

  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  if (job.pattern === 'waves') await waves();
  else await Promise.all(Array.from({ length: job.concurrency }, (_, i) => closedLoop(i)));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    type: 'done',
    target: job.target,
    latenciesMs,
    requests: job.texts.length,
    errors,
    errorSamples,
    statuses,
    wallMs,
    requestBytes: sizes(requestBytes),
    responseBytes: sizes(responseBytes),
    loadCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

const sockets: WebSocket[] = [];
let eventMessages = 0;

async function subscribe(job: SubscribeJob): Promise<void> {
  const url = `${job.url.replace(/^http/, 'ws')}/api/events?after=${job.after}`;
  await Promise.all(
    Array.from({ length: job.count }, (_, i) => {
      const socket = new WebSocket(url, {
        headers: { authorization: `Bearer ${job.tokens[i % job.tokens.length]}` },
      });
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.on('message', (data: Buffer) => {
          // Every message is read as a station would: parsed, and events counted.
          const message = JSON.parse(data.toString('utf8')) as { type?: string };
          if (message.type === 'hello') resolve();
          else if (message.type === 'event') eventMessages += 1;
        });
      });
    }),
  );
}

async function unsubscribe(job: UnsubscribeJob): Promise<number> {
  const until = Date.now() + 10_000;
  while (eventMessages < job.expect && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  for (const socket of sockets.splice(0)) socket.close();
  return eventMessages;
}

if (!process.send) {
  console.error('tests/bench/load.ts is forked by the bench (npm run bench), not run alone.');
  process.exit(1);
}
// The bench going away ends the load with it.
process.on('disconnect', () => process.exit(0));
const failed = (error: unknown) =>
  process.send?.({ type: 'error', error: String((error as Error)?.stack ?? error) });
process.on('message', (message: LoadJob | SubscribeJob | UnsubscribeJob) => {
  if (message?.type === 'run') run(message).then((outcome) => process.send?.(outcome), failed);
  if (message?.type === 'subscribe')
    subscribe(message).then(() => process.send?.({ type: 'subscribed', count: sockets.length }), failed);
  if (message?.type === 'unsubscribe')
    unsubscribe(message).then((messages) => process.send?.({ type: 'unsubscribed', messages }), failed);
});
process.send({ type: 'ready' });
