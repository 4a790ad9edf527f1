import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '../../src-main/domain/appointment.ts';
import type { LaneId } from '../../src-main/domain/laneIds.ts';
import type { KpiAggregate } from '../../src-main/domain/reports/kpi.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import {
  callNext,
  completeService,
  setCounterState,
  startService,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { addUser, signIn } from '../../src-main/services/officers.ts';
import { replayDay, replayInput, type ReplayedDay } from '../../src-main/services/simulation/replay.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor, type TestFloor } from '../support/floor.ts';

/**
 * A floor day recorded through the real services, then replayed by the floor-day simulator.
 *
 * The day (Monday 30 November 2026, Denpasar's configuration): 60 bookings in the 08:00, 09:00,
 * 10:00 and 11:00 windows, a tenth in priority lanes. Half come early (up to 55 minutes), a third
 * within their window, the rest more than 30 minutes after it (standby). They check in at the kiosk
 * service; one officer checks documents at counter 1 and two interview at counters 3 and 4, each
 * calling next through the counter service as soon as they are free from 08:00 (the officers of a
 * busy floor), with a walk up of 10–70 seconds and a service drawn per citizen and stage; counter 1
 * takes a 15-minute break once free after 10:30. The clock is moved by hand, event by event.
 *
 * The replay reads the day back from its period rows only (check-ins, booked windows and lanes,
 * the counters' time with each visit, the counters that called, the break) and runs the simulator
 * under the `window` policy. Both days' waits are read by the reports' own code.
 *
 * The tolerance: p50 and p90 of each stage's wait within 0.1 minute (6 seconds), and every
 * citizen's first call within 0.1 minute of the recorded one. The simulator is given everything the
 * day measured, so what is left to differ is only who is called when; the period rows hold whole
 * milliseconds, the simulator's clock floats, which is far below the tolerance. A looser one (the
 * 2 minutes a report rounds to) would let a different calling order pass on a small day.
 */

const date = '2026-11-30';
const windows = ['08:00', '09:00', '10:00', '11:00'];
const perWindow = 15;

/** A small, fixed generator: the recorded day is the same on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Citizen {
  booking: Appointment;
  /** Minutes of the day. */
  arrival: number;
  walkUp: Record<string, number>;
  service: Record<string, number>;
}

function citizensOfTheDay(): Citizen[] {
  const u = generator(2026);
  const lanes: LaneId[] = ['lansia', 'balita'];
  const citizens: Citizen[] = [];
  windows.forEach((start, w) => {
    const [h] = start.split(':').map(Number);
    const windowStart = (h as number) * 60;
    for (let i = 0; i < perWindow; i += 1) {
      const index = 500 + w * perWindow + i;
      const lane = i === 3 || i === 11 ? (lanes[(w + i) % 2] as Exclude<LaneId, 'standby'>) : 'regular';
      const kind = u();
      // Whole seconds plus a few milliseconds: no two happenings of the day at the same instant.
      const jitter = (index % 97) / 60_000;
      const arrival =
        kind < 0.5
          ? windowStart - 55 * u()
          : kind < 0.85
            ? windowStart + 59 * u()
            : windowStart + 60 + 31 + 40 * u();
      citizens.push({
        booking: sampleAppointment(index, {
          appointmentDate: date,
          windowStart: start,
          windowEnd: `${String((h as number) + 1).padStart(2, '0')}:00`,
          lane,
        }),
        arrival: Math.round(arrival * 60) / 60 + jitter,
        walkUp: { documents: (10 + Math.round(60 * u())) / 60, interview: (10 + Math.round(60 * u())) / 60 },
        service: {
          documents: (150 + Math.round(150 * u())) / 60 + jitter / 3,
          interview: (300 + Math.round(480 * u())) / 60 + jitter / 5,
        },
      });
    }
  });
  return citizens;
}

/**
 * Runs the day on the floor: every happening in time order (check-ins, calls, walk ups, services,
 * the break), each through the service a kiosk or counter would use, at its instant.
 */
