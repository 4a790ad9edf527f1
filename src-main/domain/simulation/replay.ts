import { laneIds, type LaneId } from '../laneIds.ts';
import { instantAt, minutesOf, timeOfDayFrom, utcOffsetMinutes, type LocalDate } from '../localTime.ts';
import { measureVisit, type PeriodRow, type StageVisit } from '../reports/visits.ts';
import type { SimulatedBooking, SimulatedVisit } from './floorDay.ts';

/**
 * The simulator against reality, both ways:
 *
 * - a simulated day's visits become the report code's input (`stageVisitsOf`): each stage a visit
 *   took becomes the period rows the floor would have written (waiting, called, serving), measured
 *   by the same `measureVisit` the reports use, so `aggregateKpi` reads a simulated day exactly as
 *   it reads a recorded one;
 * - a recorded day's period rows become the simulator's bookings (`replayBookings`): each visit's
 *   check-in minute as its arrival, its booked window and lane, and each stage's measured counter
 *   time (from the call to the end of service) as that stage's service minutes, with the counters
 *   that called at each stage as its officers (`countersPerStage`).
 *
 * Pure: the rows come in, plain values go out.
 */

/** Minute `m` of the office's day `date` as an instant (ms), whole milliseconds as a period row holds. */
export function instantOfMinute(date: LocalDate, timeZone: string, minute: number): number {
  return Math.round(instantAt(date, '00:00', timeZone) + minute * 60_000);
}

/** "09:00–10:00" from minutes of the day, as the reports name a window. */
const windowName = (start: number, end: number) => `${timeOfDayFrom(start)}–${timeOfDayFrom(end)}`;

/**
 * One simulated stage as the period rows the floor writes for a stage visit: waiting from joining
 * the line to the call, called until service starts (the walk up), serving until it ends. The
 * officer is named by stage and desk (`documents-1`): a simulated officer is a desk, not a person.
 */
export function periodRowsOf(
  stage: SimulatedVisit['stages'][number],
  date: LocalDate,
  timeZone: string,
): PeriodRow[] {
  const at = (minute: number) => instantOfMinute(date, timeZone, minute);
  const officerId = `${stage.stage}-${stage.officer}`;
  return [
    {
      seq: 1,
      state: 'waiting',
      startedAt: at(stage.enqueued),
      endedAt: at(stage.called),
      officerId: null,
      counter: null,
    },
    {
      seq: 2,
      state: 'called',
      startedAt: at(stage.called),
      endedAt: at(stage.started),
      officerId,
      counter: stage.officer,
    },
    {
      seq: 3,
      state: 'serving',
      startedAt: at(stage.started),
      endedAt: at(stage.ended),
      officerId,
      counter: stage.officer,
    },
  ];
}

/**
 * A simulated day's visits as the report code's stage visits: one per visit and stage, measured
 * from its period rows by `measureVisit` (the reports' own measure), the window and hour as the
 * store's reader gives them (services/reports/dayVisits.ts). Every simulated visit was served, so
 * each is `done`; a simulated citizen claims nothing and is always verified.
 */
export function stageVisitsOf(
  visits: readonly SimulatedVisit[],
  day: { date: LocalDate; timeZone: string },
): StageVisit[] {
  const offset = utcOffsetMinutes(instantAt(day.date, '12:00', day.timeZone), day.timeZone) * 60_000;
  const hourOf = (instant: number) => new Date(instant + offset).getUTCHours();
  const out: StageVisit[] = [];
  for (const visit of visits) {
    const windowStartAt = instantOfMinute(day.date, day.timeZone, visit.windowStart);
    visit.stages.forEach((stage, index) => {
      const m = measureVisit(periodRowsOf(stage, day.date, day.timeZone), windowStartAt);
      out.push({
        ...m,
        date: day.date,
        stage: stage.stage,
        number: visit.number,
        lane: visit.lane,
        window: windowName(visit.windowStart, visit.windowEnd),
        status: 'done',
        firstStage: index === 0,
        windowStartAt,
        hour: m.waitStartedAt === null ? null : hourOf(m.waitStartedAt),
        unverified: false,
        claim: null,
      });
    });
  }
  return out;
}

