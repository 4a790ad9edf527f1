import type { ApplicationKind } from '../applicationKinds.ts';
import type { CalendarDay } from '../calendar.ts';
import { priorityLaneIds, type LaneId } from '../laneIds.ts';
import { minutesOf, type LocalDate } from '../localTime.ts';
import { openingHoursOn, type OfficeConfig } from '../office.ts';
import { printPace, workingMinutesPerDay } from '../printQueue.ts';
import type { Distribution } from './distributions.ts';
import type { FloorDayInput, SimulatedBooking } from './floorDay.ts';

/**
 * A simulated day built from the office's own configuration (hours, windows, check-in tolerances,
 * lanes and quotas, stages and counters, calling policy, pickup rule, printer capacity, calendar),
 * with the behaviour no configuration holds taken from the Denpasar defaults below. Every default
 * and its source is in docs/simulation.md.
 */

export type BookableLane = Exclude<LaneId, 'standby'>;

/**
 * Denpasar's demand at 2022's peak (shared/data: 4,657 passports in June 2022, about 20 working
 * days, so about 230 a day): 30 bookings a window over eight windows, 240 a day, of whom 5% do not
 * come, about 228 applicants. The lane split is an assumption (a tenth priority and older citizens).
 */
export const denpasarBookingsPerWindow: Record<BookableLane, number> = {
  regular: 23,
  lansia: 3,
  disabilitas: 1,
  hamil: 1,
  balita: 2,
};

/** Assumed, not measured (no published arrival study): see docs/simulation.md. */
export const denpasarArrival: FloorDayInput['arrival'] = {
  noShow: 0.05,
  early: 0.5,
  late: 0.1,
  earlyMinutes: { kind: 'uniform', minMinutes: 0, maxMinutes: 75 },
  lateMinutes: { kind: 'exponential', meanMinutes: 20 },
};

/**
 * New passports against replacements from shared/data (2022: 21,695 new, 19,209 replacements of
 * 40,904); how the replacements split is an assumption.
 */
export const denpasarKindMix: Record<ApplicationKind, number> = {
  baru: 0.53,
  habis_berlaku: 0.42,
  halaman_penuh: 0.02,
  hilang: 0.02,
  rusak: 0.01,
};

/**
 * Service minutes per stage (log-normal, mean and coefficient of variation). Chosen so that the
 * interview stage of the default floor (4 counters) runs at about 80% of its officers' hours, as
 * the published study of an Indonesian office measured at photo and interview (81% with 3 servers).
 */
export const denpasarService: Record<string, Distribution> = {
  documents: { kind: 'lognormal', meanMinutes: 2.5, cv: 0.5 },
  interview: { kind: 'lognormal', meanMinutes: 6, cv: 0.4 },
  handover: { kind: 'lognormal', meanMinutes: 0.6, cv: 0.5 },
};
const otherStageService: Distribution = { kind: 'lognormal', meanMinutes: 5, cv: 0.5 };

export interface OfficeDayChoices {
  /** Officers per stage, instead of the counters the floor configuration has for it. */
  officers?: Record<string, number>;
  /** Bookings per window per lane; absent: the Denpasar demand. */
  bookingsPerWindow?: Partial<Record<BookableLane, number>>;
  /** A real day's bookings (from the floor's imported appointments), instead of generated ones. */
  bookings?: SimulatedBooking[];
  /** Passports collected at the handover counters during the day. */
  handoverVisits?: number;
}

/** The applicant's path: the first stage and each `next`, leaving out the pickup stage. */
export function applicantStages(office: OfficeConfig): string[] {
  const pickup = office.pickup.stage;
  const path: string[] = [];
  let stage = office.floor.stages.find((s) => s.id !== pickup) ?? null;
  while (stage && !path.includes(stage.id)) {
    path.push(stage.id);
    const next = stage.next;
    stage = next ? (office.floor.stages.find((s) => s.id === next) ?? null) : null;
  }
  return path;
}

