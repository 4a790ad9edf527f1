import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { isLoketError } from '../domain/errors.ts';
import { commandLine, type ServiceContext } from '../services/context.ts';
import { addStation, issuePairingCode, pairingCodeMinutes } from '../services/stations.ts';
import { importAppointments } from '../services/importAppointments.ts';
import { addUser, changeUser } from '../services/officers.ts';
import { userRoles, type UserRole } from '../store/officers.ts';
import { changeOffice, showOffice } from '../services/office.ts';
import { openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import { stationModes, type StationMode, type TicketPrinterConfig } from '../store/stations.ts';
import { startHub } from '../hub/server.ts';
import { clockFromEnvironment } from '../station/clock.ts';
import { formatImportSummary } from './importReport.ts';

const usage = `Loket — the floor of an immigration office on passport days.

Usage:
  loket hub --data DIR [--port N] [--host H]       run the floor hub headless (default 127.0.0.1:8450)
  loket station add --data DIR --mode MODE --name NAME
                                                  pair a station; its token is printed on the last line
                                                  (MODE: ${stationModes.join(', ')})
  loket station pair ID --data DIR                 a new one-time pairing code for a station's set-up screen
  loket station list --data DIR                    list paired stations
  loket station revoke ID --data DIR               revoke a station's token
  loket station printer ID tcp://HOST[:PORT]|none --data DIR
                                                  the ticket printer the hub drives for a browser kiosk
  loket user add --username U --name NAME --role ROLE --data DIR
                                                  add an officer; the PIN (6–12 digits) or password is read
                                                  from stdin (ROLE: officer, supervisor, print_operator, admin)
  loket user set USERNAME [--name N] [--role R] [--pin-stdin] --data DIR
  loket user disable|enable USERNAME --data DIR    a disabled officer is signed out everywhere
  loket user list --data DIR
  loket import-appointments FILE --data DIR [--format csv|json]
                                                  import the day's M-Paspor bookings
                                                  (exit 0 all imported, 2 some rejected, 1 unreadable)
  loket office show --data DIR                     print the office configuration (JSON)
  loket office set KEY=VALUE… --data DIR           change settings, e.g. checkIn.earlyMinutes=45
                                                  (VALUE is read as JSON when it parses, else as text)

Environment:
  LOKET_NOW=2026-11-30T09:15:00+08:00              start the clock at that instant (training, tests)
  LOKET_DATA=DIR                                   default for --data
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      mode: { type: 'string' },
      name: { type: 'string' },
      format: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      'pin-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    process.stdout.write(usage);
    return command || values.help ? 0 : 1;
  }
  const dataDir = () => {
    const dir = values.data ?? process.env.LOKET_DATA;
    if (!dir) throw new UsageError('--data DIR is required (or set LOKET_DATA)');
    return path.resolve(dir);
  };

  switch (command) {
    case 'hub':
      return runHub(dataDir(), values.port, values.host);
    case 'station':
      return withStore(dataDir(), (ctx) => station(ctx, rest, values.mode, values.name));
    case 'user':
      return withStore(dataDir(), (ctx) =>
        user(ctx, rest, {
          username: values.username,
          name: values.name,
          role: values.role,
          pinFromStdin: values['pin-stdin'] ?? false,
        }),
      );
    case 'import-appointments':
      return importFile(dataDir(), rest[0], values.format);
    case 'office':
      return withStore(dataDir(), (ctx) => office(ctx, rest));
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

async function runHub(
  dataDir: string,
  portText: string | undefined,
  host: string | undefined,
): Promise<number> {
  const port = portText === undefined ? 8450 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not ${portText}`);
  const hub = await startHub({
    dataDir,
    port,
    host: host ?? '127.0.0.1',
    clock: clockFromEnvironment(),
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new UsageError(`port ${port} on ${host ?? '127.0.0.1'} is already in use`);
    if (error.code === 'EADDRNOTAVAIL') throw new UsageError(`this machine has no address ${host}`);
    throw error;
  });
  process.stdout.write(`Loket hub listening on ${hub.url} (data: ${dataDir})\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`Received ${signal}, shutting down…\n`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await hub.close();
  process.stdout.write('Loket hub stopped.\n');
  return 0;
}

function withStore(dataDir: string, work: (ctx: ServiceContext) => number): number {
  const store = new Store(openDatabase(dataDir));
  try {
    return work({ store, clock: clockFromEnvironment() });
  } finally {
    store.close();
  }
}

function station(
  ctx: ServiceContext,
  args: string[],
  mode: string | undefined,
  name: string | undefined,
): number {
  const [action, id] = args;
  if (action === 'add') {
    if (!mode || !(stationModes as readonly string[]).includes(mode)) {
      throw new UsageError(`--mode must be one of ${stationModes.join(', ')}`);
    }
    if (!name) throw new UsageError('--name NAME is required');
    const { station: added, token } = addStation(ctx, commandLine, { name, mode: mode as StationMode });
    const { code } = issuePairingCode(ctx, commandLine, added.id);
    process.stdout.write(
      `Paired ${added.mode} station "${added.name}" (id ${added.id}).\n` +
        `To join from the station's set-up screen, type the pairing code ${code} ` +
        `(good once, for ${pairingCodeMinutes} minutes).\n` +
        `For a browser or a script, its token, shown once:\n${token}\n`,
    );
    return 0;
  }
  if (action === 'pair') {
    if (!id) throw new UsageError('station pair needs the station id');
    const { code } = issuePairingCode(ctx, commandLine, id);
    process.stdout.write(
      `Pairing code for station ${id}: ${code} (good once, for ${pairingCodeMinutes} minutes).\n`,
    );
    return 0;
  }
  if (action === 'list') {
    for (const s of ctx.store.stations.list()) {
      const state = s.revokedAt ? `revoked ${new Date(s.revokedAt).toISOString()}` : 'active';
      process.stdout.write(`${s.id}  ${s.mode.padEnd(10)}  ${s.name}  (${state})\n`);
    }
    return 0;
  }
  if (action === 'revoke') {
    if (!id) throw new UsageError('station revoke needs the station id');
    const revoked = ctx.store.transaction(() => {
      const done = ctx.store.stations.revoke(id, ctx.clock.now());
      if (done) {
        ctx.store.events.append({
          type: 'station.revoked',
          at: ctx.clock.now(),
          actor: 'cli',
          station: null,
          payload: { id },
        });
      }
      return done;
    });
    process.stdout.write(revoked ? `Revoked station ${id}.\n` : `No active station ${id}.\n`);
    return revoked ? 0 : 1;
  }
  if (action === 'printer') {
    const address = args[2];
    if (!id || !address) throw new UsageError('station printer ID tcp://HOST[:PORT]|none');
    const printer = address === 'none' ? null : printerAddress(address);
    const changed = ctx.store.transaction(() => {
      const done = ctx.store.stations.setTicketPrinter(id, printer);
      if (done) {
        ctx.store.events.append({
          type: 'station.printerSet',
          at: ctx.clock.now(),
          actor: 'cli',
          station: null,
          payload: { id, printer },
        });
      }
      return done;
    });
    process.stdout.write(changed ? `Station ${id} prints on ${address}.\n` : `No station ${id}.\n`);
    return changed ? 0 : 1;
  }
  throw new UsageError('station add|pair|list|revoke|printer');
}

