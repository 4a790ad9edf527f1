// A year of a floor's history, generated into a real floor database (a data folder's `loket.db`,
// migrated) for the `reports` section of the bench: visits with their queue entries at the floor's
// stages, period rows, calls, counter periods, tickets and bookings, applications, print jobs and
// handovers, and the events a day writes, chained through the store's own `EventLog.emit`.
//
// Deterministic (one seeded PRNG) and fast: one write transaction per office day, the store's
// repositories (prepared statements), no service call per visit. Officers, stations and the floor's
// twelve counters are made through the services, as an office would.
//
// The volume (1,000 visits a working day on 12 counters) is four times the Denpasar
// office's, and more than 12 desks can serve at 3–15 minutes a visit: waits and service times are
// drawn from the distributions the issue names (waits 0–60 min, service 3–15 min), each ticket's
// periods follow one another without gaps, and a desk's services may overlap. A counter's own
// periods (available, serving, on a break with its reason, closed) are then the union of its
// services, its break and the gaps between them, so they never overlap one another.
import { randomUUID } from 'node:crypto';
import { ManualClock } from '../../src-main/domain/clock.ts';
import type { Appointment } from '../../src-main/domain/appointment.ts';
import type { ApplicationKind } from '../../src-main/domain/applicationKinds.ts';
import { defaultFloorConfig } from '../../src-main/domain/floor.ts';
import type { LaneId } from '../../src-main/domain/laneIds.ts';
import { instantAt, plusDays, timeOfDayFrom, weekdayOf } from '../../src-main/domain/localTime.ts';
import { composeNik } from '../../src-main/domain/nik.ts';
import { laneOf, windowNumberAt } from '../../src-main/domain/office.ts';
import type { BreakReason, EntryStatus } from '../../src-main/domain/states.ts';
import { ticketNumber, type TicketRecord } from '../../src-main/domain/ticket.ts';
import { applicationNumber } from '../../src-main/services/applications.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { ApplicationRecord } from '../../src-main/store/applications.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { eventOf, type EventInput } from '../../src-main/store/events.ts';
import type { PrintJobRecord } from '../../src-main/store/printJobs.ts';
import type { QueueEntry } from '../../src-main/store/queue.ts';
import { Store } from '../../src-main/store/store.ts';

export interface HistoryOptions {
  /** Working days (Monday to Friday) of history, ending on `lastDay`. */
  days: number;
  visitsPerDay: number;
  /** The last office day of the history (a weekday); the bench's check-in day is the Monday after. */
  lastDay?: string;
  seed?: number;
  log?: (line: string) => void;
}

/** What was written, counted as it was written. */
export interface HistorySummary {
  firstDay: string;
  lastDay: string;
  days: number;
  visits: number;
  queueEntries: number;
  periods: number;
  /** Entries still waiting when their day closed (walk-outs): their waiting period stays open. */
  walkOuts: number;
  /** Priority lanes chosen at the kiosk, each decided at the documents desk. */
  priorityClaims: number;
  calls: number;
  outOfOrderCalls: number;
  counterPeriods: number;
  applications: number;
  printJobs: number;
  handovers: number;
  events: number;
  ms: number;
}

/** The history's default end: the Friday before the bench's check-in day (Monday 30 November 2026). */
export const historyLastDay = '2026-11-27';
export const yearOfHistory = { days: 250, visitsPerDay: 1000 } as const;

const minute = 60_000;
const documentsCounters = [1, 2, 3];
const interviewCounters = [4, 5, 6, 7, 8, 9, 10];
const pickupCounters = [11, 12];
/** Arrival windows 08:00–09:00 … 14:00–15:00. */
const windowStarts = [480, 540, 600, 660, 720, 780, 840];
const priorityLanes: LaneId[] = ['lansia', 'disabilitas', 'hamil', 'balita'];

/** mulberry32: a tiny seeded PRNG, so the same options write the same history. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Uniform in [lo, hi). */
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}
type Random = ReturnType<typeof prng>;