function recordDay(floor: TestFloor, citizens: Citizen[]): void {
  const { ctx, clock } = floor;
  const minuteAt = (minute: number) => Math.round(at(date, '00:00') + minute * 60_000);
  floor.load(citizens.map((c) => c.booking));
  clock.set(at(date, '07:00'));
  const desks = [
    { counter: 1, stage: 'documents', username: 'ayu.lestari', name: 'Ayu Lestari' },
    { counter: 3, stage: 'interview', username: 'made.wirawan', name: 'Made Wirawan' },
    { counter: 4, stage: 'interview', username: 'nyoman.sari', name: 'Nyoman Sari' },
  ].map((d) => {
    addUser(ctx, commandLine, { username: d.username, name: d.name, role: 'officer', secret: '246810' });
    const station = addStation(ctx, commandLine, {
      mode: 'counter',
      name: `Loket ${d.counter}`,
      counter: d.counter,
    }).station;
    const officer = signIn(ctx, station, { username: d.username, secret: '246810', counter: d.counter });
    const caller: CounterCaller = { stationId: station.id, actor: d.username, officer };
    return { ...d, caller, busy: false, onBreak: false, breakDue: false };
  });
  const byCode = new Map(citizens.map((c) => [c.booking.bookingCode, c]));
  type Happening =
    | { at: number; kind: 'arrive'; citizen: Citizen }
    | { at: number; kind: 'start' | 'done'; desk: (typeof desks)[number] }
    | { at: number; kind: 'break' | 'back'; desk: (typeof desks)[number] }
    | { at: number; kind: 'open' };
  const happenings: Happening[] = citizens.map((citizen) => ({
    at: citizen.arrival,
    kind: 'arrive',
    citizen,
  }));
  happenings.push({ at: 8 * 60, kind: 'open' });
  const documents = desks[0] as (typeof desks)[number];
  happenings.push({ at: 10 * 60 + 30, kind: 'break', desk: documents });
  const takeBreak = (desk: (typeof desks)[number], now: number) => {
    setCounterState(ctx, desk.caller, { state: 'on_break', reason: 'istirahat' });
    desk.breakDue = false;
    desk.onBreak = true;
    happenings.push({ at: now + 15, kind: 'back', desk });
  };
  const callWhereFree = (now: number) => {
    if (now < 8 * 60) return;
    for (const desk of desks) {
      if (desk.busy || desk.onBreak) continue;
      const entry = callNext(ctx, desk.caller);
      if (!entry) continue;
      desk.busy = true;
      const ticket = ctx.store.tickets.find(entry.ticketId);
      const citizen = byCode.get(ticket?.bookingCode ?? '') as Citizen;
      const walkUp = citizen.walkUp[desk.stage] as number;
      happenings.push({ at: now + walkUp, kind: 'start', desk });
      happenings.push({ at: now + walkUp + (citizen.service[desk.stage] as number), kind: 'done', desk });
    }
  };
  for (;;) {
    happenings.sort((a, b) => a.at - b.at);
    const next = happenings.shift();
    if (!next) break;
    clock.set(minuteAt(next.at));
    switch (next.kind) {
      case 'arrive':
        checkIn(ctx, floor.kiosk, { text: next.citizen.booking.bookingCode });
        break;
      case 'start':
        startService(ctx, next.desk.caller);
        break;
      case 'done':
        completeService(ctx, next.desk.caller);
        next.desk.busy = false;
        if (next.desk.breakDue) takeBreak(next.desk, next.at);
        break;
      case 'break':
        // An officer at a desk finishes the citizen first: the break starts once they are free.
        next.desk.breakDue = true;
        if (!next.desk.busy) takeBreak(next.desk, next.at);
        break;
      case 'back':
        setCounterState(ctx, next.desk.caller, { state: 'available' });
        next.desk.onBreak = false;
        break;
      case 'open':
        break;
    }
    callWhereFree(next.at);
  }
  clock.set(at(date, '17:00'));
}

const tolerance = 0.1;
const minutes = (ms: number | null) => (ms ?? NaN) / 60_000;
const waitsOf = (kpi: KpiAggregate) =>
  Object.fromEntries(
    kpi.byStage.map((s) => [
      s.stage,
      { p50: minutes(s.figures.wait.p50Ms), p90: minutes(s.figures.wait.p90Ms) },
    ]),
  );

/** Each citizen's first call (minutes of the day), keyed by check-in instant. */
function firstCallsSimulated(day: ReplayedDay): Map<number, number> {
  return new Map(
    (day.outcome.visits ?? []).map((v) => [Math.round(v.checkIn * 60_000), v.stages[0]?.called ?? NaN]),
  );
}
function firstCallsRecorded(floor: TestFloor): Map<number, number> {
  const dayStart = at(date, '00:00');
  const rows = floor.store.db
    .prepare(
      `SELECT w.started_at AS checkIn, c.started_at AS called FROM periods AS w
       JOIN periods AS c ON c.entry_id = w.entry_id AND c.state = 'called'
       JOIN queue_entries AS e ON e.id = w.entry_id AND e.stage = 'documents'
       WHERE w.state = 'waiting' AND w.office_date = ?`,
    )
    .all(date) as { checkIn: number; called: number }[];
  return new Map(rows.map((r) => [r.checkIn - dayStart, (r.called - dayStart) / 60_000]));
}

