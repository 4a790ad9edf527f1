import fs from 'node:fs';
import path from 'node:path';
import type { MovableClock } from '../domain/clock.ts';
import { isoInstant, spokenDate } from '../domain/localTime.ts';
import {
  setUpTrainingFloor,
  trainingDate,
  trainingOffice,
  trainingStartsAt,
  type TrainingFloor,
} from '../services/training.ts';
import { databaseFileName, openDatabase } from '../store/db.ts';
import { stationModes, type StationMode } from '../domain/roles.ts';
import { Store } from '../store/store.ts';
import { trainingDataPagesFolder } from '../devices/passportPrinters.ts';
import { trainingClock } from './clock.ts';

/**
 * The training mode's floor on disk: its own folder, recreated at every start, and the sheet a
 * trainer hands out. The real floor's folder is never opened here.
 */

/** Marks a folder as a training floor's: only in such a folder is a database ever deleted. */
export const trainingMarkerFile = 'LATIHAN-TRAINING.txt';

/** A folder that holds a Loket database which is not a training floor's. */
export class NotATrainingFolder extends Error {}

/**
 * Empties a training folder for a fresh start: deletes Loket's own database files there
 * (`loket.db` and its `-wal`, `-shm`, `-journal`) and the data pages its simulated passport
 * printer kept, and nothing else, and only where the folder is
 * marked as a training folder or holds no database yet.
 */
export function resetTrainingFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const marker = path.join(dir, trainingMarkerFile);
  const database = path.join(dir, databaseFileName);
  if (fs.existsSync(database) && !fs.existsSync(marker))
    throw new NotATrainingFolder(
      `${dir} holds a Loket database that is not a training floor's; it is left alone`,
    );
  // The mark goes first: a start interrupted after it still finds the folder marked next time.
  fs.writeFileSync(
    marker,
    'Loket training floor (LATIHAN). Its database is deleted and created anew at every training start.\n',
  );
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${database}${suffix}`, { force: true });
  // The data pages the last session's simulated passport printer kept (invented citizens only).
  fs.rmSync(path.join(dir, trainingDataPagesFolder), { recursive: true, force: true });
}

export interface TrainingSession {
  floor: TrainingFloor;
  /**
   * Starts at `startAt`, or a few minutes before the sample day opens, and runs at `speed`; a
   * supervisor may move it forward (`trainingAdvanceClock`), to a passport's pickup hours.
   */
  clock: MovableClock;
  startAt: number;
  speed: number;
  timeZone: string;
}

/**
 * Recreates the training floor in `dir`: a fresh database seeded with the sample day of the
 * office's next open day (from `startAt`, or from now), and the clock that plays it.
 */
export function openTrainingFloor(
  dir: string,
  options: { startAt?: number | undefined; speed?: number | undefined } = {},
): TrainingSession {
  resetTrainingFolder(dir);
  const speed = options.speed ?? 1;
  const office = trainingOffice(speed);
  const date = trainingDate(office, options.startAt ?? Date.now());
  const startAt = options.startAt ?? trainingStartsAt(office, date);
  const clock = trainingClock(startAt, undefined, speed);
  const store = new Store(openDatabase(dir));
  try {
    const floor = setUpTrainingFloor({ store, clock }, { date, speed });
    return { floor, clock, startAt, speed, timeZone: office.timeZone };
  } finally {
    store.close();
  }
}

/** How fast a training clock may run: real time up to sixty times as fast. */
export const isTrainingSpeed = (speed: number): boolean =>
  Number.isFinite(speed) && speed >= 1 && speed <= 60;

const loud = '*** LATIHAN / TRAINING — bukan lantai sungguhan / not a real floor ***';

/**
 * The training sheet: the hub, each station's page with its token, the officers' usernames and
 * PINs, and bookings to try. Printed once at start; the tokens are not kept anywhere else.
 */
export function trainingSheet(
  session: TrainingSession,
  hubUrl: string,
  extra: { exitPin?: string } = {},
): string {
  const { floor } = session;
  const start = isoInstant(session.startAt, session.timeZone);
  const rule = '='.repeat(loud.length);
  const pad = (text: string, width: number) => text.padEnd(width);
  const lines = [
    rule,
    loud,
    rule,
    floor.office,
    `Hari contoh / Sample day: ${spokenDate(floor.date, 'en')} — ${floor.bookings.created} bookings`,
    `Jam / Clock: starts ${start.slice(0, 10)} ${start.slice(11, 16)}, ${session.speed}× real time`,
    `Hub: ${hubUrl}`,
    '',
    'Stasiun / Stations — open the page in a browser and sign in once with the token:',
    ...floor.stations.map((s) => {
      const note = s.desk
        ? `desk ${s.desk.number}: ${s.desk.serves}`
        : s.mode === 'kiosk'
          ? 'simulated printer and scanner'
          : s.mode === 'print'
            ? 'simulated passport printer and document reader'
            : '';
      return `  ${pad(s.name, 20)} ${pad(`${hubUrl}${s.path}`, 36)} token ${s.token}${note ? `  (${note})` : ''}`;
    }),
    '',
    'Petugas / Officers — username, PIN:',
    ...floor.officers.map(
      (o) =>
        `  ${pad(o.username, 10)} ${pad(o.pin, 8)} ${pad(o.role, 11)} ${o.role === 'supervisor' ? 'counters and the supervisor console' : 'counters'}`,
    ),
    ...(extra.exitPin ? ['', `PIN keluar / Exit PIN of this station: ${extra.exitPin}`] : []),
    '',
    'Satu paspor dari awal sampai akhir / One passport end to end: kiosk → desk of the document',
    'check → interview desk (simulated fingerprint reader, camera, receipt printer) → supervisor',
    'console, Adjudikasi → print station: Buku paspor, receive X0000001–X0000050 and confirm as',
    `spv; scan X0000001 for the head job, print (the data page is kept in ${trainingDataPagesFolder}/),`,
    'then on "Tercetak, menunggu QC" lay it on the simulated document reader. The pickup comes days',
    'later: supervisor console, "Maju ke jam pengambilan (latihan)" → kiosk: scan the receipt, take',
    'P-001 → pickup desk: "Panggil berikutnya", the handover panel opens on the passport.',
    '',
    'Coba di kios / Try at the kiosk — type the booking code or the NIK:',
    ...floor.examples.map(
      (e) => `  ${pad(e.bookingCode, 16)} ${e.nik}  ${pad(e.fullName, 32)} ${e.window}  ${e.lane}`,
    ),
    rule,
    loud,
    rule,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * What `npm start -- --training [--mode MODE] [--speed N]` asks of the desktop app: a training
 * floor, and which of its stations this window is (the kiosk unless told).
 */
export function trainingRequest(argv: readonly string[]): { mode: StationMode; speed: number } | null {
  if (!argv.includes('--training')) return null;
  const valueOf = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    if (at >= 0) return argv[at + 1];
    return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const mode = valueOf('mode');
  const speed = Number(valueOf('speed') ?? '1');
  return {
    mode: stationModes.find((m) => m === mode) ?? 'kiosk',
    speed: isTrainingSpeed(speed) ? speed : 1,
  };
}
