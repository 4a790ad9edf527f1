import { LoketError } from '../../domain/errors.ts';
import { counterOf } from '../../domain/floor.ts';
import { instantAt, minutesOf, plusDays, type LocalDate } from '../../domain/localTime.ts';
import { openingHoursOn } from '../../domain/office.ts';
import { aggregateKpi, type KpiAggregate } from '../../domain/reports/kpi.ts';
import { defaultOutlierZ } from '../../domain/reports/outliers.ts';
import type { PeriodRow } from '../../domain/reports/visits.ts';
import {
  floorDayInput,
  runFloorDay,
  type FloorDayInput,
  type FloorDayOutcome,
} from '../../domain/simulation/floorDay.ts';
import { applicantStages } from '../../domain/simulation/officeDay.ts';
import {
  countersPerStage,
  replayBookings,
  stageVisitsOf,
  type RecordedTicket,
} from '../../domain/simulation/replay.ts';
import { closedDaysReadOnly } from '../calendar.ts';
import type { ServiceContext } from '../context.ts';
import { defaultWaitThresholdMinutes, defaultWindowGraceMinutes } from '../reports/kpi.ts';
import { visitsOfDays } from '../reports/dayVisits.ts';
import { floorDayFor, policiesNamed } from './floorDay.ts';

/**
 * A recorded floor day against the simulator: the day's tickets and period rows read from the
 * floor's database, replayed through the floor-day simulator (each citizen's check-in, booked
 * window and lane, each stage's measured counter time, the counters that called at each stage and
 * their breaks), and both days' KPIs computed by the reports' own code. Reads only.
 */

/** The KPI settings a replay compares with: the reports' defaults, the day read as closed. */
function kpiSettings(date: LocalDate) {
  return {
    today: plusDays(date, 1),
    windowGraceMinutes: defaultWindowGraceMinutes,
    waitThresholdMinutes: defaultWaitThresholdMinutes,
    outlierZ: defaultOutlierZ,
  };
}

/** A day's tickets with their booked lane and window and each stage visit's period rows. */
export function recordedTickets(ctx: ServiceContext, date: LocalDate): RecordedTicket[] {
  const entries = ctx.store.reports.entries(date, date);
  const periods = new Map<string, PeriodRow[]>();
  ctx.store.reports.eachPeriod(date, date, (entryId, seq, state, startedAt, endedAt, officerId, counter) => {
    const rows = periods.get(entryId);
    const row = { seq, state, startedAt, endedAt, officerId, counter };
    if (rows) rows.push(row);
    else periods.set(entryId, [row]);
  });
  const tickets = new Map<string, RecordedTicket>();
  for (const entry of entries) {
    let ticket = tickets.get(entry.ticketId);
    if (!ticket) {
      const record = ctx.store.tickets.find(entry.ticketId);
      const booking = record ? ctx.store.bookings.find(record.bookingCode) : null;
      ticket = { bookedLane: booking?.lane ?? 'regular', windowStart: entry.windowStart, stages: [] };
      tickets.set(entry.ticketId, ticket);
    }
    ticket.stages.push({ stage: entry.stage, periods: periods.get(entry.id) ?? [] });
  }
  return [...tickets.values()];
}

/**
 * The simulator's input replaying `date`: the office's day (hours, windows, check-in rules,
 * calling policy) with the recorded citizens as bookings, the counters that called at each stage as
 * its officers, the breaks the counters took (each on its stage), no walk up of its own (it is in
 * the measured counter time) and no handover visits (another day's citizens, not replayed).
 */
export function replayInput(ctx: ServiceContext, date: LocalDate): FloorDayInput {
  const office = ctx.store.office.get();
  const hours = openingHoursOn(office, date);
  if (!hours)
    throw new LoketError('INVALID_INPUT', {
      id: `Kantor tutup pada ${date}; tidak ada hari yang dapat diputar ulang.`,
      en: `The office is closed on ${date}; there is no day to replay.`,
    });
  const stages = applicantStages(office);
  const tickets = recordedTickets(ctx, date);
  const bookings = replayBookings(tickets, {
    date,
    timeZone: office.timeZone,
    open: minutesOf(hours.open),
    windowMinutes: office.windowMinutes,
    stages,
  });
  if (!bookings.length)
    throw new LoketError('INVALID_INPUT', {
      id: `Tidak ada kunjungan yang dipanggil pada ${date}.`,
      en: `No visit was called on ${date}.`,
    });
  const counters = countersPerStage(tickets, stages);
  const officers = Object.fromEntries(stages.map((s) => [s, Math.max(1, counters[s] ?? 0)]));
  const year = Number(date.slice(0, 4));
  const calendar = closedDaysReadOnly(ctx, year, year + 1);
  const base = floorDayFor({ office, calendar }, { date, officers, handoverVisits: 0 });
  const dayStart = instantAt(date, '00:00', office.timeZone);
  const since = instantAt(date, hours.open, office.timeZone);
  const until = instantAt(date, hours.close, office.timeZone);
  const breaks = new Map<string, { start: number; end: number; officers: number }[]>(
    stages.map((s) => [s, []]),
  );
  for (const period of ctx.store.reports.counterPeriods(since, until)) {
    if (period.state !== 'on_break') continue;
    const stage = counterOf(office.floor, period.counter)?.stages.find((s) => stages.includes(s));
    if (!stage) continue;
    const start = Math.max(0, (period.startedAt - dayStart) / 60_000);
    const end = Math.min(1440, ((period.endedAt ?? until) - dayStart) / 60_000);
    if (end > start) breaks.get(stage)?.push({ start, end, officers: 1 });
  }
  return floorDayInput.parse({
    ...base,
    stages: base.stages.map((s) => ({ ...s, breaks: breaks.get(s.id) ?? [] })),
    walkUpMinutes: 0,
    bookings,
    handover: null,
  });
}

/**
 * A simulated day's KPIs (run with `keepVisits`) through the reports' code, with the reports'
 * default settings: the figures a supervisor reads for a floor day, for a day that did not happen.
 */
export function kpiOfSimulatedDay(input: FloorDayInput, outcome: FloorDayOutcome): KpiAggregate {
  if (!outcome.visits) throw new Error('run the day with keepVisits to read its KPIs');
  return aggregateKpi(
    stageVisitsOf(outcome.visits, { date: input.date, timeZone: input.timeZone }),
    kpiSettings(input.date),
    input.stages.map((s) => s.id),
  );
}

export interface ReplayedDay {
  input: FloorDayInput;
  outcome: FloorDayOutcome;
  /** The recorded day's KPIs, read from its period rows as the reports read them. */
  recorded: KpiAggregate;
  /** The replayed day's KPIs, through the same code. */
  simulated: KpiAggregate;
}

/** Replays `date` under `policy` (`window`: the floor's own rules) and reads both days' KPIs. */
export function replayDay(ctx: ServiceContext, date: LocalDate, policy = 'window'): ReplayedDay {
  const input = replayInput(ctx, date);
  const [resolved] = policiesNamed([policy], input);
  if (!resolved) throw new Error('policiesNamed answers one policy per name');
  const outcome = runFloorDay(input, resolved, 1, { keepVisits: true });
  const settings = kpiSettings(date);
  const recorded = aggregateKpi(
    visitsOfDays(ctx, date, date, settings.today),
    settings,
    input.stages.map((s) => s.id),
  );
  const simulated = kpiOfSimulatedDay(input, outcome);
  return { input, outcome, recorded, simulated };
}
