import type { ImportSummary } from '../api/views.ts';
import { counterOf } from '../domain/floor.ts';
import { LoketError } from '../domain/errors.ts';
import { instantAt, isoInstant, localDateOf, type LocalDate } from '../domain/localTime.ts';
import { defaultOfficeConfig, type OfficeConfig } from '../domain/office.ts';
import { sampleDay } from '../domain/sampleDay.ts';
import type { UserRole } from '../domain/roles.ts';
import type { StationMode } from '../domain/roles.ts';
import type { Caller, ServiceContext } from './context.ts';
import { importAppointments } from './importAppointments.ts';
import { addUser } from './officers.ts';
import type { Officer } from './officers.ts';
import { pickupTimingOf } from './pickup.ts';
import { addStation } from './stations.ts';

export { trainingDate, trainingStartsAt } from '../domain/sampleDay.ts';

/** A station of the training floor, with what a trainee needs to open it in a browser. */
export interface TrainingStation {
  id: string;
  name: string;
  mode: StationMode;
  /** Shown once, here: the training sheet is the only place it is written down. */
  token: string;
  /** The page the hub serves for it: `/kiosk`, `/counter`, … */
  path: string;
  /** For a counter station: the desk number to choose at sign-in, and what it serves. */
  desk?: { number: number; serves: string };
}

export interface TrainingOfficer {
  username: string;
  name: string;
  role: UserRole;
  pin: string;
}

export interface TrainingFloor {
  date: LocalDate;
  office: string;
  stations: TrainingStation[];
  officers: TrainingOfficer[];
  bookings: ImportSummary;
  /** A few bookings of the day to check in with: the first of the early windows and a priority one. */
  examples: { bookingCode: string; nik: string; fullName: string; window: string; lane: string }[];
}

/** Training accounts: the same on every training floor, printed on the training sheet. */
export const trainingOfficers: readonly TrainingOfficer[] = [
  { username: 'petugas1', name: 'Petugas Latihan 1', role: 'officer', pin: '111111' },
  { username: 'petugas2', name: 'Petugas Latihan 2', role: 'officer', pin: '111111' },
  { username: 'petugas3', name: 'Petugas Latihan 3', role: 'officer', pin: '111111' },
  { username: 'spv', name: 'Supervisor Latihan', role: 'supervisor', pin: '999999' },
  { username: 'cetak', name: 'Operator Cetak Latihan', role: 'print_operator', pin: '222222' },
];

const trainer: Caller = { stationId: null, actor: 'training' };

/** The office of the training floor: the default configuration, named so nobody mistakes it. */
export function trainingOffice(speed = 1): OfficeConfig {
  return {
    ...defaultOfficeConfig,
    name: `${defaultOfficeConfig.name} (LATIHAN)`,
    // A clock running N times faster locks an idle officer N times sooner in real time: keep the
    // lock at the same real time.
    floor: {
      ...defaultOfficeConfig.floor,
      idleLockMinutes: Math.min(240, Math.round(defaultOfficeConfig.floor.idleLockMinutes * speed)),
    },
  };
}

/**
 * Seeds a fresh training database: the office, a sample day of bookings for `date` (imported and
 * validated like a real list), a kiosk with a simulated printer and scanner, three counters (the
 * interview desks with a simulated fingerprint reader and receipt printer), a board, a supervisor
 * console, a print station with a simulated passport printer and document reader, and the
 * training officers: enough to take a passport from check-in to handover. All or nothing; refused on a database
 * that already has stations or bookings, so it can never fill a real floor with invented citizens.
 */
