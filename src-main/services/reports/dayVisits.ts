import { instantAt, localDateOf, plusDays, utcOffsetMinutes } from '../../domain/localTime.ts';
import { VisitTally, type StageVisit, type VisitMeasures } from '../../domain/reports/visits.ts';
import type { Store } from '../../store/store.ts';
import type { ServiceContext } from '../context.ts';

/**
 * The measured stage visits of a range of office days, every filter still to apply. A closed day
 * (before today) is measured once and kept while nothing of it changes (`store.dayChanges`): a
 * year's report reads the period rows of the days that moved and of today, not of the whole year.
 * What is kept derives from the period rows alone and is never written anywhere.
 */
export function visitsOfDays(ctx: ServiceContext, from: string, to: string, today: string): StageVisit[] {
  const zone = ctx.store.office.get().timeZone;
  const kept = keptFor(ctx.store, zone);
  const visits: StageVisit[] = [];
  // Days not kept are read in runs of consecutive days: one read per run, not per day.
  let run: string[] = [];
  const readRun = () => {
    if (run.length === 0) return;
    const measured = measureDays(ctx.store, zone, run[0] as string, run[run.length - 1] as string);
    for (const day of run) {
      const dayVisits = measured.get(day) ?? [];
      if (day < today) kept.days.set(day, { version: ctx.store.dayChanges.version(day), visits: dayVisits });
      for (const v of dayVisits) visits.push(v);
    }
    run = [];
  };
  for (let day = from; day <= to; day = plusDays(day, 1)) {
    const known = day < today ? kept.days.get(day) : undefined;
    if (known && known.version === ctx.store.dayChanges.version(day)) {
      readRun();
      for (const v of known.visits) visits.push(v);
    } else run.push(day);
  }
  readRun();
  return visits;
}

/**
 * Measures and keeps the closed days of a range one day at a time, letting the hub serve the floor
 * between days: a year's first report then never holds a check-in for more than a day's read.
 */
export async function keepDays(ctx: ServiceContext, from: string, to: string): Promise<void> {
  const today = localDateOf(ctx.clock.now(), ctx.store.office.get().timeZone);
  for (let day = from; day <= to && day < today; day = plusDays(day, 1)) {
    const kept = keptPerStore.get(ctx.store)?.days.get(day);
    if (kept && kept.version === ctx.store.dayChanges.version(day)) continue;
    visitsOfDays(ctx, day, day, today);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

interface KeptDays {
  zone: string;
  days: Map<string, { version: number; visits: StageVisit[] }>;
}

const keptPerStore = new WeakMap<Store, KeptDays>();

function keptFor(store: Store, zone: string): KeptDays {
  let kept = keptPerStore.get(store);
  // Another time zone places every window and hour elsewhere: nothing kept holds.
  if (!kept || kept.zone !== zone) {
    kept = { zone, days: new Map() };
    keptPerStore.set(store, kept);
  }
  return kept;
}

/** Reads and measures the stage visits of the days from..to, by day (two reads for the whole range). */
function measureDays(store: Store, zone: string, from: string, to: string): Map<string, StageVisit[]> {
  const entries = store.reports.entries(from, to);
  // A window's start instant and a day's offset from UTC, once per day (luxon is not free over a year).
  const windowStarts = new Map<string, number>();
  const windowStartOf = (date: string, time: string) => {
    const key = `${date} ${time}`;
    let instant = windowStarts.get(key);
    if (instant === undefined) {
      instant = instantAt(date, time, zone);
      windowStarts.set(key, instant);
    }
    return instant;
  };
  const offsets = new Map<string, number>();
  const localHour = (date: string, instant: number) => {
    let offset = offsets.get(date);
    if (offset === undefined) {
      offset = utcOffsetMinutes(instantAt(date, '12:00', zone), zone) * 60_000;
      offsets.set(date, offset);
    }
    return new Date(instant + offset).getUTCHours();
  };
  // The same few words for every visit (stages, lanes, windows, statuses): kept once, not per visit.
  const words = new Map<string, string>();
  const word = <T extends string>(text: T): T => {
    const known = words.get(text);
    if (known !== undefined) return known as T;
    words.set(text, text);
    return text;
  };

  const tallies = new Map<string, VisitTally>();
  for (const entry of entries)
    tallies.set(entry.id, new VisitTally(windowStartOf(entry.officeDate, entry.windowStart)));
  store.reports.eachPeriod(from, to, (entryId, seq, state, startedAt, endedAt, officerId, counter) =>
    tallies.get(entryId)?.add(seq, state, startedAt, endedAt, officerId, counter),
  );
  const measured = entries.map((entry) => (tallies.get(entry.id) as VisitTally).measures());
  // A ticket's check-in visit is the one whose first period came first.
  const checkInVisit = new Map<string, number>();
  entries.forEach((entry, i) => {
    const seen = checkInVisit.get(entry.ticketId);
    if (
      seen === undefined ||
      (measured[i] as VisitMeasures).firstSeq < (measured[seen] as VisitMeasures).firstSeq
    )
      checkInVisit.set(entry.ticketId, i);
  });

  const byDay = new Map<string, StageVisit[]>();
  entries.forEach((entry, i) => {
    const m = measured[i] as VisitMeasures;
    // Every field named, in one order: a year of visits shares one shape.
    const visit: StageVisit = {
      wait: m.wait,
      walkUp: m.walkUp,
      service: m.service,
      firstCallAt: m.firstCallAt,
      calledCounter: m.calledCounter,
      calledOfficerId: m.calledOfficerId === null ? null : word(m.calledOfficerId),
      waitStartedAt: m.waitStartedAt,
      held: m.held,
      firstSeq: m.firstSeq,
      date: word(entry.officeDate),
      stage: word(entry.stage),
      number: entry.number,
      lane: word(entry.lane),
      window: word(`${entry.windowStart}–${entry.windowEnd}`),
      status: word(entry.status),
      firstStage: checkInVisit.get(entry.ticketId) === i,
      windowStartAt: (tallies.get(entry.id) as VisitTally).windowStartAt,
      hour: m.waitStartedAt === null ? null : localHour(entry.officeDate, m.waitStartedAt),
      unverified: entry.unverified,
      claim: entry.claim,
    };
    const day = byDay.get(visit.date);
    if (day) day.push(visit);
    else byDay.set(visit.date, [visit]);
  });
  return byDay;
}
