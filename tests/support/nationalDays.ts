import type { AddressInfo } from 'node:net';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { centralLinkCommand } from '../../src-main/cli/central.ts';
import { CentralShipper } from '../../src-main/hub/centralLink.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import {
  callNext,
  callTicket,
  completeService,
  holdTicket,
  markNoShow,
  recall,
  releaseTicket,
  startService,
  transferTicket,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser, signIn } from '../../src-main/services/officers.ts';
import { decidePriorityClaim } from '../../src-main/services/priorityClaims.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { appointmentCsv, sampleAppointment } from './bookings.ts';
import { at, makeFloor, type TestFloor } from './floor.ts';
import { until } from './station.ts';

/**
 * An office's passport days for the national reports' tests, built through the floor's services as
 * the floor would run them: citizens of two arrival windows check in at the kiosk, two document
 * counters and two interview counters call, serve, recall, mark a no-show, hold and release, call
 * out of order with a reason, and transfer. `seed` varies the times and who gets what, so several
 * offices' days differ; the same seed gives the same day.
 */
export interface OfficeDesks {
  documents: CounterCaller[];
  interview: CounterCaller[];
}

export function openOffice(floor: TestFloor, firstDate: string): OfficeDesks {
  const ctx = floor.ctx;
  floor.clock.set(at(firstDate, '07:30'));
  const officers = [
    { username: 'ayu.lestari', secret: '246810', name: 'Ayu Lestari', counter: 1 },
    { username: 'putu.arimbawa', secret: '864200', name: 'Putu Arimbawa', counter: 2 },
    { username: 'made.wirawan', secret: '135791', name: 'Made Wirawan', counter: 3 },
    { username: 'komang.sari', secret: '975311', name: 'Komang Sari', counter: 4 },
  ];
  const desks = officers.map((o): CounterCaller => {
    addUser(ctx, commandLine, { username: o.username, name: o.name, role: 'officer', secret: o.secret });
    const station = addStation(ctx, commandLine, {
      mode: 'counter',
      name: `Loket ${o.counter}`,
      counter: o.counter,
    }).station;
    const officer = signIn(ctx, station, { username: o.username, secret: o.secret, counter: o.counter });
    return { stationId: station.id, actor: o.username, officer };
  });
  return { documents: desks.slice(0, 2), interview: desks.slice(2) };
}

/** A small deterministic generator (the same seed, the same day). */
function generator(seed: number): (n: number) => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return (n: number) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % n;
  };
}