/** Luxon is slow for a million look-ups of a few hundred dates: each answer is kept. */
function remembered<R>(of: (key: string) => R): (...args: (string | number)[]) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const key = args.join('|');
    let value = known.get(key);
    if (value === undefined) {
      value = of(key);
      known.set(key, value);
    }
    return value;
  };
}

const isWeekday = remembered((date) => !['sat', 'sun'].includes(weekdayOf(date)));
const instantOn = remembered((key) => {
  const [date, time, zone] = key.split('|') as [string, string, string];
  return instantAt(date, time, zone);
});

/** The working days ending on `lastDay`, oldest first. */
export function workingDaysEnding(lastDay: string, count: number): string[] {
  const days: string[] = [];
  for (let day = lastDay; days.length < count; day = plusDays(day, -1)) if (isWeekday(day)) days.push(day);
  return days.reverse();
}

const addWorkingDays = remembered((key) => {
  const [date, n] = key.split('|') as [string, string];
  let day = date;
  for (let left = Number(n); left > 0;) {
    day = plusDays(day, 1);
    if (isWeekday(day)) left -= 1;
  }
  return day;
});

/** Minutes 0–60, most of them short: a floor's waits. */
const waitMinutes = (r: Random) => 60 * r.next() ** 2;

interface Interval {
  start: number;
  end: number;
}

/** One office day's desks: who sits where, their breaks, and what each served when. */
class DeskDay {
  readonly busyUntil = new Map<number, number>();
  readonly services = new Map<number, Interval[]>();
  readonly breaks = new Map<number, Interval & { reason: BreakReason }>();

  constructor(
    readonly officerAt: Map<number, string>,
    readonly stationAt: Map<number, string>,
  ) {}

  /** The desk of a stage free soonest and not on a break at `at`. */
  choose(desks: readonly number[], at: number): number {
    let best = desks[0] as number;
    let bestFree = Infinity;
    for (const desk of desks) {
      const pause = this.breaks.get(desk);
      if (pause && at >= pause.start && at < pause.end) continue;
      const free = this.busyUntil.get(desk) ?? 0;
      if (free < bestFree) {
        best = desk;
        bestFree = free;
      }
    }
    return best;
  }

  served(desk: number, start: number, end: number): void {
    this.busyUntil.set(desk, Math.max(this.busyUntil.get(desk) ?? 0, end));
    const list = this.services.get(desk) ?? [];
    list.push({ start, end });
    this.services.set(desk, list);
  }
}

interface PickupTask {
  ticket: TicketRecord;
  application: ApplicationRecord;
  job: PrintJobRecord;
}

/**
 * Generates the history into `dataDir` (created and migrated if new). Answers what it wrote.
 */
