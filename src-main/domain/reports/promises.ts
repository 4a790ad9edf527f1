import { localDateOf, plusDays, type LocalDate } from '../localTime.ts';

/**
 * Promises kept (the service standard's "waktu penyelesaian"): every interviewed application, by the
 * pickup date promised for it (its print job's promised date once approved, else the application's
 * pickup date), and what became of the promise.
 *
 * - printed on time: printed (printed, ready or collected) on or before the promised day, office time;
 * - late: printed after the promised day, or still not printed once the promised day has passed
 *   (`notPrinted` is that part of `late`); a promise not yet due and not printed is neither;
 * - each late one has one cause, the first that holds, in this order:
 *   1. adjudication: never approved, approved on the day before the promised day or later, or sent
 *      back at least once;
 *   2. spoils: its job had a booklet spoiled;
 *   3. pausedPrinter: the passport printer was paused at some time while the job waited (from its
 *      approval until it was printed, or until now while it is not);
 *   4. printerBacklog: anything else: the queue ahead of it was longer than the printer.
 * - collected: handed over; uncollectedAfter30Days: ready, not collected, ready more than 30 days ago (as the
 *   handover desk's list for cancellation counts them).
 */

export const lateCauses = ['printerBacklog', 'spoils', 'pausedPrinter', 'adjudication'] as const;
export type LateCause = (typeof lateCauses)[number];

/** What the records say of one promise. */
export interface PromiseRecord {
  promisedDate: LocalDate;
  /** The print job's state; null while the application waits for its approval. */
  jobState: string | null;
  approvedAt: number | null;
  printedAt: number | null;
  readyAt: number | null;
  sentBack: boolean;
  spoiled: boolean;
}

/** A span the passport printer stood paused: [from, to), `to` null while it still is. */
export interface PauseSpan {
  from: number;
  to: number | null;
}

export const uncollectedAfterDays = 30;
const dayMs = 86_400_000;
const printedStates = new Set(['printed', 'ready', 'collected']);

/** The printer's pauses from its paused / resumed events in order, per print station. */
export function pauseSpans(
  events: readonly { type: 'printer.paused' | 'printer.resumed'; at: number; station: string | null }[],
): PauseSpan[] {
  const open = new Map<string | null, number>();
  const spans: PauseSpan[] = [];
  for (const event of events) {
    if (event.type === 'printer.paused') {
      if (!open.has(event.station)) open.set(event.station, event.at);
    } else {
      const from = open.get(event.station);
      if (from !== undefined) spans.push({ from, to: event.at });
      open.delete(event.station);
    }
  }
  for (const from of open.values()) spans.push({ from, to: null });
  return spans;
}

export const isPrinted = (r: PromiseRecord): boolean =>
  r.printedAt !== null && r.jobState !== null && printedStates.has(r.jobState);

// A year's report asks for the day before of a few hundred dates, a quarter of a million times.
const dayBeforeMemo = new Map<LocalDate, LocalDate>();
function dayBefore(date: LocalDate): LocalDate {
  let before = dayBeforeMemo.get(date);
  if (before === undefined) {
    before = plusDays(date, -1);
    if (dayBeforeMemo.size > 10_000) dayBeforeMemo.clear();
    dayBeforeMemo.set(date, before);
  }
  return before;
}

/** Why a late promise was late: the first cause that holds (see above). */
export function lateCause(
  r: PromiseRecord,
  pauses: readonly PauseSpan[],
  now: number,
  timeZone: string,
): LateCause {
  if (r.approvedAt === null || r.sentBack || localDateOf(r.approvedAt, timeZone) >= dayBefore(r.promisedDate))
    return 'adjudication';
  if (r.spoiled) return 'spoils';
  const waitFrom = r.approvedAt;
  const waitTo = isPrinted(r) ? (r.printedAt as number) : now;
  if (pauses.some((p) => p.from < waitTo && (p.to ?? now) > waitFrom)) return 'pausedPrinter';
  return 'printerBacklog';
}

export interface PromiseDay {
  date: LocalDate;
  promised: number;
  printedOnTime: number;
  late: number;
  notPrinted: number;
  lateBy: Record<LateCause, number>;
  collected: number;
  uncollectedAfter30Days: number;
}

export interface PromisesReport {
  from: LocalDate;
  to: LocalDate;
  days: PromiseDay[];
  total: {
    promised: number;
    printedOnTime: number;
    late: number;
    notPrinted: number;
    /** Printed on time out of the promises already decided (on time or late); null with none. */
    onTimeShare: number | null;
    collected: number;
    uncollectedAfter30Days: number;
  };
}

/** The promises due from `from` to `to` (both included), one row per promised date that has any. */
export function promisesReport(
  range: { from: LocalDate; to: LocalDate },
  records: readonly PromiseRecord[],
  pauses: readonly PauseSpan[],
  now: number,
  timeZone: string,
): PromisesReport {
  const today = localDateOf(now, timeZone);
  const byDate = new Map<LocalDate, PromiseDay>();
  for (const r of records) {
    if (r.promisedDate < range.from || r.promisedDate > range.to) continue;
    let day = byDate.get(r.promisedDate);
    if (!day) {
      day = {
        date: r.promisedDate,
        promised: 0,
        printedOnTime: 0,
        late: 0,
        notPrinted: 0,
        lateBy: { printerBacklog: 0, spoils: 0, pausedPrinter: 0, adjudication: 0 },
        collected: 0,
        uncollectedAfter30Days: 0,
      };
      byDate.set(r.promisedDate, day);
    }
    day.promised += 1;
    const printed = isPrinted(r);
    if (printed && localDateOf(r.printedAt as number, timeZone) <= r.promisedDate) day.printedOnTime += 1;
    else if (printed || r.promisedDate < today) {
      day.late += 1;
      if (!printed) day.notPrinted += 1;
      day.lateBy[lateCause(r, pauses, now, timeZone)] += 1;
    }
    if (r.jobState === 'collected') day.collected += 1;
    if (r.jobState === 'ready' && r.readyAt !== null && r.readyAt < now - uncollectedAfterDays * dayMs)
      day.uncollectedAfter30Days += 1;
  }
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const sum = (
    field: 'promised' | 'printedOnTime' | 'late' | 'notPrinted' | 'collected' | 'uncollectedAfter30Days',
  ) => days.reduce((n, d) => n + d[field], 0);
  const printedOnTime = sum('printedOnTime');
  const late = sum('late');
  return {
    from: range.from,
    to: range.to,
    days,
    total: {
      promised: sum('promised'),
      printedOnTime,
      late,
      notPrinted: sum('notPrinted'),
      onTimeShare: printedOnTime + late ? printedOnTime / (printedOnTime + late) : null,
      collected: sum('collected'),
      uncollectedAfter30Days: sum('uncollectedAfter30Days'),
    },
  };
}