export function setUpTrainingFloor(
  ctx: ServiceContext,
  options: { date: LocalDate; speed?: number },
): TrainingFloor {
  return ctx.store.transaction(() => {
    if (ctx.store.stations.list().length > 0 || ctx.store.bookings.count() > 0)
      throw new LoketError('CONFLICT', {
        id: 'Lantai latihan hanya disiapkan di basis data yang baru.',
        en: 'A training floor is only set up in a fresh database.',
      });
    const office = trainingOffice(options.speed);
    const at = ctx.clock.now();
    ctx.store.office.save(office, at);
    ctx.store.events.emit({
      type: 'office.updated',
      at,
      actor: trainer.actor,
      station: null,
      payload: { changes: ['(training floor)'], config: office },
    });

    const day = sampleDay(office, options.date);
    const bookings = importAppointments(ctx, trainer, { format: 'json', content: JSON.stringify(day) });
    if (bookings.rejected.length)
      throw new Error(`the sample day has rejected bookings: ${JSON.stringify(bookings.rejected[0])}`);

    const station = (mode: StationMode, name: string, desk?: number): TrainingStation => {
      const { station: added, token } = addStation(ctx, trainer, {
        mode,
        name,
        ...(mode === 'counter' && desk !== undefined ? { counter: desk } : {}),
      });
      const counter = desk === undefined ? null : counterOf(office.floor, desk);
      const serves = counter?.stages
        .map((id) => office.floor.stages.find((s) => s.id === id)?.name.en ?? id)
        .join(', ');
      return {
        id: added.id,
        name: added.name,
        mode,
        token,
        path: `/${mode}`,
        ...(desk !== undefined ? { desk: { number: desk, serves: serves ?? '' } } : {}),
      };
    };
    const kiosk = station('kiosk', 'Kios Latihan');
    // The kiosk's printer and scanner live inside the hub: nothing to plug in, and they fail on command.
    const simulator = { transport: 'simulator' };
    ctx.store.stations.setTicketPrinter(kiosk.id, simulator);
    ctx.store.stations.setScanner(kiosk.id, simulator);
    const by = { at, actor: trainer.actor, station: null };
    ctx.store.events.emit({
      ...by,
      type: 'station.printerSet',
      payload: { id: kiosk.id, printer: simulator },
    });
    ctx.store.events.emit({
      ...by,
      type: 'station.scannerSet',
      payload: { id: kiosk.id, scanner: simulator },
    });
    const desks = trainingDesks(office).map((desk) => station('counter', `Loket ${desk}`, desk));
    // Interview counters take fingerprints from a simulated reader (a real SBI service on loopback)
    // and print the receipt on a simulated receipt printer inside the hub.
    for (const desk of desks)
      if (desk.desk && counterOf(office.floor, desk.desk.number)?.stages.includes(office.interview.stage)) {
        ctx.store.stations.setFingerprintReader(desk.id, simulator);
        ctx.store.events.emit({
          type: 'station.fingerprintReaderSet',
          at,
          actor: trainer.actor,
          station: null,
          payload: { id: desk.id, fingerprintReader: simulator },
        });
        ctx.store.stations.setTicketPrinter(desk.id, simulator);
        ctx.store.events.emit({
          ...by,
          type: 'station.printerSet',
          payload: { id: desk.id, printer: simulator },
        });
      }
    // The print station prints on a simulated passport printer inside the hub (its data pages kept
    // as files in the training folder) and reads them back on a simulated document reader.
    const print = station('print', 'Cetak Paspor Latihan');
    ctx.store.stations.setScanner(print.id, simulator);
    ctx.store.events.emit({
      ...by,
      type: 'station.scannerSet',
      payload: { id: print.id, scanner: simulator },
    });
    ctx.store.stations.setPassportPrinter(print.id, 'simulator');
    ctx.store.events.emit({
      type: 'station.passportPrinterSet',
      at,
      actor: trainer.actor,
      station: null,
      payload: { id: print.id, passportPrinter: 'simulator' },
    });
    // The help desk looks citizens up, checks them in on their behalf and reprints tickets on its
    // own simulated printer.
    const helpDesk = station('helpdesk', 'Meja Bantuan Latihan');
    ctx.store.stations.setTicketPrinter(helpDesk.id, simulator);
    ctx.store.events.emit({
      ...by,
      type: 'station.printerSet',
      payload: { id: helpDesk.id, printer: simulator },
    });
    const stations = [
      kiosk,
      ...desks,
      station('display', 'Papan Latihan'),
      station('supervisor', 'Supervisor Latihan'),
      print,
      helpDesk,
    ];

    for (const officer of trainingOfficers)
      addUser(ctx, trainer, {
        username: officer.username,
        name: officer.name,
        role: officer.role,
        secret: officer.pin,
      });

    const windows = [...new Set(day.map((a) => a.windowStart))];
    const examples = [
      ...windows.slice(0, 3).map((start) => day.find((a) => a.windowStart === start && a.lane === 'regular')),
      day.find((a) => a.lane === 'lansia'),
    ]
      .filter((a) => a !== undefined)
      .map((a) => ({
        bookingCode: a.bookingCode,
        nik: a.nik,
        fullName: a.fullName,
        window: `${a.windowStart}–${a.windowEnd}`,
        lane: a.lane,
      }));

    ctx.store.events.emit({
      type: 'training.floorSetUp',
      at,
      actor: trainer.actor,
      station: null,
      payload: { date: options.date, bookings: bookings.created, stations: stations.length },
    });
    return {
      date: options.date,
      office: office.name,
      stations,
      officers: [...trainingOfficers],
      bookings,
      examples,
    };
  });
}

/**
 * The three desks the training counters sit at: the first desk of each stage, then more desks of
 * the later stages, where a visit takes longest (with the default floor: 1, 3 and 7, the pickup desk).
 */