describe('a recorded floor day replayed by the simulator', () => {
  let floor: TestFloor;
  let citizens: Citizen[];

  beforeAll(() => {
    floor = makeFloor({ now: at(date, '07:00') });
    citizens = citizensOfTheDay();
    recordDay(floor, citizens);
  });
  afterAll(() => floor.close());

  it('builds the simulator input from the period rows: arrivals, windows, lanes, counters, the break', () => {
    const input = replayInput(floor.ctx, date);
    expect(input.bookings).toHaveLength(citizens.length);
    expect(input.stages.map((s) => [s.id, s.officers])).toEqual([
      ['documents', 1],
      ['interview', 2],
    ]);
    // Counter 1's break: 15 minutes from when it was free after 10:30.
    const [pause, ...others] = input.stages[0]?.breaks ?? [];
    expect(others).toEqual([]);
    expect(pause?.start).toBeGreaterThanOrEqual(630);
    expect(pause?.start).toBeLessThan(645);
    expect((pause?.end ?? 0) - (pause?.start ?? 0)).toBeCloseTo(15, 4);
    expect(input.stages[1]?.breaks).toEqual([]);
    expect(input.walkUpMinutes).toBe(0);
    // Each citizen's replayed arrival, window and lane are the ones the day had.
    const byArrival = new Map(citizens.map((c) => [Math.round(c.arrival * 60_000), c]));
    for (const booking of input.bookings) {
      const citizen = byArrival.get(Math.round((booking.arrivalMinute as number) * 60_000));
      expect(citizen).toBeDefined();
      expect(booking.lane).toBe(citizen?.booking.lane);
      expect(windows[booking.window - 1]).toBe(citizen?.booking.windowStart);
      // The counter's time: walk up and service, to the millisecond.
      expect(booking.serviceMinutes?.documents).toBeCloseTo(
        (citizen?.walkUp.documents ?? 0) + (citizen?.service.documents ?? 0),
        4,
      );
    }
    // The day had late citizens on standby and early ones: the replay has to apply both rules.
    const standby = floor.store.db
      .prepare(`SELECT COUNT(*) FROM tickets WHERE lane = 'standby'`)
      .pluck()
      .get();
    const early = floor.store.db
      .prepare(`SELECT COUNT(*) FROM tickets WHERE arrival = 'early'`)
      .pluck()
      .get();
    expect(standby).toBeGreaterThan(3);
    expect(early).toBeGreaterThan(20);
  });

  it('under the floor’s own rules (window) reproduces every stage’s wait p50 and p90 within 0.1 minute', () => {
    const day = replayDay(floor.ctx, date, 'window');
    const recorded = waitsOf(day.recorded);
    const simulated = waitsOf(day.simulated);
    expect(Object.keys(recorded)).toEqual(['documents', 'interview']);
    // A day with a queue: the calling order matters.
    expect(recorded.documents?.p90).toBeGreaterThan(10);
    for (const stage of ['documents', 'interview']) {
      expect(Math.abs((simulated[stage]?.p50 ?? NaN) - (recorded[stage]?.p50 ?? NaN))).toBeLessThanOrEqual(
        tolerance,
      );
      expect(Math.abs((simulated[stage]?.p90 ?? NaN) - (recorded[stage]?.p90 ?? NaN))).toBeLessThanOrEqual(
        tolerance,
      );
    }
    expect(day.simulated.total.served).toBe(day.recorded.total.served);
    // And citizen by citizen: called at the same minute as on the floor.
    const real = firstCallsRecorded(floor);
    const replayed = firstCallsSimulated(day);
    expect(replayed.size).toBe(real.size);
    for (const [checkIn, called] of real)
      expect(Math.abs((replayed.get(checkIn) ?? NaN) - called)).toBeLessThanOrEqual(tolerance);
  });

  // Another calling order on the same citizens, counters and times: first come first served
  // (today's Denpasar), never before the window, priority at 1:1, no check-in rules.
  it.each(['fifo', 'no-early', 'ratio-1-1', 'open-check-in'])(
    '%s does not match what the floor did',
    (policy) => {
      const day = replayDay(floor.ctx, date, policy);
      const recorded = waitsOf(day.recorded);
      const simulated = waitsOf(day.simulated);
      const apart = ['documents', 'interview'].flatMap((stage) => [
        Math.abs((simulated[stage]?.p50 ?? NaN) - (recorded[stage]?.p50 ?? NaN)),
        Math.abs((simulated[stage]?.p90 ?? NaN) - (recorded[stage]?.p90 ?? NaN)),
      ]);
      expect(Math.max(...apart)).toBeGreaterThan(tolerance);
    },
  );
});