/** Every bookable lane's bookings in every window of the day. */
export function bookingsFromQuota(
  perWindow: Partial<Record<BookableLane, number>>,
  windows: number,
): SimulatedBooking[] {
  const bookings: SimulatedBooking[] = [];
  for (let window = 1; window <= windows; window += 1)
    for (const lane of ['regular', ...priorityLaneIds] as const)
      for (let i = 0; i < (perWindow[lane] ?? 0); i += 1) bookings.push({ window, lane });
  return bookings;
}

/** The office's lanes' quotas per window, as `bookingsPerWindow`. */
export function quotaOf(office: OfficeConfig): Record<BookableLane, number> {
  const quota = { regular: 0, lansia: 0, disabilitas: 0, hamil: 0, balita: 0 };
  for (const lane of office.lanes) if (lane.id !== 'standby') quota[lane.id] = lane.quotaPerWindow;
  return quota;
}

/** Staggered breaks: half the stage's officers 12:00–12:30, the others 12:30–13:00. */
function lunchBreaks(
  officers: number,
  open: number,
  close: number,
): FloorDayInput['stages'][number]['breaks'] {
  if (officers < 2 || open > 12 * 60 || close < 13 * 60) return [];
  const first = Math.floor(officers / 2);
  return [
    { start: 12 * 60, end: 12 * 60 + 30, officers: first },
    { start: 12 * 60 + 30, end: 13 * 60, officers: officers - first },
  ];
}

/**
 * The simulator's input for `date` at this office. Null when the office is shut that day (the
 * caller says so). Not yet validated: the caller parses it with `floorDayInput`, so a choice out of
 * bounds gets the schema's clear error.
 */
export function officeDay(
  office: OfficeConfig,
  date: LocalDate,
  calendar: readonly CalendarDay[],
  choices: OfficeDayChoices = {},
): unknown {
  const hours = openingHoursOn(office, date);
  if (!hours) return null;
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  const windows = Math.ceil((close - open) / office.windowMinutes);
  const countersFor = (stage: string) => office.floor.counters.filter((c) => c.stages.includes(stage)).length;
  const stages = applicantStages(office).map((id) => {
    const officers = choices.officers?.[id] ?? countersFor(id);
    return {
      id,
      officers,
      service: denpasarService[id] ?? otherStageService,
      breaks: Number.isInteger(officers) && officers > 0 ? lunchBreaks(officers, open, close) : [],
    };
  });
  const handoverOfficers = choices.officers?.[office.pickup.stage] ?? countersFor(office.pickup.stage);
  const pace = printPace([], {
    workingMinutesPerDay: workingMinutesPerDay(office.hours),
    capacityPerDay: office.pickup.printerCapacityPerDay,
  });
  return {
    date,
    timeZone: office.timeZone,
    open,
    close,
    windowMinutes: office.windowMinutes,
    checkIn: office.checkIn,
    calling: office.floor.calling,
    stages,
    bookings:
      choices.bookings ?? bookingsFromQuota(choices.bookingsPerWindow ?? denpasarBookingsPerWindow, windows),
    arrival: denpasarArrival,
    kindMix: denpasarKindMix,
    handover:
      handoverOfficers > 0
        ? {
            officers: handoverOfficers,
            service: denpasarService.handover,
            visits: choices.handoverVisits ?? 200,
            from: minutesOf(office.pickup.hours.open),
            to: minutesOf(office.pickup.hours.close),
          }
        : null,
    printer: {
      secondsPerPassport: pace.secondsPerPassport,
      spoilRate: 0.02,
      backlogAtOpen: 60,
      approvalsPerDayBefore: 230,
    },
    pickup: {
      workingDays: office.pickup.workingDays,
      printerCapacityPerDay: office.pickup.printerCapacityPerDay,
      hours: office.pickup.hours,
    },
    calendar,
    officeHours: office.hours,
    closures: office.closures,
  };
}
