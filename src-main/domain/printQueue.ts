import { isWorkingDay, type WorkingWeek } from './calendar.ts';
import { instantAt, localDateOf, minutesOf, plusDays, weekdayOf, type LocalDate } from './localTime.ts';
import type { PickupConfig } from './office.ts';

/**
 * The passport print queue (DESIGN §5): earliest deadline first — the promised pickup date, then
 * the approval time — and each job's projected finish from the printer's measured pace, against
 * its promise. The office has one printer and it sets the pace: a promise the projection misses is
 * a warning for the supervisor while there is still time to act.
 */

export interface QueuedJob {
  id: string;
  /** The pickup date promised at the interview (the receipt's date). */
  promisedDate: LocalDate;
  approvedAt: number;
}

/** Earliest deadline first: the promised date, then who was approved first; the id breaks a tie. */
export function byDeadline(a: QueuedJob, b: QueuedJob): number {
  if (a.promisedDate !== b.promisedDate) return a.promisedDate < b.promisedDate ? -1 : 1;
  if (a.approvedAt !== b.approvedAt) return a.approvedAt - b.approvedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface PrintPace {
  /** Seconds the printer takes for one passport. */
  secondsPerPassport: number;
  /** `measured` from the last prints, or `configured` from the daily capacity until there are enough. */
  basis: 'measured' | 'configured';
  samples: number;
}

/** Prints measured before the pace is trusted over the configured capacity. */
export const minimumSamples = 3;

/**
 * The printer's pace: the median of the last prints' durations (a jam or a long pause does not
 * drag it), or, with fewer than `minimumSamples`, a working day's minutes shared by the daily
 * capacity the office configured.
 */
export function printPace(
  durationsMs: readonly number[],
  fallback: { workingMinutesPerDay: number; capacityPerDay: number },
): PrintPace {
  const usable = durationsMs.filter((d) => Number.isFinite(d) && d > 0);
  if (usable.length < minimumSamples) {
    return {
      secondsPerPassport: (fallback.workingMinutesPerDay * 60) / fallback.capacityPerDay,
      basis: 'configured',
      samples: usable.length,
    };
  }
  const sorted = [...usable].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { secondsPerPassport: median / 1000, basis: 'measured', samples: usable.length };
}

/** The stretches of time the printer works: the office's opening hours on working days. */
export interface WorkingTime extends WorkingWeek {
  timeZone: string;
}

/** [start, end) instants of the printer's working stretches from `from` on, for `days` days. */
export function workingStretches(from: number, days: number, time: WorkingTime): [number, number][] {
  const stretches: [number, number][] = [];
  const first = localDateOf(from, time.timeZone);
  for (let i = 0; i < days; i += 1) {
    const date = plusDays(first, i);
    if (!isWorkingDay(date, time)) continue;
    const hours = time.officeHours[weekdayOf(date)];
    if (!hours) continue;
    const start = Math.max(from, instantAt(date, hours.open, time.timeZone));
    const end = instantAt(date, hours.close, time.timeZone);
    if (end > start) stretches.push([start, end]);
  }
  return stretches;
}

export interface Projection {
  id: string;
  /** 1 for the job the printer takes next. */
  position: number;
  /** When the passport is expected off the printer; null when it falls beyond the stretches given. */
  projectedFinish: number | null;
  /** The promise: pickup opens on the promised date at the pickup hours' opening. */
  deadline: number;
  /** The projection misses the promise (or cannot be made). */
  atRisk: boolean;
}

/**
 * Walks the queue in order through the printer's working stretches at its pace: each job's
 * projected finish, and whether it misses its promise. `busyUntil` is when the job on the printer
 * now (if any) comes off it.
 */
export function projectQueue(
  jobs: readonly QueuedJob[],
  input: {
    now: number;
    pace: PrintPace;
    time: WorkingTime;
    pickupHours: PickupConfig['hours'];
    busyUntil?: number;
  },
): Projection[] {
  const ordered = [...jobs].sort(byDeadline);
  const last = ordered.at(-1);
  // Enough stretches to reach past the last promise, with room for a queue already late.
  const horizonDays = last
    ? Math.max(14, dayDistance(localDateOf(input.now, input.time.timeZone), last.promisedDate) + 30)
    : 0;
  const stretches = workingStretches(input.busyUntil ?? input.now, horizonDays, input.time);
  const stepMs = input.pace.secondsPerPassport * 1000;
  let stretch = 0;
  let cursor = stretches[0]?.[0] ?? Infinity;
  return ordered.map((job, index) => {
    let remaining = stepMs;
    let finish: number | null = null;
    while (stretch < stretches.length) {
      const [, end] = stretches[stretch] as [number, number];
      if (cursor + remaining <= end) {
        cursor += remaining;
        finish = cursor;
        break;
      }
      // The job does not fit before closing: the printer starts it again the next working morning.
      stretch += 1;
      cursor = stretches[stretch]?.[0] ?? Infinity;
      remaining = stepMs;
    }
    const deadline = instantAt(job.promisedDate, input.pickupHours.open, input.time.timeZone);
    return {
      id: job.id,
      position: index + 1,
      projectedFinish: finish,
      deadline,
      atRisk: finish === null || finish > deadline,
    };
  });
}

function dayDistance(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A working day's minutes in the office's usual week: the longest weekday's opening hours. */
export function workingMinutesPerDay(officeHours: WorkingWeek['officeHours']): number {
  const minutes = Object.values(officeHours).map((h) => (h ? minutesOf(h.close) - minutesOf(h.open) : 0));
  return Math.max(60, ...minutes);
}