function trainingDesks(office: OfficeConfig, count = 3): number[] {
  const desks: number[] = [];
  for (const stage of office.floor.stages) {
    const first = office.floor.counters.find((c) => c.stages.includes(stage.id) && !desks.includes(c.number));
    if (first && desks.length < count) desks.push(first.number);
  }
  for (const stage of [...office.floor.stages].reverse())
    for (const counter of office.floor.counters)
      if (desks.length < count && counter.stages.includes(stage.id) && !desks.includes(counter.number))
        desks.push(counter.number);
  return desks.sort((a, b) => a - b);
}

/** How far a trainer may move the training clock in one go: past any pickup promise of the sample day. */
const furthestJumpDays = 366;

const notTraining = (): LoketError =>
  new LoketError('FORBIDDEN', {
    id: 'Jam hanya dapat dimajukan di lantai latihan. Lantai ini lantai sungguhan: jamnya tidak diubah.',
    en: 'The clock can only be moved forward on a training floor. This is a real floor: its clock is unchanged.',
  });

/**
 * The earliest moment a ready passport of the training floor can be collected: its pickup date
 * (or the next working day) at the opening of the office's pickup hours.
 */
function firstPickupInstant(ctx: ServiceContext): number {
  const office = ctx.store.office.get();
  let first: number | null = null;
  for (const job of ctx.store.printJobs.inState('ready')) {
    const application = ctx.store.applications.find(job.applicationId);
    if (!application?.pickupDate) continue;
    const timing = pickupTimingOf(ctx, application.pickupDate);
    if (timing.kind === 'now')
      throw new LoketError('CONFLICT', {
        id: `Paspor ${application.number} sudah dapat diambil sekarang; jam tidak perlu dimajukan.`,
        en: `Passport ${application.number} can be collected now; the clock need not move.`,
      });
    const instant = instantAt(timing.date, timing.open, office.timeZone);
    if (first === null || instant < first) first = instant;
  }
  if (first === null)
    throw new LoketError('CONFLICT', {
      id: 'Belum ada paspor yang siap diambil. Selesaikan cetak dan pemeriksaan mutu (QC) dahulu.',
      en: 'No passport is ready for pickup yet. Finish printing and the quality check first.',
    });
  return first;
}

/**
 * A supervisor moves a training floor's clock forward: to the pickup hours of the first ready
 * passport (`pickup`), or to an instant. Only on a training floor, only forward, logged naming the
 * officer with both times. Officers idle past the lock time by then unlock with their PIN.
 */
export function advanceTrainingClock(
  ctx: ServiceContext,
  caller: Caller & { officer?: Officer },
  input: { to: 'pickup' | string },
): { from: string; to: string; date: LocalDate } {
  const clock = ctx.trainingClock;
  if (!ctx.training || !clock) throw notTraining();
  const { timeZone } = ctx.store.office.get();
  const from = clock.now();
  const to = input.to === 'pickup' ? firstPickupInstant(ctx) : Date.parse(input.to);
  if (!Number.isFinite(to))
    throw new LoketError('INVALID_INPUT', {
      id: 'Waktu tujuan bukan waktu yang sah (contoh: 2026-12-04T13:00:00+08:00).',
      en: 'The time to move to is not a valid time (e.g. 2026-12-04T13:00:00+08:00).',
    });
  if (to <= from)
    throw new LoketError('CONFLICT', {
      id: `Jam latihan hanya dapat dimajukan, tidak dimundurkan: sekarang ${isoInstant(from, timeZone).slice(0, 16).replace('T', ' ')}.`,
      en: `The training clock only moves forward, never back: it is now ${isoInstant(from, timeZone).slice(0, 16).replace('T', ' ')}.`,
    });
  if (to - from > furthestJumpDays * 24 * 60 * 60_000)
    throw new LoketError('INVALID_INPUT', {
      id: 'Jam latihan dimajukan paling jauh satu tahun sekaligus.',
      en: 'The training clock moves at most a year ahead at once.',
    });
  ctx.store.transaction(() =>
    ctx.store.events.emit({
      type: 'training.clockAdvanced',
      at: to,
      actor: caller.actor,
      station: caller.stationId,
      payload: {
        from: isoInstant(from, timeZone),
        to: isoInstant(to, timeZone),
        target: input.to === 'pickup' ? 'pickup' : 'instant',
        officer: caller.officer
          ? { id: caller.officer.user.id, name: caller.officer.user.name, role: caller.officer.user.role }
          : null,
      },
    }),
  );
  clock.jumpTo(to);
  return { from: isoInstant(from, timeZone), to: isoInstant(to, timeZone), date: localDateOf(to, timeZone) };
}