export function workDay(
  floor: TestFloor,
  desks: OfficeDesks,
  date: string,
  options: { seed: number; citizens: number; firstBooking: number },
): void {
  const ctx: ServiceContext = floor.ctx;
  const clock = floor.clock;
  const random = generator(options.seed);
  const bookings = Array.from({ length: options.citizens }, (_, i) =>
    sampleAppointment(options.firstBooking + i, {
      appointmentDate: date,
      ...(i % 2 === 1 ? { windowStart: '10:00', windowEnd: '11:00' } : {}),
      ...(i === 3 ? { lane: 'lansia' as const } : {}),
    }),
  );
  clock.set(at(date, '07:45'));
  const summary = importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
  if (summary.rejected.length) throw new Error(`bookings refused: ${JSON.stringify(summary.rejected)}`);

  // Check-ins in time order: the 09:00 window from 08:05, the 10:00 window from 09:25.
  const arrivals = bookings
    .map((b, i) => ({ b, minute: (i % 2 === 1 ? 9 * 60 + 25 : 8 * 60 + 5) + random(50) }))
    .sort((x, y) => x.minute - y.minute);
  const numbers: string[] = [];
  const hhmm = (minute: number) =>
    `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  let checkedIn = 0;
  let claimed: string | null = null;
  const checkInUntil = (minute: number) => {
    while (
      checkedIn < arrivals.length &&
      (arrivals[checkedIn] as (typeof arrivals)[number]).minute <= minute
    ) {
      const a = arrivals[checkedIn] as (typeof arrivals)[number];
      clock.set(Math.max(clock.now(), at(date, hhmm(a.minute))));
      // One citizen claims the pregnant women's lane at the kiosk; the counter decides.
      const claims = a.b.bookingCode === bookings[4]?.bookingCode;
      const ticket = checkIn(ctx, floor.kiosk, {
        text: a.b.bookingCode,
        ...(claims ? { priority: 'hamil' } : {}),
      });
      if (claims) claimed = ticket.id;
      numbers.push(ticket.number);
      checkedIn += 1;
    }
  };
  const minuteNow = () => Math.floor((clock.now() - at(date, '00:00')) / 60_000);
  const advance = (minutes: number) => {
    const target = clock.now() + minutes * 60_000;
    checkInUntil(minuteNow() + minutes);
    clock.set(Math.max(clock.now(), target));
  };

  checkInUntil(9 * 60);
  clock.set(Math.max(clock.now(), at(date, '09:00')));
  let round = 0;
  const held: { desk: CounterCaller; entryId: string }[] = [];
  let transferred = false;
  let outOfOrder = false;
  while (minuteNow() < 12 * 60 && round < 60) {
    round += 1;
    checkInUntil(minuteNow());
    const desk = desks.documents[round % 2] as CounterCaller;
    // Now and then a document counter calls the last to check in out of order (a medical reason).
    const late = numbers[numbers.length - 1];
    const called =
      !outOfOrder && round === 4 + random(3) && late
        ? (() => {
            outOfOrder = true;
            try {
              return callTicket(ctx, desk, { number: late, reason: 'medical' });
            } catch {
              return callNext(ctx, desk);
            }
          })()
        : callNext(ctx, desk);
    if (called && called.ticketId === claimed) {
      claimed = null;
      advance(1);
      // An odd seed refuses the claim: the ticket waits again in the regular lane, at its place.
      const refused = options.seed % 2 === 1;
      decidePriorityClaim(
        ctx,
        desk,
        refused ? { decision: 'refused', reason: 'Tidak hamil' } : { decision: 'confirmed' },
      );
      if (refused) continue;
    }
    if (called) {
      advance(1 + random(3));
      const fate = round === 3 ? 0 : random(10);
      if (fate === 0) {
        recall(ctx, desk);
        advance(2);
        recall(ctx, desk);
        advance(2);
        markNoShow(ctx, desk);
      } else if (fate === 1 && held.length === 0) {
        holdTicket(ctx, desk);
        held.push({ desk, entryId: called.id });
      } else {
        startService(ctx, desk);
        advance(5 + random(8));
        completeService(ctx, desk);
      }
    }
    if (held.length && random(3) === 0) {
      const h = held.pop() as { desk: CounterCaller; entryId: string };
      releaseTicket(ctx, h.desk, h.entryId);
    }
    // The interview counters take who finished the document check.
    for (const [k, desk4] of desks.interview.entries()) {
      // The second interview counter opens every third round only (and for the ticket sent to it).
      // The first interview counter takes the next citizen every other round: the interview queue waits.
      if (k === 0 && round % 2 === 0) continue;
      if (k === 1 && round % 4 !== 0 && !transferred) continue;
      const next = callNext(ctx, desk4);
      if (!next) continue;
      advance(1 + random(2));
      startService(ctx, desk4);
      advance(6 + random(8));
      if (!transferred && k === 0 && random(2) === 0) {
        transferred = true;
        transferTicket(ctx, desk4, { toCounter: 4 });
      } else completeService(ctx, desk4);
    }
    if (!called) advance(4 + random(5));
  }
  clock.set(Math.max(clock.now(), at(date, '12:30')));
}

const quiet = { write: () => undefined, usage: (message: string) => new Error(message) };
const quick = { idleMs: 20, retry: { initialDelayMs: 20, maxDelayMs: 200 }, heartbeatMs: 60_000 };

/** Links a floor to the central service at `url` as `office` and ships its whole log there. */
export async function shipFloor(floor: TestFloor, url: string, office: string, key: string): Promise<void> {
  if (!floor.store.centralLink.get()) centralLinkCommand(floor.ctx, url, office, key, quiet);
  const shipper = new CentralShipper(floor.store, floor.clock, { ...quick, batchSize: 200 });
  shipper.start();
  try {
    await until(
      `office ${office}'s whole log in the central store`,
      () => floor.store.centralLink.get()?.cursor === floor.store.events.lastSeq(),
      60_000,
    );
  } finally {
    await shipper.close();
  }
}

/**
 * A central service on the database at `databaseUrl`, migrated, with Denpasar registered, and a
 * floor that worked `days` and shipped them over loopback: what a migration's test starts from.
 */
export async function centralWithShippedDays(
  databaseUrl: string,
  days: readonly { date: string; seed: number; citizens: number; firstBooking: number }[],
): Promise<{ store: CentralStore; floor: TestFloor; migrated: number; close(): Promise<void> }> {
  const store = new CentralStore(databaseUrl);
  const floor = makeFloor();
  const app = await centralServer({ store });
  const close = async () => {
    await app.close();
    await store.close();
    floor.close();
  };
  try {
    const migrated = await store.migrate();
    const key = await store.addOffice('DPS', 'Kantor Imigrasi Kelas I TPI Denpasar');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
    const desks = openOffice(floor, days[0]?.date ?? '2026-12-01');
    for (const { date, ...day } of days) workDay(floor, desks, date, day);
    await shipFloor(floor, url, 'DPS', key);
    return { store, floor, migrated, close };
  } catch (error) {
    await close();
    throw error;
  }
}