/** One ticket of a recorded day: its booking and each stage visit's period rows. */
export interface RecordedTicket {
  /** The lane booked (a late citizen's ticket is in standby; the booking says where they booked). */
  bookedLane: LaneId;
  /** The booked window, `HH:MM`. */
  windowStart: string;
  stages: { stage: string; periods: readonly PeriodRow[] }[];
}

const bookableLanes: ReadonlySet<string> = new Set(laneIds.filter((l) => l !== 'standby'));

/** Minutes of the day of an instant on `date` (the office's wall clock). */
const minuteOf = (instant: number, dayStart: number) => (instant - dayStart) / 60_000;

/**
 * A recorded day's tickets as the simulator's bookings, in check-in order: the arrival is the
 * check-in (the first waiting period's start: a citizen sent away as too early is replayed from
 * when they came back), the window and lane are the booked ones, and each stage's service minutes
 * are the counter's time with the visit, from its call to the end of its service (the walk up
 * included: replay with `walkUpMinutes: 0`). A ticket never called at its first stage is left out
 * (it walked out or is still waiting); one not served at a later stage is replayed with no time
 * there. Throws on a ticket whose window is not one of the day's.
 */
export function replayBookings(
  tickets: readonly RecordedTicket[],
  day: { date: LocalDate; timeZone: string; open: number; windowMinutes: number; stages: readonly string[] },
): SimulatedBooking[] {
  const dayStart = instantAt(day.date, '00:00', day.timeZone);
  const first = day.stages[0];
  const replayed: { checkIn: number; booking: SimulatedBooking }[] = [];
  for (const ticket of tickets) {
    if (!bookableLanes.has(ticket.bookedLane))
      throw new Error(`a booking in lane ${ticket.bookedLane}: bookings are in the bookable lanes`);
    const windowStart = minutesOf(ticket.windowStart);
    const offset = windowStart - day.open;
    if (offset < 0 || offset % day.windowMinutes !== 0)
      throw new Error(`window ${ticket.windowStart} is not one of the day's windows`);
    const checkInStage = ticket.stages.find((s) => s.stage === first);
    const waiting = checkInStage?.periods.filter((p) => p.state === 'waiting') ?? [];
    const called = checkInStage?.periods.some((p) => p.state === 'called') ?? false;
    if (!waiting.length || !called) continue;
    const checkIn = Math.min(...waiting.map((p) => p.startedAt));
    const serviceMinutes: Record<string, number> = {};
    for (const stage of day.stages) {
      const periods = ticket.stages.find((s) => s.stage === stage)?.periods ?? [];
      let ms = 0;
      for (const p of periods)
        if ((p.state === 'called' || p.state === 'serving') && p.endedAt !== null)
          ms += p.endedAt - p.startedAt;
      serviceMinutes[stage] = ms / 60_000;
    }
    replayed.push({
      checkIn,
      booking: {
        window: offset / day.windowMinutes + 1,
        lane: ticket.bookedLane as Exclude<LaneId, 'standby'>,
        arrivalMinute: minuteOf(checkIn, dayStart),
        serviceMinutes,
      },
    });
  }
  return replayed.sort((a, b) => a.checkIn - b.checkIn).map((r) => r.booking);
}

/** The counters that called at each stage that day: the simulator's officers per stage. */
export function countersPerStage(
  tickets: readonly RecordedTicket[],
  stages: readonly string[],
): Record<string, number> {
  const counters = new Map<string, Set<number>>(stages.map((s) => [s, new Set<number>()]));
  for (const ticket of tickets)
    for (const stage of ticket.stages)
      for (const p of stage.periods)
        if (p.state === 'called' && p.counter !== null) counters.get(stage.stage)?.add(p.counter);
  return Object.fromEntries(stages.map((s) => [s, counters.get(s)?.size ?? 0]));
}
