import { nationalRoutes } from '../central/national/routes.ts';
import { addCentralUser } from '../central/national/users.ts';
import { centralServer } from '../central/server.ts';
import { CentralError, CentralStore, type OfficeLink } from '../central/store.ts';
import { officeCodePattern } from '../domain/centralWire.ts';
import { centralLinkStatus } from '../services/centralLink.ts';
import type { ServiceContext } from '../services/context.ts';

/**
 * `loket central …` (docs/central.md): the central service and its offices on the central side
 * (`serve`, `migrate`, `office add|list`, `user add`, `verify`, `status --db`), and a hub's link to
 * it on the office side (`link`, `status --data`).
 */
export interface CentralIo {
  write: (line: string) => void;
  usage: (message: string) => Error;
}

export const centralDbEnv = 'LOKET_CENTRAL_DB';

/** The PostgreSQL address from --db or LOKET_CENTRAL_DB. */
export function centralDbOf(db: string | undefined, usage: (message: string) => Error): string {
  const url = db ?? process.env[centralDbEnv];
  if (!url) throw usage(`--db postgres://USER:PASSWORD@HOST/DATABASE is required (or set ${centralDbEnv})`);
  if (!/^postgres(ql)?:\/\//.test(url)) throw usage('--db must be a postgres:// address');
  return url;
}

async function withCentral<T>(url: string, work: (store: CentralStore) => Promise<T>): Promise<T> {
  const store = new CentralStore(url, { max: 4 });
  try {
    await store.migrate();
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `loket central serve`: migrates, then serves until SIGINT/SIGTERM. */
export async function centralServe(
  options: { db: string; port: number; host: string },
  io: CentralIo,
): Promise<number> {
  const store = new CentralStore(options.db, { max: 10 });
  try {
    const ran = await store.migrate();
    if (ran) io.write(`Central store migrated (${ran} migration${ran === 1 ? '' : 's'}).`);
    const app = await centralServer({
      store,
      log: (line) => process.stderr.write(`${line}\n`),
      extend: nationalRoutes(store),
    });
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    const address = await app.listen({ port: options.port, host: options.host });
    io.write(`Loket central listening on ${address}`);
    await stopped;
    await app.close();
    io.write('Loket central stopped.');
    return 0;
  } finally {
    await store.close();
  }
}

export async function centralMigrate(db: string, io: CentralIo): Promise<number> {
  const store = new CentralStore(db, { max: 1 });
  try {
    const ran = await store.migrate();
    io.write(ran ? `Applied ${ran} migration(s).` : 'The central store is up to date.');
    return 0;
  } finally {
    await store.close();
  }
}

/** `loket central office add CODE --name N` and `office list`. */
export async function centralOffice(
  db: string,
  args: string[],
  name: string | undefined,
  io: CentralIo,
): Promise<number> {
  const [action, code] = args;
  if (action === 'add') {
    if (!code || !officeCodePattern.test(code))
      throw io.usage('central office add CODE --name NAME: CODE is 2–10 capital letters or digits, e.g. DPS');
    if (!name) throw io.usage('central office add CODE --name NAME: the office name is required');
    const secret = await withCentral(db, (store) => store.addOffice(code, name));
    io.write(`Office ${code} registered: ${name}`);
    io.write(
      'Its key, for `loket central link … --office ' + code + '` on its hub (shown once; keep it secret):',
    );
    io.write(`  ${secret}`);
    return 0;
  }
  if (action === 'list') {
    const offices = await withCentral(db, (store) => store.offices());
    for (const office of offices) io.write(officeLine(office, Date.now()));
    if (!offices.length) io.write('No office is registered yet: loket central office add CODE --name NAME');
    return 0;
  }
  throw io.usage('central office add|list');
}

/** One office's line: its last event, the hub's lag behind it, when it last sent. */
export function officeLine(office: OfficeLink, now: number): string {
  const lag = Math.max(0, office.hubSeq - office.seq);
  const minutes =
    office.hubAt !== null && office.lastAt !== null
      ? Math.max(0, Math.round((office.hubAt - office.lastAt) / 60_000))
      : 0;
  const seen = office.receivedAt
    ? `last batch ${Math.round((now - office.receivedAt.getTime()) / 60_000)} min ago`
    : 'never sent';
  return `${office.code.padEnd(8)} ${office.name}: ${office.seq} events, lag ${lag} events / ${minutes} min, ${seen}`;
}

/**
 * `loket central user add USERNAME --name N`: who may read the national page; the password comes
 * from LOKET_CENTRAL_PASSWORD or standard input (never the command line).
 */
export async function centralUser(
  db: string,
  args: string[],
  name: string | undefined,
  password: string,
  io: CentralIo,
): Promise<number> {
  const [action, username] = args;
  if (action !== 'add' || !username) throw io.usage('central user add USERNAME --name NAME');
  if (!name) throw io.usage('central user add USERNAME --name NAME: the name is required');
  await withCentral(db, (store) => addCentralUser(store, { username, name, password })).catch(
    (error: unknown) => {
      if (error instanceof CentralError) throw io.usage(error.bilingual.en);
      throw error;
    },
  );
  io.write(`User ${username} (${name}) may sign in to /national.`);
  return 0;
}

/** `loket central verify --office CODE`: exit 1 when anything is found. */
export async function centralVerify(db: string, office: string | undefined, io: CentralIo): Promise<number> {
  if (!office) throw io.usage('central verify --office CODE');
  const report = await withCentral(db, (store) => store.verify(office)).catch((error: unknown) => {
    if (error instanceof CentralError && error.code === 'UNKNOWN_OFFICE') throw io.usage(error.bilingual.en);
    throw error;
  });
  const span = report.events ? `events ${report.firstSeq}–${report.lastSeq}` : 'no events yet';
  if (!report.findings.length) {
    io.write(`Office ${office}: ${report.events} events checked (${span}); the chain holds end to end.`);
    return 0;
  }
  io.write(
    `Office ${office}: ${report.events} events checked (${span}); ${report.findings.length} problem(s):`,
  );
  for (const finding of report.findings)
    io.write(`  event ${finding.seq}: ${finding.kind}: ${finding.detail}`);
  return 1;
}

/** `loket central status --db`: every office's link as the central store sees it. */
export async function centralOffices(db: string, io: CentralIo): Promise<number> {
  return centralOffice(db, ['list'], undefined, io);
}

/**
 * `loket central link URL --office CODE --data DIR` on the hub's machine, the office's key read
 * from LOKET_CENTRAL_KEY or standard input (never the command line). The running hub picks it up.
 */
export function centralLinkCommand(
  ctx: ServiceContext,
  url: string | undefined,
  office: string | undefined,
  key: string,
  io: CentralIo,
): number {
  if (!url) throw io.usage('central link URL --office CODE: the central service address is required');
  let parsed: URL;
  try {
    parsed = new URL(url.endsWith('/') ? url : `${url}/`);
  } catch {
    throw io.usage(`${url} is not an address`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback))
    throw io.usage(
      'the central service is reached over https:// (plain http only on this machine’s loopback)',
    );
  if (!office || !officeCodePattern.test(office))
    throw io.usage('--office CODE is required: 2–10 capital letters or digits, as registered centrally');
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(key))
    throw io.usage('the office key (from `loket central office add`) is missing or malformed');
  const before = ctx.store.centralLink.get();
  ctx.store.transaction(() => {
    ctx.store.centralLink.link({
      url: parsed.toString(),
      office,
      secret: key,
      at: ctx.clock.now(),
      by: 'cli',
    });
    ctx.store.events.emit({
      type: 'central.linked',
      at: ctx.clock.now(),
      actor: 'cli',
      station: null,
      payload: { url: parsed.toString(), office, relinked: before !== null },
    });
  });
  io.write(
    `Linked to ${parsed.toString()} as office ${office}. The hub sends its log from event ${ctx.store.centralLink.get()?.cursor ?? 0} on.`,
  );
  return 0;
}

/** `loket central status --data DIR`: the hub's link, its lag and its last error. */
export function centralHubStatus(ctx: ServiceContext, format: string | undefined, io: CentralIo): number {
  const status = centralLinkStatus(ctx.store, ctx.clock.now());
  if (format === 'json') {
    io.write(JSON.stringify(status, null, 2));
    return 0;
  }
  if (!status.linked) {
    io.write('Not linked to a central store: loket central link URL --office CODE --data DIR');
    return 0;
  }
  io.write(`Central store: ${status.url} (office ${status.office})`);
  io.write(
    `Shipped: ${status.cursor} of ${status.hubSeq} events; lag ${status.lagEvents} events, ${status.lagMinutes} min`,
  );
  io.write(`Last answer: ${status.lastOkAt ? new Date(status.lastOkAt).toISOString() : 'never'}`);
  if (status.lastError)
    io.write(
      `Last error: ${status.lastError} (${status.lastErrorAt ? new Date(status.lastErrorAt).toISOString() : ''}, ${status.failures} in a row)`,
    );
  return 0;
}