export function generateHistory(dataDir: string, options: HistoryOptions): HistorySummary {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const r = prng(options.seed ?? 21);
  const days = workingDaysEnding(options.lastDay ?? historyLastDay, options.days);
  const firstDay = days[0] as string;
  const lastDay = days[days.length - 1] as string;
  const store = new Store(openDatabase(dataDir));
  // A year's indexes keyed by random ids outgrow SQLite's default 2 MB page cache many times over:
  // without room, every insert reads its index pages back from disk.
  store.db.pragma('cache_size = -1048576');
  const clock = new ManualClock(instantAt(firstDay, '07:00', 'Asia/Makassar'));
  const ctx: ServiceContext = { store, clock };
  const count: Omit<HistorySummary, 'firstDay' | 'lastDay' | 'days' | 'ms'> = {
    visits: 0,
    queueEntries: 0,
    periods: 0,
    walkOuts: 0,
    priorityClaims: 0,
    calls: 0,
    outOfOrderCalls: 0,
    counterPeriods: 0,
    applications: 0,
    printJobs: 0,
    handovers: 0,
    events: 0,
  };
  try {
    // The floor: documents at desks 1–3, interviews at 4–10, pickup at 11–12; one station per desk.
    const lanes = [...defaultFloorConfig.counters[0]!.lanes];
    const counters = [
      ...documentsCounters.map((number) => ({ number, stages: ['documents'], lanes })),
      ...interviewCounters.map((number) => ({ number, stages: ['interview'], lanes })),
      ...pickupCounters.map((number) => ({ number, stages: ['pickup'], lanes })),
    ];
    const office = changeOffice(ctx, commandLine, [{ path: 'floor.counters', value: counters }]);
    const tz = office.timeZone;
    const stationOf = new Map<number, string>();
    for (const { number } of counters)
      stationOf.set(
        number,
        addStation(ctx, commandLine, { mode: 'counter', name: `Loket ${number}`, counter: number }).station
          .id,
      );
    const kiosks = [1, 2, 3].map(
      (n) => addStation(ctx, commandLine, { mode: 'kiosk', name: `Kios Riwayat ${n}` }).station.id,
    );
    // Thirty officers (three of them supervisors, who also decide applications), each a real account.
    const officers = Array.from({ length: 30 }, (_, i) =>
      addUser(ctx, commandLine, {
        username: `petugas${String(i + 1).padStart(2, '0')}`,
        name: `Petugas Riwayat ${i + 1}`,
        role: i < 3 ? 'supervisor' : 'officer',
        secret: String(428_100 + i * 37),
      }),
    );
    const supervisors = officers.slice(0, 3).map((o) => o.id);
    const reasons = office.floor.outOfOrderReasons.map((reason) => reason.code);
    const pickups = new Map<string, PickupTask[]>();
    const dayIndex = new Map(days.map((d, i) => [d, i]));
    const endOfHistory = instantAt(lastDay, '17:00', tz);

    days.forEach((day, d) => {
      const midnight = instantAt(day, '00:00', tz);
      const t = (minutes: number) => midnight + Math.round(minutes * minute);
      const officerAt = new Map<number, string>();
      for (const { number } of counters)
        officerAt.set(number, officers[(d * 7 + number) % officers.length]!.id);
      const desks = new DeskDay(officerAt, stationOf);
      // Every desk takes one break: lunch (istirahat), Friday prayers (sholat), now and then a
      // meeting or a breakdown; staggered so a stage always has a desk open.
      for (const { number } of counters) {
        const friday = weekdayOf(day) === 'fri';
        const reason: BreakReason =
          friday && number % 2 === 0
            ? 'sholat'
            : r.chance(0.05)
              ? r.pick(['rapat', 'gangguan'] as const)
              : 'istirahat';
        const start = reason === 'sholat' ? 11 * 60 + 40 : 11 * 60 + 30 + (number % 4) * 25;
        desks.breaks.set(number, { start: t(start), end: t(start + r.between(20, 45)), reason });
      }
      const dayEvents: EventInput[] = [];
      const refusedClaims = new Set<string>();
      const emit = (event: EventInput) => dayEvents.push(event);

      store.transaction(() => {
        const queueEvent = (
          type:
            | 'ticket.called'
            | 'ticket.recalled'
            | 'ticket.serving'
            | 'ticket.completed'
            | 'ticket.noShow'
            | 'ticket.held'
            | 'ticket.released'
            | 'ticket.transferred',
          entry: QueueEntry,
          desk: number,
          when: number,
          extra: object = {},
        ) =>
          emit(
            eventOf(
              type,
              { at: when, actor: officerAt.get(desk) as string, station: stationOf.get(desk) as string },
              {
                entryId: entry.id,
                ticketId: entry.ticketId,
                number: entry.number,
                stage: entry.stage,
                counter: desk,
                ...extra,
              },
            ),
          );
        /** The entry's periods, one after another: [state, from][] then the end of the last. */
        const periods = (
          entry: QueueEntry,
          steps: [EntryStatus, number, number | null][],
          end: number | null,
        ) => {
          for (const [state, from, desk] of steps) {
            store.queue.enterPeriod(
              entry,
              state,
              from,
              desk === null ? null : (officerAt.get(desk) as string),
              desk,
            );
            count.periods += 1;
          }
          if (end !== null) store.queue.enterPeriod(entry, null, end, null, null);
        };
        const call = (
          entry: QueueEntry,
          desk: number,
          when: number,
          kind: 'next' | 'recall' | 'specific',
          reason: string | null,
        ) => {
          store.queue.addCall({
            officeDate: day,
            entryId: entry.id,
            ticketId: entry.ticketId,
            number: entry.number,
            stage: entry.stage,
            counter: desk,
            officerId: officerAt.get(desk) as string,
            at: when,
            kind,
            reason,
          });
          count.calls += 1;
          if (kind === 'specific') count.outOfOrderCalls += 1;
          if (kind === 'recall') queueEvent('ticket.recalled', entry, desk, when, { kind: 'recall' });
          else queueEvent('ticket.called', entry, desk, when, { kind, ...(reason ? { reason } : {}) });
        };
        const newEntry = (
          ticket: TicketRecord,
          stage: string,
          number: string,
          windowStart: number,
          placedAt: number,
          status: EntryStatus,
          desk: number | null,
          updatedAt: number,
          onlyCounter: number | null = null,
        ): QueueEntry => {
          const entry: QueueEntry = {
            id: randomUUID(),
            ticketId: ticket.id,
            officeDate: day,
            stage,
            number,
            // A pickup number waits in the regular lane; so does a ticket whose claim was refused.
            lane: stage === 'pickup' || refusedClaims.has(ticket.id) ? 'regular' : ticket.lane,
            windowStart,
            placedAt,
            status,
            counter: desk,
            officerId: desk === null ? null : (officerAt.get(desk) as string),
            onlyCounter,
            recalls: 0,
            updatedAt,
          };
          store.queue.add(entry);
          count.queueEntries += 1;
          return entry;
        };

        /**
         * One ticket's time at one stage from `joined`: waiting, called (sometimes out of order),
         * serving, done; sometimes a hold on the way. Answers when it finished, or null when it did not.
         */
        const stageVisit = (
          ticket: TicketRecord,
          stage: 'documents' | 'interview' | 'pickup',
          number: string,
          windowStartMinute: number,
          joined: number,
          serviceMinutes: [number, number],
          odds: { noShow: number; hold: number; transfer: number; walkOut: number },
        ): { desk: number; entryId: string; serviceStart: number; end: number } | null => {
          const desksOfStage =
            stage === 'documents'
              ? documentsCounters
              : stage === 'interview'
                ? interviewCounters
                : pickupCounters;
          const waitFrom = Math.max(joined, t(windowStartMinute));
          if (r.chance(odds.walkOut)) {
            // Never called: the waiting period stays open, as the floor leaves it at its close.
            const entry = newEntry(
              ticket,
              stage,
              number,
              windowStartMinute,
              ticket.issuedAt,
              'waiting',
              null,
              joined,
            );
            periods(entry, [['waiting', joined, null]], null);
            count.walkOuts += 1;
            return null;
          }
          const called = waitFrom + Math.round(waitMinutes(r) * minute);
          const desk = desks.choose(desksOfStage, called);
          const kind = r.chance(0.006) ? 'specific' : 'next';
          const reason = kind === 'specific' ? r.pick(reasons) : null;
          if (r.chance(odds.noShow)) {
            const gone = called + 6 * minute;
            const entry = newEntry(
              ticket,
              stage,
              number,
              windowStartMinute,
              ticket.issuedAt,
              'no_show',
              desk,
              gone,
            );
            periods(
              entry,
              [
                ['waiting', joined, null],
                ['called', called, desk],
              ],
              gone,
            );
            call(entry, desk, called, kind, reason);
            call(entry, desk, called + 2 * minute, 'recall', null);
            call(entry, desk, called + 4 * minute, 'recall', null);
            queueEvent('ticket.noShow', entry, desk, gone);
            desks.served(desk, called, gone);
            return null;
          }
          const serving = called + Math.round(r.between(0.3, 2.5) * minute);
          const done = serving + Math.round(r.between(...serviceMinutes) * minute);
          if (r.chance(odds.transfer)) {
            // Sent on to one other desk of the same stage, where it waits at its place.
            const moved = serving + Math.round(r.between(1, 3) * minute);
            const first = newEntry(
              ticket,
              stage,
              number,
              windowStartMinute,
              ticket.issuedAt,
              'transferred',
              desk,
              moved,
            );
            periods(
              first,
              [
                ['waiting', joined, null],
                ['called', called, desk],
                ['serving', serving, desk],
              ],
              moved,
            );
            call(first, desk, called, kind, reason);
            queueEvent('ticket.serving', first, desk, serving);
            const other = desksOfStage.find((n) => n !== desk) as number;
            queueEvent('ticket.transferred', first, desk, moved, { toStage: stage, toCounter: other });
            desks.served(desk, called, moved);
            const again = moved + Math.round(r.between(1, 15) * minute);
            const starts = again + Math.round(r.between(0.3, 2) * minute);
            const ends = starts + Math.round(r.between(...serviceMinutes) * minute);
            const second = newEntry(
              ticket,
              stage,
              number,
              windowStartMinute,
              ticket.issuedAt,
              'done',
              other,
              ends,
              other,
            );
            periods(
              second,
              [
                ['waiting', moved, null],
                ['called', again, other],
                ['serving', starts, other],
              ],
              ends,
            );
            call(second, other, again, 'next', null);
            queueEvent('ticket.serving', second, other, starts);
            queueEvent('ticket.completed', second, other, ends);
            desks.served(other, again, ends);
            return { desk: other, entryId: second.id, serviceStart: starts, end: ends };
          }
          if (r.chance(odds.hold)) {
            // Held for a missing document, back in the queue at its place, then served to the end.
            const held = serving + Math.round(r.between(1, 4) * minute);
            const released = held + Math.round(r.between(5, 25) * minute);
            const again = released + Math.round(r.between(0, 10) * minute);
            const starts = again + Math.round(r.between(0.3, 2) * minute);
            const ends = starts + Math.round(r.between(...serviceMinutes) * minute);
            const entry = newEntry(
              ticket,
              stage,
              number,
              windowStartMinute,
              ticket.issuedAt,
              'done',
              desk,
              ends,
            );
            periods(
              entry,
              [
                ['waiting', joined, null],
                ['called', called, desk],
                ['serving', serving, desk],
                ['held', held, desk],
                ['waiting', released, null],
                ['called', again, desk],
                ['serving', starts, desk],
              ],
              ends,
            );
            call(entry, desk, called, kind, reason);
            queueEvent('ticket.serving', entry, desk, serving);
            queueEvent('ticket.held', entry, desk, held);
            queueEvent('ticket.released', entry, desk, released);
            call(entry, desk, again, 'next', null);
            queueEvent('ticket.serving', entry, desk, starts);
            queueEvent('ticket.completed', entry, desk, ends);
            desks.served(desk, called, held);
            desks.served(desk, again, ends);
            return { desk, entryId: entry.id, serviceStart: starts, end: ends };
          }
          const entry = newEntry(
            ticket,
            stage,
            number,
            windowStartMinute,
            ticket.issuedAt,
            'done',
            desk,
            done,
          );
          periods(
            entry,
            [
              ['waiting', joined, null],
              ['called', called, desk],
              ['serving', serving, desk],
            ],
            done,
          );
          call(entry, desk, called, kind, reason);
          queueEvent('ticket.serving', entry, desk, serving);
          queueEvent('ticket.completed', entry, desk, done);
          desks.served(desk, called, done);
          return { desk, entryId: entry.id, serviceStart: serving, end: done };
        };

        // The day's visits: bookings checked in, at the documents desks, then the interview.
        for (let i = 0; i < options.visitsPerDay; i += 1) {
          const w = Math.floor(r.next() * windowStarts.length);
          const windowStart = windowStarts[w] as number;
          const late = r.chance(0.02);
          const lane: LaneId = late ? 'standby' : r.chance(0.1) ? r.pick(priorityLanes) : 'regular';
          // Half the priority tickets chose their lane at the kiosk (a claim the first desk decides);
          // the other half booked it in M-Paspor.
          const claimed = lane !== 'standby' && lane !== 'regular' && r.chance(0.5) ? lane : null;
          const checkInMinute = late
            ? windowStart + 60 + r.between(31, 59)
            : windowStart + r.between(-45, 50);
          const issuedAt = t(checkInMinute);
          const windowNumber = late ? windowNumberAt(office, day, Math.floor(checkInMinute)) : w + 1;
          const sequence = store.tickets.nextSequence(day, lane, windowNumber);
          const sex = r.chance(0.5) ? 'P' : 'L';
          const birthDate = `${1950 + Math.floor(r.next() * 55)}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r.next() * 28)).padStart(2, '0')}`;
          const kind: ApplicationKind = r.chance(0.55)
            ? 'baru'
            : r.chance(0.8)
              ? 'habis_berlaku'
              : 'halaman_penuh';
          const booking: Appointment = {
            bookingCode: `RIWAYAT-${String(d).padStart(3, '0')}-${String(i).padStart(4, '0')}`,
            nik: composeNik('517102', birthDate, sex, d * options.visitsPerDay + i + 1),
            fullName: sex === 'P' ? `Ni Luh Riwayat ${d}-${i}` : `I Ketut Riwayat ${d}-${i}`,
            birthDate,
            sex,
            phone: '081200000000',
            applicationKind: kind,
            passportType: r.chance(0.7) ? 'elektronik' : 'biasa',
            validityYears: 10,
            appointmentDate: day,
            windowStart: timeOfDayFrom(windowStart),
            windowEnd: timeOfDayFrom(windowStart + 60),
            lane: lane === 'standby' || claimed ? 'regular' : lane,
          };
          store.bookings.add(booking, t(6 * 60));
          const kiosk = kiosks[i % kiosks.length] as string;
          const ticket: TicketRecord = {
            id: randomUUID(),
            officeDate: day,
            number: ticketNumber(laneOf(office, lane).prefix, windowNumber, sequence),
            lane,
            windowNumber,
            sequence,
            bookingCode: booking.bookingCode,
            status: 'waiting',
            arrival: late ? 'late' : checkInMinute < windowStart ? 'early' : 'on_time',
            windowStart: booking.windowStart,
            windowEnd: booking.windowEnd,
            expectedCall: timeOfDayFrom(
              Math.min(windowStart + 59, Math.max(windowStart, Math.floor(checkInMinute))),
            ),
            issuedAt,
            issuedBy: kiosk,
            issuedOffline: false,
          };
          store.tickets.add(ticket);
          count.visits += 1;
          emit({
            type: 'ticket.issued',
            at: issuedAt,
            actor: kiosk,
            station: kiosk,
            payload: claimed ? { ticket, priorityClaimed: claimed } : { ticket },
          });
          if (claimed) {
            store.priorityClaims.add({
              ticketId: ticket.id,
              officeDate: day,
              number: ticket.number,
              claimedLane: claimed,
              kioskId: kiosk,
              claimedAt: issuedAt,
              late: false,
            });
            count.priorityClaims += 1;
          }
          const stageWindow = late
            ? (windowStarts[Math.min(windowNumber, windowStarts.length) - 1] ?? windowStart)
            : windowStart;

          const documents = stageVisit(ticket, 'documents', ticket.number, stageWindow, issuedAt, [3, 8], {
            noShow: 0.02,
            hold: 0.01,
            transfer: 0.003,
            walkOut: 0.002,
          });
          if (!documents) continue;
          if (claimed) {
            // Decided at the documents desk as service starts: most confirmed, one in ten refused.
            const refused = r.chance(0.1);
            if (refused) refusedClaims.add(ticket.id);
            const officer = officerAt.get(documents.desk) as string;
            const reason = refused ? 'Tidak ada dokumen pendukung' : null;
            store.priorityClaims.decide({
              ticketId: ticket.id,
              decision: refused ? 'refused' : 'confirmed',
              reason,
              officerId: officer,
              counter: documents.desk,
              at: documents.serviceStart,
            });
            const decision = {
              entryId: documents.entryId,
              ticketId: ticket.id,
              number: ticket.number,
              stage: 'documents',
              counter: documents.desk,
              claimedLane: claimed,
              kiosk,
              officer,
              late: false,
            };
            const by = {
              at: documents.serviceStart,
              actor: officer,
              station: stationOf.get(documents.desk) as string,
            };
            emit(
              refused
                ? {
                    type: 'ticket.priorityRefused',
                    ...by,
                    payload: { ...decision, reason: reason as string, requeued: false },
                  }
                : { type: 'ticket.priorityConfirmed', ...by, payload: decision },
            );
          }
          const interview = stageVisit(
            ticket,
            'interview',
            ticket.number,
            stageWindow,
            documents.end,
            [5, 15],
            {
              noShow: 0.005,
              hold: 0.02,
              transfer: 0.005,
              walkOut: 0.002,
            },
          );
          if (!interview) continue;

          // The application the interview opened, decided and sent to print.
          const promised = addWorkingDays(day, 4);
          const application: ApplicationRecord = {
            id: randomUUID(),
            number: applicationNumber(office.code, day, store.applications.nextSequence(day)),
            officeDate: day,
            ticketId: ticket.id,
            bookingCode: booking.bookingCode,
            applicationKind: kind,
            passportType: booking.passportType,
            status: 'adjudication',
            counter: interview.desk,
            officerId: officerAt.get(interview.desk) as string,
            startedAt: interview.serviceStart,
            interview: {
              documents: [],
              nikOnKtp: booking.nik,
              nikWarnings: [],
              oldPassport: null,
              notes: '',
            },
            fingerprints: null,
            face: null,
            outcomeReason: null,
            approvals: [],
            pickupDate: promised,
            pickupBasis: null,
            pickupOverride: null,
            finishedAt: interview.end,
            receiptPrints: 1,
            handedOverAt: null,
            updatedAt: interview.end,
          };
          const approvedAt = interview.end + Math.round(r.between(15, 120) * minute);
          // Printed within the promise mostly; one in twenty late (a backlog, a spoil, a paused printer).
          const printDay = addWorkingDays(
            day,
            r.chance(0.95) ? 1 + Math.floor(r.next() * 3) : 5 + Math.floor(r.next() * 3),
          );
          const printedAt = instantOn(printDay, '09:00', tz) + Math.round(r.between(0, 420) * minute);
          const readyAt = printedAt + Math.round(r.between(10, 60) * minute);
          const pickupDay = r.chance(0.9)
            ? addWorkingDays(printDay > promised ? printDay : promised, Math.floor(r.next() ** 2 * 12))
            : null;
          const collected =
            pickupDay !== null &&
            (dayIndex.get(pickupDay) ?? Infinity) <= days.length - 1 &&
            pickupDay <= lastDay;
          const job: PrintJobRecord = {
            id: randomUUID(),
            applicationId: application.id,
            passportType: booking.passportType,
            promisedDate: promised,
            approvedAt,
            state: printedAt > endOfHistory ? 'queued' : readyAt > endOfHistory ? 'printed' : 'ready',
            bookletSerial:
              printedAt > endOfHistory
                ? null
                : `${booking.passportType === 'elektronik' ? 'E' : 'B'}${String(d * options.visitsPerDay + i).padStart(7, '0')}`,
            attempts: printedAt > endOfHistory ? 0 : 1,
            lastError: null,
            printedAt: printedAt > endOfHistory ? null : printedAt,
            readyAt: readyAt > endOfHistory ? null : readyAt,
            updatedAt: Math.min(readyAt, endOfHistory),
          };
          store.applications.add(application);
          count.applications += 1;
          emit({
            type: 'application.opened',
            at: interview.serviceStart,
            actor: officerAt.get(interview.desk) as string,
            station: stationOf.get(interview.desk) as string,
            payload: {
              applicationId: application.id,
              number: application.number,
              ticketId: ticket.id,
              counter: interview.desk,
            },
          });
          store.printJobs.decide({
            applicationId: application.id,
            decision: 'approved',
            reason: null,
            officerId: r.pick(supervisors),
            decidedAt: approvedAt,
          });
          store.printJobs.add(job);
          count.printJobs += 1;
          if (collected && job.state === 'ready') {
            const list = pickups.get(pickupDay) ?? [];
            list.push({ ticket, application, job });
            pickups.set(pickupDay, list);
          }
        }

        // Passports collected today: a pickup number at the kiosk, the pickup desk, the handover.
        (pickups.get(day) ?? []).forEach(({ ticket, application, job }, n) => {
          const number = `P-${String(n + 1).padStart(3, '0')}`;
          const arrived = t(13 * 60 + r.between(-20, 110));
          store.printJobs.addPickupTicket(day, number, job.id, arrived);
          const visit = stageVisit(ticket, 'pickup', number, 13 * 60, arrived, [3, 6], {
            noShow: 0,
            hold: 0,
            transfer: 0,
            walkOut: 0,
          }) as { desk: number; entryId: string; end: number };
          const officer = officerAt.get(visit.desk) as string;
          store.printJobs.recordHandover({
            jobId: job.id,
            receiver: 'applicant',
            representativeName: null,
            representativeNik: null,
            letterReference: null,
            officerId: officer,
            stationId: stationOf.get(visit.desk) as string,
            at: visit.end,
          });
          store.printJobs.save({ ...job, state: 'collected', updatedAt: visit.end });
          store.applications.save({ ...application, handedOverAt: visit.end, updatedAt: visit.end });
          count.handovers += 1;
          emit({
            type: 'passport.collected',
            at: visit.end,
            actor: officer,
            station: stationOf.get(visit.desk) as string,
            payload: {
              applicationId: application.id,
              number: application.number,
              jobId: job.id,
              receiver: 'applicant',
            },
          });
        });
        pickups.delete(day);

        // Each desk's day: its officer signs on, serves, takes the break, closes after the last visit.
        for (const { number } of counters) {
          const officer = officerAt.get(number) as string;
          const station = stationOf.get(number) as string;
          const changes: {
            at: number;
            state: 'available' | 'serving' | 'on_break' | 'closed';
            reason: BreakReason | null;
          }[] = [];
          const merged: Interval[] = [];
          for (const s of (desks.services.get(number) ?? []).sort((a, b) => a.start - b.start)) {
            const last = merged[merged.length - 1];
            if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
            else merged.push({ ...s });
          }
          const pause = desks.breaks.get(number) as Interval & { reason: BreakReason };
          // A visit still at the desk when the break was due ends first; the break is that much shorter.
          const running = merged.find((s) => s.start < pause.start && s.end > pause.start);
          const breakStart = running ? running.end : pause.start;
          const breakEnd =
            merged.find((s) => s.start >= breakStart && s.start < pause.end)?.start ?? pause.end;
          const opens = t(7 * 60 + 55);
          changes.push({ at: opens, state: 'available', reason: null });
          let cursor = opens;
          const push = (
            at: number,
            state: (typeof changes)[number]['state'],
            reason: BreakReason | null = null,
          ) => {
            if (at < cursor) return;
            changes.push({ at, state, reason });
            cursor = at;
          };
          let breakDone = breakStart >= breakEnd;
          for (const s of merged) {
            if (!breakDone && breakStart <= s.start) {
              push(breakStart, 'on_break', pause.reason);
              push(breakEnd, 'available');
              breakDone = true;
            }
            push(Math.max(s.start, cursor), 'serving');
            push(s.end, 'available');
          }
          if (!breakDone) {
            push(breakStart, 'on_break', pause.reason);
            push(breakEnd, 'available');
          }
          push(Math.max(cursor, t(16 * 60 + 30)) + minute, 'closed');
          let previous: string | null = null;
          for (const change of changes) {
            const key = `${change.state}:${change.reason}`;
            if (key === previous) continue;
            previous = key;
            store.queue.setCounterState(number, change.state, change.at, officer, change.reason);
            count.counterPeriods += 1;
            emit({
              type: 'counter.state',
              at: change.at,
              actor: officer,
              station,
              payload: {
                counter: number,
                state: change.state,
                ...(change.reason ? { reason: change.reason } : {}),
              },
            });
          }
        }

        // The day's events, in the order the floor wrote them, chained by the store's one writer.
        dayEvents.sort((a, b) => a.at - b.at);
        for (const event of dayEvents) store.events.emit(event);
        count.events += dayEvents.length;
      });
      if ((d + 1) % 25 === 0 || d === days.length - 1)
        log(
          `history: ${d + 1}/${days.length} days (${day}), ${count.visits} visits, ${Math.round(performance.now() - started)} ms`,
        );
    });
    return { firstDay, lastDay, days: days.length, ...count, ms: Math.round(performance.now() - started) };
  } finally {
    store.close();
  }
}