function user(
  ctx: ServiceContext,
  args: string[],
  options: { username?: string; name?: string; role?: string; pinFromStdin: boolean },
): number {
  const [action, username] = args;
  const role = options.role;
  if (role !== undefined && !(userRoles as readonly string[]).includes(role))
    throw new UsageError(`--role must be one of ${userRoles.join(', ')}`);
  // The PIN never appears on the command line (shell history, the process list): it comes on stdin.
  const secret = () => fs.readFileSync(0, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
  if (action === 'add') {
    if (!options.username || !options.name || !role)
      throw new UsageError('user add --username U --name NAME --role ROLE, with the PIN on stdin');
    const added = addUser(ctx, commandLine, {
      username: options.username,
      name: options.name,
      role: role as UserRole,
      secret: secret(),
    });
    process.stdout.write(`Added ${added.role} ${added.username} (${added.name}).\n`);
    return 0;
  }
  if (action === 'set' || action === 'disable' || action === 'enable') {
    if (!username) throw new UsageError(`user ${action} USERNAME`);
    const changed = changeUser(ctx, commandLine, username, {
      ...(options.name ? { name: options.name } : {}),
      ...(role ? { role: role as UserRole } : {}),
      ...(options.pinFromStdin ? { secret: secret() } : {}),
      ...(action === 'disable' ? { enabled: false } : action === 'enable' ? { enabled: true } : {}),
    });
    process.stdout.write(
      `${changed.username}: ${changed.role}, ${changed.name}${changed.disabledAt ? ' (disabled)' : ''}.\n`,
    );
    return 0;
  }
  if (action === 'list') {
    for (const u of ctx.store.officers.users())
      process.stdout.write(
        `${u.username.padEnd(20)} ${u.role.padEnd(15)} ${u.name}${u.disabledAt ? '  (disabled)' : ''}\n`,
      );
    return 0;
  }
  throw new UsageError('user add|set|disable|enable|list');
}

function printerAddress(text: string): TicketPrinterConfig {
  const match = /^tcp:\/\/([A-Za-z0-9.-]{1,253}|\[[0-9a-fA-F:]+\])(?::(\d{1,5}))?$/.exec(text);
  const port = Number(match?.[2] ?? 9100);
  if (!match || port < 1 || port > 65535)
    throw new UsageError(`not a printer address: ${text} (tcp://HOST[:PORT])`);
  return { transport: 'tcp', host: (match[1] as string).replace(/^\[|\]$/g, ''), port };
}

function importFile(dataDir: string, file: string | undefined, formatOption: string | undefined): number {
  if (!file) throw new UsageError('import-appointments needs a FILE');
  const format = formatOption ?? (path.extname(file).toLowerCase() === '.json' ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  return withStore(dataDir, (ctx) => {
    const summary = importAppointments(ctx, commandLine, { format, content });
    process.stdout.write(formatImportSummary(file, summary));
    return summary.rejected.length ? 2 : 0;
  });
}

function office(ctx: ServiceContext, args: string[]): number {
  const [action, ...assignments] = args;
  if (action === 'show') {
    process.stdout.write(`${JSON.stringify(showOffice(ctx), null, 2)}\n`);
    return 0;
  }
  if (action === 'set') {
    if (!assignments.length) throw new UsageError('office set KEY=VALUE…');
    const changes = assignments.map((assignment) => {
      const at = assignment.indexOf('=');
      if (at <= 0) throw new UsageError(`expected KEY=VALUE, not ${assignment}`);
      const text = assignment.slice(at + 1);
      let value: unknown = text;
      try {
        value = JSON.parse(text);
      } catch {
        // Plain text, e.g. a name or a time zone.
      }
      return { path: assignment.slice(0, at), value };
    });
    const config = changeOffice(ctx, commandLine, changes);
    process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return 0;
  }
  throw new UsageError('office show|set');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`loket: ${error.message}\n\n${usage}`);
    } else if (isLoketError(error)) {
      process.stderr.write(`loket: ${error.code}: ${error.text.en}\n`);
    } else if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`loket: ${error.message}\n\n${usage}`);
    } else {
      process.stderr.write(
        `loket: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exitCode = 1;
  },
);
