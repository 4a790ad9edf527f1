import { parseArgs } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../domain/clock.ts';
import { isLoketError, LoketError } from '../domain/errors.ts';
import { readSecret } from './secret.ts';
import { commandLine, type ServiceContext } from '../services/context.ts';
import {
  addStation,
  issuePairingCode,
  pairingCodeMinutes,
  revokeStation,
  setStationCounter,
} from '../services/stations.ts';
import { importAppointments } from '../services/importAppointments.ts';
import { addUser, changeUser } from '../services/officers.ts';
import { userRoles, type UserRole } from '../domain/roles.ts';
import { changeOffice, showOffice } from '../services/office.ts';
import { openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import { stationModes, type StationMode } from '../domain/roles.ts';
import {
  DeviceAddressError,
  deviceAddress,
  parsePrinterAddress,
  parseScannerAddress,
} from '../devices/config.ts';
import { readHubCertificate } from '../hub/certificate.ts';
import { startHub } from '../hub/server.ts';
import { lockedBy, runningHub } from '../hub/lock.ts';
import { clockFromEnvironment, instantFromEnvironment } from '../station/clock.ts';
import {
  NotATrainingFolder,
  isTrainingSpeed,
  openTrainingFloor,
  trainingSheet,
} from '../station/training.ts';
import { formatImportSummary } from './importReport.ts';
import { listDevices, testDevices } from './devices.ts';
import { runStation, StationRunUsage } from './stationRun.ts';
import { appointments } from './appointments.ts';
import { purgeBiometrics } from '../services/biometrics.ts';
import { parsePassportPrinterAddress } from '../../drivers/passport-printer/printer.ts';
import { fingerprintReaderAddress, type FingerprintReaderConfig } from '../devices/fingerprintReaders.ts';
import { calendar } from './calendar.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { auditVerify } from './audit.ts';
import type { BackupSchedule } from '../hub/backups.ts';
import { smsCommand } from './sms.ts';
import { report } from './report.ts';
import { simulate } from './simulate.ts';
import { updates } from './updates.ts';
import {
  centralDbOf,
  centralHubStatus,
  centralLinkCommand,
  centralMigrate,
  centralOffice,
  centralOffices,
  centralServe,
  centralUser,
  centralVerify,
} from './central.ts';
import { applyQuotaCommand, askOnTerminal, planQuotaCommand, readQuotaPlan } from './planQuota.ts';
import { nextSteps, nextStepsText, type NextStep } from '../hub/nextSteps.ts';
import { commandsOf, didYouMeanLine, seeLine, usageOf } from './guidance.ts';

const usage = `Loket — the floor of an immigration office on passport days.

Usage:
  loket hub --data DIR [--port N] [--host H] [--tls] [--backup-every MINUTES] [--backup-dir DIR2]
            [--backup-keep N] [--no-backup]
                                                  run the floor hub headless (default 127.0.0.1:8450);
                                                  --tls serves https/wss with the hub's certificate
                                                  (DIR/tls, made once), always on beyond loopback
                                                  (--host 0.0.0.0); prints its SHA-256 fingerprint;
                                                  it copies its database every 60 minutes and when it
                                                  stops into DIR/backups/loket-YYYYMMDD-HHMMSS.db,
                                                  keeping the newest 48
  loket hub --training [--speed N] [--data DIR] [--port N] [--host H] [--tls]
                                                  a training floor (LATIHAN) on simulators, in its own
                                                  database DIR/training (default ~/.loket-training), made
                                                  anew at every start: a sample day of bookings, a kiosk,
                                                  three counters, a board, a supervisor console and
                                                  training officers; the clock starts 10 minutes before
                                                  opening and runs N times as fast (default 1, up to 60);
                                                  prints the training sheet (pages, tokens, PINs)
  loket station add --data DIR --mode MODE --name NAME [--counter N]
                                                  pair a station; its token is printed on the last line
                                                  (MODE: ${stationModes.join(', ')}; a counter names
                                                  its desk number, which the board shows)
  loket station counter ID N --data DIR           fix a counter station's desk number
  loket station run --data DIR --hub URL [--port N]
                                                  run a station headless: its replica and outbox in DIR,
                                                  its operations on 127.0.0.1:N (token: LOKET_STATION_TOKEN)
  loket station pair ID --data DIR                 a new one-time pairing code for a station's set-up screen
                                                  (and the hub's fingerprint, once it has a certificate)
  loket station list --data DIR                    list paired stations
  loket station revoke ID --data DIR               revoke a station's token
  loket station printer ID ADDRESS|none --data DIR the ticket printer the hub drives for a station:
                                                  tcp://HOST[:PORT], serial://PATH[?baud=N&rtscts=1],
                                                  usb:///dev/usb/lp0[?status=none] or simulator
  loket station scanner ID ADDRESS --data DIR      the scanner the hub reads for a station: wedge (the page
                                                  reads it as a keyboard), serial://PATH[?baud=N&terminator=CR],
                                                  hid://VVVV:PPPP (vendor:product, hex), hid://PATH or simulator
  loket station fingerprint ID sbi|sbi://127.0.0.1:FROM-TO|simulator|none --data DIR
                                                  the fingerprint reader of an interview counter: an SBI
                                                  device service on the hub's machine, found by discovery
                                                  on 127.0.0.1 ports 4501–4600 (or FROM–TO), or the simulator
  loket station passport-printer ID ADDRESS --data DIR
                                                  the passport printer of a print station: an IPP queue
                                                  (ipp://127.0.0.1:631/printers/NAME, through CUPS), a vendor
                                                  sidecar (sidecar://127.0.0.1:PORT), simulator, or none
  loket biometrics purge --data DIR                purge the images of passports handed over longer ago
                                                  than interview.biometricRetentionDays (the hub also does
                                                  this hourly); the records and the audit trail stay
  loket devices list [--data DIR]                  what this machine sees: serial ports, HID devices (POS
                                                  scanners marked), USB printers; with --data, each
                                                  station's configured devices
  loket devices test ID [--device printer|scanner] [--timeout S] --data DIR
                                                  print a test ticket on a station's printer and wait for a
                                                  scan from its scanner (stop a running hub first: it holds
                                                  the ports)
  loket user add --username U --name NAME --role ROLE --data DIR
                                                  add an officer; the PIN (6–12 digits) or password is asked
                                                  for without echo (or read from stdin when piped)
                                                  (ROLE: officer, supervisor, print_operator, admin)
  loket user set USERNAME [--name N] [--role R] [--pin-stdin] --data DIR
                                                  --pin-stdin: a new PIN, asked for twice without echo
                                                  (or read from stdin when piped); lifts a lockout
  loket user disable|enable USERNAME --data DIR    a disabled officer is signed out everywhere
  loket user list --data DIR
  loket import-appointments FILE --data DIR [--format csv|json]
                                                  import the day's M-Paspor bookings
                                                  (exit 0 all imported, 2 some rejected, 1 unreadable);
                                                  a sample: docs/samples/appointments-sample.csv
  loket appointments import FILE --data DIR [--format csv|json]
                                                  the same
  loket appointments feed URL --data DIR [--every MIN] [--token T] [--timeout S]
                                                  pull the day's bookings (JSON in the import format) from
                                                  an http(s) endpoint every MIN minutes (default 15;
                                                  timeout S seconds, default 10; T sent as a bearer token)
  loket appointments feed --off --data DIR         stop pulling
  loket appointments sync --data DIR               pull now and print the outcome (exit 1 if it failed)
  loket appointments status --data DIR             last synced, last attempt, last error
  loket backup --data DIR --to FILE [--force]      a checked copy of the floor's database, also while a
                                                  hub runs on DIR (--force overwrites FILE); its event
                                                  chain's head goes beside it (NAME.anchor.json) and into
                                                  DIR/anchors.jsonl; exit 1 if the chain is broken
  loket restore --data DIR --from FILE             put a backup in place as DIR's database (stop the hub
                                                  first); the database that was there is kept as
                                                  loket.db.before-restore-<time>, its anchors likewise
  loket audit verify --data DIR                    whether the event log's hash chain is whole, read-only
                                                  (a stopped hub's folder), against DIR/anchors.jsonl:
                                                  "intact, N events, head H" (exit 0), or the first broken
                                                  row and how: deleted, edited, inserted, reordered, anchor
                                                  (exit 1)
  loket audit verify --file FILE [--data DIR]      the same for a backup file, against the anchor beside it
                                                  (and DIR's anchors up to the copy's end)
  loket calendar list [--year Y] --data DIR       the holiday calendar of a year (default this year):
                                                  national holidays and cuti bersama, removed days with
                                                  who and why, and the office's own closures
  loket calendar add DATE --kind libur_nasional|cuti_bersama --name-id NAME --name-en NAME
            [--reason R] --data DIR               close the office on one more day
  loket calendar remove DATE --reason R --data DIR
                                                  open a closed day again (listed, with the reason)
  loket calendar reload YEAR --data DIR           load the year's shipped file again
                                                  (resources/calendars), keeping the days the office
                                                  added or removed
  loket calendar promise DATE --kind KIND --data DIR
                                                  the pickup date for an interview on DATE and why (KIND:
                                                  baru, habis_berlaku, halaman_penuh, hilang, rusak; the
                                                  printer's load is not counted here)
  loket report kpi|officers|promises [--from DATE] [--to DATE] [--format F] [--out FILE] [--force]
            [--stage S] [--counter N] [--officer USERNAME] --data DIR
                                                  the office's figures for a range of days (default the
                                                  last 30 up to today): kpi (waits, service, calls inside
                                                  the window; --stage/--counter/--officer narrow it),
                                                  officers (busy, idle, breaks, out-of-order calls),
                                                  promises (pickup dates kept); F: table (default), csv,
                                                  json, xlsx or pdf; xlsx and pdf need --out FILE unless
                                                  stdout is a pipe; progress goes to stderr
  loket report issuance [--year Y] [--format F] [--out FILE] --data DIR
                                                  passports issued per month of a year (default this
                                                  year) in the office's table, with JUMLAH
  loket report public [--from DATE] [--format F] [--out FILE] --data DIR
                                                  each day's average and p90 wait and promises kept, up
                                                  to today (default 30 days; a pdf: the notice-board
                                                  page of the last 7 days)
  loket report ikm --period month|quarter|semester|year [--year Y] [--index N] [--stage S]
            [--counter N] [--format F] [--out FILE] [--force] --data DIR
                                                  the satisfaction survey's IKM (PermenPANRB 14/2017) of
                                                  a month (--index 1–12), quarter (1–4), semester (1–2)
                                                  or year: the nine NRR, index and grade, per stage and
                                                  counter, responses against the sample needed, the
                                                  profile, complaints; F: table (default), json, xlsx
                                                  or pdf (the console's export)
  loket report import-history FILE --data DIR      import, once, the office's monthly passport issuance
                                                  for months the floor did not run (CSV: year,month,
                                                  biasa_baru,biasa_penggantian,elektronik_baru,
                                                  elektronik_penggantian,total); a bad row, a month
                                                  imported before or one the floor printed in refuses
                                                  the whole file, naming its line (exit 1)
  loket simulate [--date D] [--quota FILE | --booked] [--policy P,P…] [--officers STAGE=N,…]
            [--seeds N] [--seed S] [--threads N] [--format table|json|csv] [--data DIR]
                                                  a day at the office, simulated before it happens: the
                                                  floor's own check-in rules, calling order, pickup promise
                                                  and print queue on a simulated clock, each policy (window,
                                                  fifo, priority-first, no-early, open-check-in, ratio-P-R;
                                                  default window,fifo) on the same citizens of seeds S…
                                                  (default 50, up to 1000): waits, calls inside the window,
                                                  queue, utilisation, overtime, printer backlog, promises at
                                                  risk, each with its 95% interval. D defaults to the next
                                                  working day; bookings are the Denpasar demand, a quota
                                                  per window (FILE: {"lanes":[{"id":"regular",
                                                  "quotaPerWindow":N},…]}) or the day's imported bookings
                                                  (--booked); --data reads that office (nothing written)
  loket simulate --model mmc --lambda L --mu M --counters C --minutes T [--warmup W] [--seeds N]
            [--seed S] [--service exponential|deterministic] [--arrivals poisson|deterministic]
            [--threads N] [--format table|json]
                                                  the textbook queue (no database, nothing written):
                                                  C counters, arrivals at L a minute, service at M a
                                                  minute per counter, T minutes of which the first W
                                                  (default 0) are not measured, N replications (default
                                                  30, up to 1000) from seed S (default 1); each measure's
                                                  mean, 95% interval and the Erlang C closed form;
                                                  a big run shares its replications among worker
                                                  threads (--threads N, 1–16, to choose)
                                                  (docs/simulation.md)
  loket plan-quota --target-p90 MINUTES [--inside SHARE] [--overtime MINUTES] [--date D]
            [--officers STAGE=N,…] [--seeds N] [--seed S] [--threads N] [--format table|json]
            [--out FILE] [--force] [--data DIR]
                                                  the largest quota per window (priority lanes in their
                                                  current shares) whose day keeps the whole visit's p90
                                                  wait ≤ MINUTES, ≥ SHARE (default 0.95) called inside
                                                  window + 15 min and every pickup promise, judged on
                                                  the 95% interval over N seeds (default 50); the
                                                  figures and the binding constraint (counters,
                                                  printer, hours); --out FILE: the lanes, as
                                                  office apply-quota and simulate --quota read them;
                                                  the floor only read; exit 2 when no quota meets
                                                  the target (docs/simulation.md)
  loket sms simulator [--link PATH]                a GSM modem simulator for training on a pseudo-terminal
                                                  pair (socat): prints the path to set as sms.modem
                                                  (serial://PATH; --link chooses it) and each message
                                                  it takes, until Ctrl-C
  loket updates publish DIR [--channel C] [--staging PERCENT] [--rollback] --data DATA
                                                  put an electron-builder output (latest.yml and/or
                                                  latest-linux.yml, the installers, blockmaps) on the
                                                  hub's update channel (default stable), every file
                                                  checked against its sha512; staged to PERCENT of
                                                  the stations (default 100) and the pilots
  loket updates stage PERCENT [--channel C] --data DIR
                                                  offer the channel's version to that share
  loket updates pause|resume [--channel C] --data DIR
                                                  stop offering the staged version, or again
  loket updates pilot add|remove STATION [--channel C] --data DIR
                                                  a station (id or name) that gets a staged version first
  loket updates rollback VERSION [--channel C] --data DIR
                                                  offer an older published version to every station
  loket updates status [--format table|json] --data DIR
                                                  each channel, and each station's version and update
  loket central serve [--db URL] [--port N] [--host H]
                                                  the central ingest and national reports over
                                                  PostgreSQL (default 127.0.0.1:8460; --db or
                                                  LOKET_CENTRAL_DB names the database); migrates first
  loket central migrate [--db URL]                make or move on the central store's schema
  loket central office add CODE --name NAME [--db URL]
                                                  register an office; prints the key its hub signs
                                                  with (once)
  loket central office list [--db URL]            every office, its events and its lag
  loket central user add USERNAME --name NAME [--db URL]
                                                  who may sign in to the national page (/national);
                                                  the password from LOKET_CENTRAL_PASSWORD or stdin
  loket central verify --office CODE [--db URL]   check the office's chain in the central store end
                                                  to end: gaps, broken links, changed rows (exit 1)
  loket central link URL --office CODE --data DIR
                                                  send this hub's log to the central service; the
                                                  office's key from LOKET_CENTRAL_KEY or standard
                                                  input (docs/central.md: what leaves the office)
  loket central status --data DIR | --db URL      the hub's link (shipped, lag, last error), or
                                                  every office as the central store sees it
  loket office show --data DIR                     print the office configuration (JSON)
  loket office set KEY=VALUE… --data DIR           change settings, e.g. checkIn.earlyMinutes=45
                                                  (VALUE is read as JSON when it parses, else as text)
  loket office apply-quota FILE [--yes] --data DIR
                                                  set the lanes' quotaPerWindow from a plan-quota file:
                                                  before → after per lane, one confirmation (--yes
                                                  without a terminal); audited as office.updated

Environment:
  LOKET_NOW=2026-11-30T09:15:00+08:00              start the clock at that instant (training, tests)
  LOKET_DATA=DIR                                   default for --data
`;

class UsageError extends Error {}

/** The command and action the user typed, for the lines that follow an error. */
const typed: { command: string | null; action: string | null } = { command: null, action: null };
/** The data folder a command works in, once known: an error creating it is said plainly. */
let dataFolder: string | null = null;

const optionNames = () => Object.keys(options).map((name) => `--${name}`);

const options = {
  data: { type: 'string' },
  hub: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  mode: { type: 'string' },
  name: { type: 'string' },
  counter: { type: 'string' },
  format: { type: 'string' },
  username: { type: 'string' },
  role: { type: 'string' },
  'pin-stdin': { type: 'boolean' },
  device: { type: 'string' },
  timeout: { type: 'string' },
  training: { type: 'boolean' },
  tls: { type: 'boolean' },
  speed: { type: 'string' },
  every: { type: 'string' },
  token: { type: 'string' },
  off: { type: 'boolean' },
  to: { type: 'string' },
  from: { type: 'string' },
  file: { type: 'string' },
  force: { type: 'boolean' },
  'backup-every': { type: 'string' },
  'backup-dir': { type: 'string' },
  'backup-keep': { type: 'string' },
  'no-backup': { type: 'boolean' },
  year: { type: 'string' },
  kind: { type: 'string' },
  'name-id': { type: 'string' },
  'name-en': { type: 'string' },
  reason: { type: 'string' },
  link: { type: 'string' },
  stage: { type: 'string' },
  officer: { type: 'string' },
  out: { type: 'string' },
  period: { type: 'string' },
  index: { type: 'string' },
  model: { type: 'string' },
  lambda: { type: 'string' },
  mu: { type: 'string' },
  counters: { type: 'string' },
  minutes: { type: 'string' },
  warmup: { type: 'string' },
  seeds: { type: 'string' },
  seed: { type: 'string' },
  service: { type: 'string' },
  arrivals: { type: 'string' },
  threads: { type: 'string' },
  date: { type: 'string' },
  policy: { type: 'string' },
  officers: { type: 'string' },
  quota: { type: 'string' },
  booked: { type: 'boolean' },
  channel: { type: 'string' },
  staging: { type: 'string' },
  rollback: { type: 'boolean' },
  'target-p90': { type: 'string' },
  inside: { type: 'string' },
  overtime: { type: 'string' },
  yes: { type: 'boolean' },
  db: { type: 'string' },
  office: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(argv: string[]): Promise<number> {
  // Before parsing, so that an unknown option still gets the typed command's hint.
  const words = argv.filter((word) => !word.startsWith('-'));
  typed.command = words[0] ?? null;
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options,
  });
  const [command, ...rest] = positionals;
  typed.command = command ?? null;
  typed.action = rest[0] ?? null;
  if (values.help || !command || command === 'help') {
    // `loket station --help` and `loket help station`: that command's part of the usage.
    const about = command === 'help' ? rest[0] : command;
    const part = about ? usageOf(usage, about) : null;
    if (about && !part) throw new UsageError(`unknown command: ${about}`);
    process.stdout.write(part ?? usage);
    return command || values.help ? 0 : 1;
  }
  if (!commandsOf(usage).includes(command)) throw new UsageError(`unknown command: ${command}`);
  const dataDir = () => {
    const dir = values.data ?? process.env.LOKET_DATA;
    if (!dir) throw new UsageError('--data DIR is required (or set LOKET_DATA)');
    dataFolder = path.resolve(dir);
    return dataFolder;
  };

  switch (command) {
    case 'hub': {
      if (values.training && (values['backup-every'] ?? values['backup-dir'] ?? values['backup-keep']))
        throw new UsageError('a training floor is made anew at every start and takes no backups');
      if (values.training) return runTrainingHub(values.data ?? process.env.LOKET_DATA, values);
      if (values.speed !== undefined) throw new UsageError('--speed goes with --training');
      const dir = dataDir();
      return runHub({
        dataDir: dir,
        port: portOf(values.port),
        host: values.host,
        tls: values.tls ?? false,
        clock: clockFromEnvironment(),
        backup: backupScheduleOf(values),
        started: (url) => process.stdout.write(`Loket hub listening on ${url} (data: ${dir})\n`),
        steps: nextSteps({ dataDir: dir, training: false }),
      });
    }
    case 'station': {
      if (rest[0] === 'run')
        return runStation({ dataDir: dataDir(), hub: values.hub, port: portOf(values.port ?? '0') }).catch(
          (error: unknown) => {
            throw error instanceof StationRunUsage ? new UsageError(error.message) : error;
          },
        );
      const dir = dataDir();
      return withStore(dir, (ctx) =>
        station(ctx, rest, values.mode, values.name, certificateNote(dir), values.counter),
      );
    }
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
      if (rest[0] === 'apply-quota') {
        // The file is read and checked before the floor is opened: a bad one changes nothing.
        const lanes = readQuotaPlan(
          rest[1],
          (file) => fs.readFileSync(path.resolve(file), 'utf8'),
          asUsageError,
        );
        return withStore(dataDir(), (ctx) =>
          applyQuotaCommand(
            ctx,
            lanes,
            { yes: values.yes ?? false },
            { write: say, stdinIsTerminal: process.stdin.isTTY === true, ask: askOnTerminal },
            asUsageError,
          ),
        );
      }
      return withStore(dataDir(), (ctx) => office(ctx, rest));
    case 'updates': {
      const dir = dataDir();
      return withStore(dir, (ctx) =>
        updates(
          ctx,
          dir,
          rest,
          {
            channel: values.channel,
            staging: values.staging,
            rollback: values.rollback,
            format: values.format,
          },
          say,
          (message) => new UsageError(message),
        ),
      );
    }
    case 'central':
      return central(rest, values, dataDir);
    case 'plan-quota': {
      const folder = values.data ?? process.env.LOKET_DATA;
      return planQuotaCommand(
        {
          targetP90: values['target-p90'],
          inside: values.inside,
          overtime: values.overtime,
          date: values.date,
          officers: values.officers,
          seeds: values.seeds,
          seed: values.seed,
          threads: values.threads,
          format: values.format,
          out: values.out,
          force: values.force,
        },
        { dataDir: folder, clock: clockFromEnvironment() },
        {
          write: (text) => process.stdout.write(text),
          progress: (line) => {
            if (process.stderr.isTTY) process.stderr.write(`${line}\n`);
          },
        },
        asUsageError,
      );
    }
    case 'appointments':
      if (rest[0] === 'import') return importFile(dataDir(), rest[1], values.format);
      return withStore(dataDir(), (ctx) =>
        appointments(
          ctx,
          rest,
          { every: values.every, token: values.token, timeout: values.timeout, off: values.off ?? false },
          (line) => process.stdout.write(`${line}\n`),
          (message) => new UsageError(message),
        ),
      );
    case 'calendar':
      return withStore(dataDir(), (ctx) =>
        calendar(
          ctx,
          rest,
          {
            year: values.year,
            kind: values.kind,
            nameId: values['name-id'],
            nameEn: values['name-en'],
            reason: values.reason,
          },
          say,
          (message) => new UsageError(message),
        ),
      );
    case 'backup':
      if (!values.to) throw new UsageError('backup --data DIR --to FILE');
      return backupCommand(
        dataDir(),
        path.resolve(values.to),
        { force: values.force ?? false, now: clockFromEnvironment().now() },
        say,
      );
    case 'audit': {
      if (rest[0] !== 'verify' || (!values.file && !values.data && !process.env.LOKET_DATA))
        throw new UsageError('audit verify --data DIR | --file FILE [--data DIR]');
      const folder = values.data ?? process.env.LOKET_DATA;
      return auditVerify(
        {
          dataDir: folder === undefined ? undefined : path.resolve(folder),
          file: values.file === undefined ? undefined : path.resolve(values.file),
        },
        say,
        (line) => process.stderr.write(`${line}\n`),
      );
    }
    case 'restore':
      if (!values.from) throw new UsageError('restore --data DIR --from FILE');
      return restoreCommand(dataDir(), path.resolve(values.from), clockFromEnvironment().now(), say);
    case 'biometrics': {
      if (rest[0] !== 'purge') throw new UsageError('biometrics purge --data DIR');
      // Purging needs no key: it drops sealed bytes, it never opens them.
      return withStore(dataDir(), (ctx) => {
        const purged = purgeBiometrics(ctx, commandLine);
        say(`Purged ${purged.images} biometric images of ${purged.applications} applications.`);
        return 0;
      });
    }
    case 'report':
      return withStore(dataDir(), (ctx) =>
        report(
          ctx,
          rest,
          {
            from: values.from,
            to: values.to,
            year: values.year,
            stage: values.stage,
            counter: values.counter,
            officer: values.officer,
            period: values.period,
            index: values.index,
            format: values.format,
            out: values.out === undefined ? undefined : path.resolve(values.out),
            force: values.force,
          },
          {
            write: say,
            bytes: (content) => process.stdout.write(content),
            progress: (line) => process.stderr.write(`${line}\n`),
            stdoutIsTerminal: process.stdout.isTTY === true,
          },
          (message) => new UsageError(message),
        ),
      );
    case 'simulate': {
      const simulateOptions = {
        model: values.model,
        lambda: values.lambda,
        mu: values.mu,
        counters: values.counters,
        minutes: values.minutes,
        warmup: values.warmup,
        seeds: values.seeds,
        seed: values.seed,
        service: values.service,
        arrivals: values.arrivals,
        threads: values.threads,
        format: values.format,
        date: values.date,
        policy: values.policy,
        officers: values.officers,
        quota: values.quota,
        booked: values.booked,
      };
      const simulateOut = {
        write: (text: string) => process.stdout.write(text),
        progress: (line: string) => {
          if (process.stderr.isTTY) process.stderr.write(`${line}\n`);
        },
      };
      const asUsage = (message: string) => new UsageError(message);
      const readFile = (file: string) => {
        try {
          return fs.readFileSync(path.resolve(file), 'utf8');
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
        }
      };
      // With --data the office's own configuration, calendar and bookings are read through a
      // read-only connection (nothing written); without it the defaults. The textbook queue reads
      // neither.
      return simulate(
        simulateOptions,
        { dataDir: values.data ?? process.env.LOKET_DATA, clock: clockFromEnvironment(), readFile },
        simulateOut,
        asUsage,
      );
    }
    case 'sms':
      return smsCommand(rest, { link: values.link }, say, (message) => new UsageError(message));
    case 'devices':
      return devices(rest, values.data ?? process.env.LOKET_DATA, values.device, values.timeout);
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const asUsageError = (message: string) => new UsageError(message);

/** `loket central …`: the central side with --db, the hub's side with --data. */
async function central(
  rest: string[],
  values: {
    db?: string | undefined;
    office?: string | undefined;
    name?: string | undefined;
    port?: string | undefined;
    host?: string | undefined;
    format?: string | undefined;
    data?: string | undefined;
  },
  dataDir: () => string,
): Promise<number> {
  const io = { write: say, usage: asUsageError };
  const [action, ...more] = rest;
  const db = () => centralDbOf(values.db, asUsageError);
  switch (action) {
    case 'serve':
      return centralServe(
        {
          db: db(),
          port: values.port === undefined ? 8460 : portOf(values.port),
          host: values.host ?? '127.0.0.1',
        },
        io,
      );
    case 'migrate':
      return centralMigrate(db(), io);
    case 'office':
      return centralOffice(db(), more, values.name, io);
    case 'user': {
      const password = process.env.LOKET_CENTRAL_PASSWORD ?? (await readSecret('Password', false));
      return centralUser(db(), more, values.name, password.trim(), io);
    }
    case 'verify':
      return centralVerify(db(), values.office, io);
    case 'link': {
      const dir = dataDir();
      const key = process.env.LOKET_CENTRAL_KEY ?? (await readSecret('Office key', false));
      return withStore(dir, (ctx) => centralLinkCommand(ctx, more[0], values.office, key.trim(), io));
    }
    case 'status':
      if (
        values.db !== undefined ||
        (values.data === undefined && !process.env.LOKET_DATA && process.env.LOKET_CENTRAL_DB)
      )
        return centralOffices(db(), io);
      return withStore(dataDir(), (ctx) => centralHubStatus(ctx, values.format, io));
    default:
      throw asUsageError('central serve|migrate|office|user|verify|link|status');
  }
}

/** `loket hub` copies its database on a schedule unless told not to. */
function backupScheduleOf(values: {
  'backup-every'?: string | undefined;
  'backup-dir'?: string | undefined;
  'backup-keep'?: string | undefined;
  'no-backup'?: boolean | undefined;
}): BackupSchedule | false {
  const every = values['backup-every'];
  const dir = values['backup-dir'];
  const keep = values['backup-keep'];
  if (values['no-backup']) {
    if (every ?? dir ?? keep)
      throw new UsageError('--no-backup goes alone, without --backup-every/-dir/-keep');
    return false;
  }
  const schedule: BackupSchedule = {};
  if (every !== undefined) {
    const minutes = Number(every);
    if (!(minutes > 0) || !Number.isFinite(minutes))
      throw new UsageError(`--backup-every must be a number of minutes above 0, not ${every}`);
    schedule.everyMinutes = minutes;
  }
  if (keep !== undefined) {
    const count = Number(keep);
    if (!Number.isInteger(count) || count < 1)
      throw new UsageError(`--backup-keep must be a whole number of at least 1, not ${keep}`);
    schedule.keep = count;
  }
  if (dir !== undefined) schedule.dir = path.resolve(dir);
  return schedule;
}

function portOf(text: string | undefined): number {
  const port = text === undefined ? 8450 : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not ${text}`);
  return port;
}

/**
 * The training floor: its own database (DIR/training, never DIR itself) made anew from the sample
 * day, a clock that starts before opening and may run fast, and the training sheet on stdout.
 */
async function runTrainingHub(
  data: string | undefined,
  options: {
    port?: string | undefined;
    host?: string | undefined;
    speed?: string | undefined;
    tls?: boolean | undefined;
  },
): Promise<number> {
  const port = portOf(options.port);
  const dir = data ? path.join(path.resolve(data), 'training') : path.join(os.homedir(), '.loket-training');
  dataFolder = dir;
  const speed = options.speed === undefined ? 1 : Number(options.speed);
  if (!isTrainingSpeed(speed))
    throw new UsageError(`--speed must be 1–60 (times real time), not ${options.speed}`);
  // A training floor is made anew at every start: not under a training hub still running on it.
  const running = runningHub(dir);
  if (running) throw lockedBy(dir, running, 'hub');
  let session: ReturnType<typeof openTrainingFloor>;
  try {
    session = openTrainingFloor(dir, { startAt: instantFromEnvironment(), speed });
  } catch (error) {
    if (error instanceof NotATrainingFolder) throw new UsageError(error.message);
    throw error;
  }
  return runHub({
    dataDir: dir,
    port,
    host: options.host,
    tls: options.tls ?? false,
    clock: session.clock,
    training: true,
    started: (url) =>
      process.stdout.write(
        `Loket hub listening on ${url} (data: ${dir}) — LATIHAN / TRAINING\n${trainingSheet(session, url)}`,
      ),
  });
}

async function runHub(options: {
  dataDir: string;
  port: number;
  host: string | undefined;
  tls: boolean;
  clock: Clock;
  training?: boolean;
  backup?: BackupSchedule | false;
  started: (url: string) => void;
  /** What to do next, printed once the hub answers (a training floor's sheet says it instead). */
  steps?: NextStep[];
}): Promise<number> {
  const { port, host } = options;
  const hub = await startHub({
    dataDir: options.dataDir,
    port,
    host: host ?? '127.0.0.1',
    tls: options.tls,
    clock: options.clock,
    training: options.training ?? false,
    // A training floor is made anew at every start: nothing in it is worth a copy.
    backup: options.backup ?? false,
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new UsageError(`port ${port} on ${host ?? '127.0.0.1'} is already in use`);
    if (error.code === 'EADDRNOTAVAIL') throw new UsageError(`this machine has no address ${host}`);
    throw error;
  });
  // Listen for the signals before saying where the hub is: whoever reads the address may stop it at once.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`Received ${signal}, shutting down…\n`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  options.started(hub.url);
  if (hub.fingerprint && hub.spkiSha256) {
    if (!options.tls) process.stdout.write('TLS is on: a hub beyond loopback never speaks plain HTTP.\n');
    process.stdout.write(certificateLines(hub.fingerprint, hub.spkiSha256));
  }
  if (options.steps) process.stdout.write(nextStepsText(hub.url, options.steps));
  await stopped;
  await hub.close();
  process.stdout.write('Loket hub stopped.\n');
  return 0;
}

/** What the IT person compares on a station's screen, and what a TV's Chromium is started with. */
function certificateLines(fingerprint: string, spkiSha256: string): string {
  return (
    `Hub certificate SHA-256 fingerprint: ${fingerprint}\n` +
    `Browsers (Chromium): --ignore-certificate-errors-spki-list=${spkiSha256}\n`
  );
}

/** The fingerprint lines for a data folder whose hub has its certificate, else nothing. */
function certificateNote(dataDir: string): string {
  const certificate = readHubCertificate(dataDir);
  return certificate ? certificateLines(certificate.fingerprint, certificate.spkiSha256) : '';
}

async function devices(
  args: string[],
  data: string | undefined,
  device: string | undefined,
  timeoutText: string | undefined,
): Promise<number> {
  const [action, id] = args;
  const write = (line: string) => process.stdout.write(`${line}\n`);
  if (action === 'list') {
    if (!data) return listDevices(null, write);
    return withStore(path.resolve(data), (ctx) => listDevices(ctx, write));
  }
  if (action === 'test') {
    if (!id) throw new UsageError('devices test STATION_ID');
    if (!data) throw new UsageError('--data DIR is required (or set LOKET_DATA)');
    if (device !== undefined && device !== 'printer' && device !== 'scanner')
      throw new UsageError('--device must be printer or scanner');
    const seconds = timeoutText === undefined ? 30 : Number(timeoutText);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600)
      throw new UsageError('--timeout must be 1–600 seconds');
    return withStore(path.resolve(data), (ctx) =>
      testDevices(
        ctx,
        id,
        { only: device as 'printer' | 'scanner' | undefined, timeoutMs: seconds * 1000 },
        write,
      ),
    );
  }
  throw new UsageError('devices list|test');
}

/** Runs `work` on the floor's database in DIR, closing it after, whether `work` is quick or waits. */
async function withStore(
  dataDir: string,
  work: (ctx: ServiceContext) => number | Promise<number>,
): Promise<number> {
  const store = new Store(openDatabase(dataDir));
  try {
    return await work({ store, clock: clockFromEnvironment() });
  } finally {
    store.close();
  }
}

function station(
  ctx: ServiceContext,
  args: string[],
  mode: string | undefined,
  name: string | undefined,
  certificate: string,
  counter?: string,
): number {
  const [action, id] = args;
  const desk = (text: string | undefined) => {
    if (text === undefined) return undefined;
    if (!/^\d{1,2}$/.test(text)) throw new UsageError('--counter N: the desk number, e.g. --counter 4');
    return Number(text);
  };
  if (action === 'add') {
    if (!mode || !(stationModes as readonly string[]).includes(mode)) {
      throw new UsageError(`--mode must be one of ${stationModes.join(', ')}`);
    }
    if (!name) throw new UsageError('--name NAME is required');
    if (mode === 'counter' && counter === undefined)
      throw new UsageError('a counter station needs its desk number: --counter N');
    const { station: added, token } = addStation(ctx, commandLine, {
      name,
      mode: mode as StationMode,
      counter: desk(counter),
    });
    const { code } = issuePairingCode(ctx, commandLine, added.id);
    process.stdout.write(
      `Paired ${added.mode} station "${added.name}" (id ${added.id}).\n` +
        `To join from the station's set-up screen, type the pairing code ${code} ` +
        `(good once, for ${pairingCodeMinutes} minutes).\n` +
        certificate +
        `For a browser or a script, its token, shown once:\n${token}\n`,
    );
    return 0;
  }
  if (action === 'pair') {
    if (!id) throw new UsageError('station pair needs the station id');
    const { code } = issuePairingCode(ctx, commandLine, id);
    process.stdout.write(
      `Pairing code for station ${id}: ${code} (good once, for ${pairingCodeMinutes} minutes).\n` +
        certificate,
    );
    return 0;
  }
  if (action === 'list') {
    for (const s of ctx.store.stations.list()) {
      const state = s.revokedAt ? `revoked ${new Date(s.revokedAt).toISOString()}` : 'active';
      const at = s.counter ? `  loket ${s.counter}` : '';
      process.stdout.write(`${s.id}  ${s.mode.padEnd(10)}  ${s.name}${at}  (${state})\n`);
    }
    return 0;
  }
  if (action === 'counter') {
    const number = desk(args[2]);
    if (!id || number === undefined) throw new UsageError('station counter ID N');
    setStationCounter(ctx, commandLine, { stationId: id, counter: number });
    process.stdout.write(`Station ${id} is counter ${number}.\n`);
    return 0;
  }
  if (action === 'revoke') {
    if (!id) throw new UsageError('station revoke needs the station id');
    const revoked = revokeStation(ctx, commandLine, id);
    process.stdout.write(revoked ? `Revoked station ${id}.\n` : `No active station ${id}.\n`);
    return revoked ? 0 : 1;
  }
  if (action === 'printer' || action === 'scanner') {
    const address = args[2];
    if (!id || !address) throw new UsageError(`station ${action} ID ADDRESS`);
    let device: { transport: string } | null;
    try {
      device =
        action === 'printer'
          ? address === 'none'
            ? null
            : parsePrinterAddress(address)
          : parseScannerAddress(address);
    } catch (error) {
      if (error instanceof DeviceAddressError) throw new UsageError(error.message);
      throw error;
    }
    const changed = ctx.store.transaction(() => {
      const done =
        action === 'printer'
          ? ctx.store.stations.setTicketPrinter(id, device)
          : ctx.store.stations.setScanner(id, device);
      if (done) {
        const at = ctx.clock.now();
        ctx.store.events.emit(
          action === 'printer'
            ? {
                type: 'station.printerSet',
                at,
                actor: 'cli',
                station: null,
                payload: { id, printer: device },
              }
            : {
                type: 'station.scannerSet',
                at,
                actor: 'cli',
                station: null,
                payload: { id, scanner: device },
              },
        );
      }
      return done;
    });
    const shown = device ? deviceAddress(device as Parameters<typeof deviceAddress>[0]) : 'none';
    process.stdout.write(
      changed
        ? `Station ${id}: ${action === 'printer' ? 'ticket printer' : 'scanner'} ${shown}.\n`
        : `No station ${id}.\n`,
    );
    return changed ? 0 : 1;
  }
  if (action === 'fingerprint') {
    const address = args[2];
    if (!id || !address)
      throw new UsageError('station fingerprint ID sbi|sbi://127.0.0.1:FROM-TO|simulator|none');
    let reader: FingerprintReaderConfig | null;
    try {
      reader = address === 'none' ? null : fingerprintReaderAddress(address);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const changed = ctx.store.transaction(() => {
      const done = ctx.store.stations.setFingerprintReader(id, reader);
      if (done)
        ctx.store.events.emit({
          type: 'station.fingerprintReaderSet',
          at: ctx.clock.now(),
          actor: 'cli',
          station: null,
          payload: { id, fingerprintReader: reader },
        });
      return done;
    });
    process.stdout.write(changed ? `Station ${id}: fingerprint reader ${address}.\n` : `No station ${id}.\n`);
    return changed ? 0 : 1;
  }
  if (action === 'passport-printer') {
    const address = args[2];
    if (!id || !address)
      throw new UsageError(
        'station passport-printer ID ipp://HOST:631/printers/NAME|sidecar://127.0.0.1:PORT|simulator|none',
      );
    try {
      if (address !== 'none') parsePassportPrinterAddress(address);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const changed = ctx.store.transaction(() => {
      const station = ctx.store.stations.find(id);
      if (!station) return false;
      if (station.mode !== 'print')
        throw new UsageError(`Station ${id} is a ${station.mode} station, not a print station.`);
      ctx.store.stations.setPassportPrinter(id, address === 'none' ? null : address.trim());
      ctx.store.events.emit({
        type: 'station.passportPrinterSet',
        at: ctx.clock.now(),
        actor: 'cli',
        station: null,
        payload: { id, passportPrinter: address === 'none' ? null : address.trim() },
      });
      return true;
    });
    process.stdout.write(changed ? `Station ${id}: passport printer ${address}.\n` : `No station ${id}.\n`);
    return changed ? 0 : 1;
  }
  throw new UsageError('station add|pair|list|revoke|printer|scanner|fingerprint|passport-printer');
}

async function user(
  ctx: ServiceContext,
  args: string[],
  options: { username?: string; name?: string; role?: string; pinFromStdin: boolean },
): Promise<number> {
  const [action, username] = args;
  const role = options.role;
  if (role !== undefined && !(userRoles as readonly string[]).includes(role))
    throw new UsageError(`--role must be one of ${userRoles.join(', ')}`);
  // The PIN never appears on the command line (shell history, the process list): asked for without
  // echo at a terminal, or the first line of stdin.
  const secret = async (prompt: string) => {
    try {
      return await readSecret(prompt, true);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  if (action === 'add') {
    if (!options.username || !options.name || !role)
      throw new UsageError('user add --username U --name NAME --role ROLE, with the PIN on stdin');
    const added = addUser(ctx, commandLine, {
      username: options.username,
      name: options.name,
      role: role as UserRole,
      secret: await secret('PIN'),
    });
    process.stdout.write(`Added ${added.role} ${added.username} (${added.name}).\n`);
    return 0;
  }
  if (action === 'set' || action === 'disable' || action === 'enable') {
    if (!username) throw new UsageError(`user ${action} USERNAME`);
    // No one is asked for a PIN for an account that is not there.
    if (options.pinFromStdin && !ctx.store.officers.userNamed(username.trim().toLowerCase()))
      throw new LoketError('NOT_FOUND', {
        id: `Tidak ada pengguna ${username}.`,
        en: `No user ${username}.`,
      });
    const pin = options.pinFromStdin ? await secret('New PIN') : null;
    const changed = changeUser(ctx, commandLine, username, {
      ...(options.name ? { name: options.name } : {}),
      ...(role ? { role: role as UserRole } : {}),
      ...(pin !== null ? { secret: pin } : {}),
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

async function importFile(
  dataDir: string,
  file: string | undefined,
  formatOption: string | undefined,
): Promise<number> {
  if (!file)
    throw new UsageError(
      `${typed.command === 'appointments' ? 'appointments import' : 'import-appointments'} needs a FILE`,
    );
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
  throw new UsageError('office show|set|apply-quota');
}

/**
 * What a failed command prints: its one line and where to read more (that command's help, not the
 * whole usage), with the word probably meant when one was mistyped. A data folder that cannot be
 * made, and any other error of the file system, is one plain line; only a fault of Loket itself
 * shows its stack.
 */
function explain(error: unknown): string[] {
  const command = typed.command && commandsOf(usage).includes(typed.command) ? typed.command : null;
  if (error instanceof UsageError) {
    const unknown = /^unknown command: (.*)$/.exec(error.message);
    if (unknown) {
      const guess = didYouMeanLine(unknown[1] as string, [...commandsOf(usage), 'help'], (c) => `loket ${c}`);
      return [error.message, ...(guess ? [guess] : []), seeLine(null)];
    }
    // `station add|pair|…`: the action is missing or not one of these.
    const actions = command ? new RegExp(`^${command} ((?:[\\w-]+\\|)+[\\w-]+)$`).exec(error.message) : null;
    if (command && actions) {
      const known = (actions[1] as string).split('|');
      if (!typed.action) return [`${command} needs one of: ${known.join(', ')}`, seeLine(command)];
      const guess = didYouMeanLine(typed.action, known, (c) => `loket ${command} ${c}`);
      return [`unknown ${command} command: ${typed.action}`, ...(guess ? [guess] : []), seeLine(command)];
    }
    return [error.message, seeLine(command)];
  }
  if (isLoketError(error)) return [`${error.code}: ${error.text.en}`];
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    const option = /Unknown option '([^']+)'/.exec(error.message);
    if (option) {
      const guess = didYouMeanLine(option[1] as string, optionNames());
      return [`unknown option ${option[1]}`, ...(guess ? [guess] : []), seeLine(command)];
    }
    return [error.message.split(/(?<=\.) /)[0] as string, seeLine(command)];
  }
  const system = error as NodeJS.ErrnoException | null;
  if (system instanceof Error && typeof system.code === 'string' && typeof system.syscall === 'string') {
    const place = typeof system.path === 'string' ? system.path : null;
    if (
      dataFolder &&
      place &&
      (dataFolder === place || dataFolder.startsWith(`${place}/`) || place.startsWith(`${dataFolder}/`))
    )
      return [
        `cannot use the data folder ${dataFolder}: ${whyNot(system.code, place, dataFolder)}`,
        'Choose another folder with --data DIR (or LOKET_DATA).',
      ];
    return [`${system.message}`];
  }
  return [error instanceof Error ? (error.stack ?? error.message) : String(error)];
}

/** Why a folder could not be made or opened, in words. */
function whyNot(code: string, place: string, folder: string): string {
  if (code === 'ENOTDIR' || code === 'EEXIST')
    return `${nearestFile(folder) ?? place} is a file, not a folder`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied at ${place}`;
  if (code === 'EROFS') return `${place} is on a read-only file system`;
  if (code === 'ENOSPC') return 'the disk is full';
  return `${code} at ${place}`;
}

/** The first part of `folder`'s path that exists and is not a folder. */
function nearestFile(folder: string): string | null {
  for (let part = folder; part !== path.dirname(part); part = path.dirname(part)) {
    try {
      if (!fs.statSync(part).isDirectory()) return part;
    } catch {
      // Not there (yet): look higher up.
    }
  }
  return null;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    for (const line of explain(error)) process.stderr.write(`loket: ${line}\n`);
    process.exitCode = 1;
  },
);
