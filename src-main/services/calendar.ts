import type { z } from 'zod';
import type { ApplicationKind } from '../domain/applicationKinds.ts';
import {
  addCalendarDayInput,
  removeCalendarDayInput,
  type AddCalendarDayInput,
  type CalendarDay,
  type CalendarFile,
} from '../domain/calendar.ts';
import { LoketError } from '../domain/errors.ts';
import { isoInstant, plusDays, type LocalDate } from '../domain/localTime.ts';
import { pickupPromise, type PickupPromise } from '../domain/pickupPromise.ts';
import type { CalendarReloadView, CalendarYearView } from '../api/calendarViews.ts';
import type { StoredCalendarDay } from '../store/calendar.ts';
import { readShippedCalendar, sourceCalendarDir } from './calendarFiles.ts';
import type { Caller, ServiceContext } from './context.ts';

/**
 * The holiday calendar the floor works by. A year's shipped file (resources/calendars/<year>.json)
 * is loaded into the database the first time the year is needed; from then on the office's edits
 * (a day added, a day removed, each with who and when) are the floor's, and a reload of the
 * shipped year brings the file's changes without undoing them.
 */

/** Who loads a shipped year when the floor first needs it (not a person: the event log says so). */
const firstUse: Caller = { stationId: null, actor: 'loket' };

const calendarDirOf = (ctx: ServiceContext) => ctx.calendarDir ?? sourceCalendarDir;

/** The year's days, the shipped file's state and the office's closures that year. */
export function calendarYear(ctx: ServiceContext, year: number): CalendarYearView {
  return ctx.store.transaction(() => {
    ensureYear(ctx, year);
    return yearView(ctx, year);
  });
}

/** The office closes on one more day (a cuti bersama the government added, a holiday moved by isbat). */
export function addCalendarDay(
  ctx: ServiceContext,
  caller: Caller,
  input: AddCalendarDayInput,
): CalendarYearView {
  const day = parsed(addCalendarDayInput, input);
  const year = yearOf(day.date);
  return ctx.store.transaction(() => {
    ensureYear(ctx, year);
    const existing = ctx.store.calendar.day(day.date);
    if (existing && !existing.removed) {
      throw new LoketError(
        'CONFLICT',
        {
          id: `${day.date} sudah hari libur: ${existing.name.id}.`,
          en: `${day.date} is already a closed day: ${existing.name.en}.`,
        },
        { date: day.date },
      );
    }
    const at = ctx.clock.now();
    ctx.store.calendar.put(keptDay(day, 'office', at, caller.actor, day.reason || null));
    ctx.store.events.emit({
      type: 'calendar.dayAdded',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { date: day.date, kind: day.kind, name: day.name, reason: day.reason || null },
    });
    return yearView(ctx, year);
  });
}

/** The office works on a day the calendar closes (say the decree's day was moved); the reason is kept. */
export function removeCalendarDay(
  ctx: ServiceContext,
  caller: Caller,
  input: z.input<typeof removeCalendarDayInput>,
): CalendarYearView {
  const { date, reason } = parsed(removeCalendarDayInput, input);
  const year = yearOf(date);
  return ctx.store.transaction(() => {
    ensureYear(ctx, year);
    const at = ctx.clock.now();
    const existing = ctx.store.calendar.day(date);
    if (!existing || !ctx.store.calendar.remove(date, at, caller.actor, reason)) {
      throw new LoketError(
        'NOT_FOUND',
        { id: `${date} bukan hari libur di kalender.`, en: `${date} is not a closed day in the calendar.` },
        { date },
      );
    }
    ctx.store.events.emit({
      type: 'calendar.dayRemoved',
      at,
      actor: caller.actor,
      station: caller.stationId,
      payload: { date, kind: existing.kind, name: existing.name, origin: existing.origin, reason },
    });
    return yearView(ctx, year);
  });
}

/**
 * Loads the shipped file of a year again (a new decree replaced the estimate). Days the office
 * never touched take the file's version, new days come in, untouched days the file dropped go; a
 * day the office added or removed stays as the office left it, and is named in `keptEdits`.
 */
export function reloadCalendarYear(
  ctx: ServiceContext,
  caller: Caller,
  year: number,
): { calendar: CalendarYearView; reload: CalendarReloadView } {
  return ctx.store.transaction(() => {
    const shipped = readShippedCalendar(calendarDirOf(ctx), year);
    if (shipped.state === 'absent') {
      throw new LoketError(
        'NOT_FOUND',
        {
          id: `Tidak ada kalender ${year} yang dikirim bersama Loket.`,
          en: `No calendar for ${year} ships with Loket.`,
        },
        { year },
      );
    }
    if (shipped.state === 'invalid') {
      throw new LoketError(
        'INVALID_CONFIG',
        {
          id: `Berkas kalender ${year} tidak valid: ${shipped.problems.join('; ')}`,
          en: `The calendar file for ${year} is not valid: ${shipped.problems.join('; ')}`,
        },
        { problems: shipped.problems },
      );
    }
    const reload = loadShipped(ctx, caller, shipped.calendar);
    return { calendar: yearView(ctx, year), reload };
  });
}

/**
 * The pickup promise for an interview, from the floor's calendar and office configuration. The
 * caller gives the passports already promised per date (from the applications).
 */
export function promiseFor(
  ctx: ServiceContext,
  input: {
    interviewDate: LocalDate;
    applicationKind: ApplicationKind;
    bookedByDate: Readonly<Record<LocalDate, number>>;
  },
): PickupPromise {
  return ctx.store.transaction(() => {
    const year = yearOf(input.interviewDate);
    // A promise made in December may land in January.
    ensureYear(ctx, year);
    ensureYear(ctx, year + 1);
    const office = ctx.store.office.get();
    return pickupPromise({
      interviewDate: input.interviewDate,
      applicationKind: input.applicationKind,
      workingDays: office.pickup.workingDays,
      calendar: ctx.store.calendar.closedDaysBetween(input.interviewDate, plusDays(input.interviewDate, 400)),
      calendarYears: ctx.store.calendar.years().map((y) => y.year),
      officeHours: office.hours,
      closures: office.closures,
      printLoad: { capacityPerDay: office.pickup.printerCapacityPerDay, bookedByDate: input.bookedByDate },
    });
  });
}

/** Loads a shipped year the first time the floor needs it; a missing or broken file loads nothing. */
function ensureYear(ctx: ServiceContext, year: number): void {
  if (ctx.store.calendar.year(year)) return;
  const shipped = readShippedCalendar(calendarDirOf(ctx), year);
  // A broken file is shown on the calendar panel (`shipped.problems`) and promises say the year has
  // no calendar; the floor keeps working.
  if (shipped.state === 'ok') loadShipped(ctx, firstUse, shipped.calendar);
}

function loadShipped(ctx: ServiceContext, caller: Caller, file: CalendarFile): CalendarReloadView {
  const at = ctx.clock.now();
  const stored = new Map(ctx.store.calendar.daysOf(file.year).map((d) => [d.date, d]));
  const summary: CalendarReloadView = {
    year: file.year,
    added: 0,
    updated: 0,
    unchanged: 0,
    dropped: 0,
    keptEdits: [],
  };
  for (const day of file.days) {
    const existing = stored.get(day.date);
    stored.delete(day.date);
    if (existing && (existing.origin === 'office' || existing.removed)) {
      summary.keptEdits.push(day.date);
      continue;
    }
    const next = keptDay(day, 'shipped', at, caller.actor, null);
    if (existing && sameDay(existing, next)) {
      summary.unchanged += 1;
      continue;
    }
    ctx.store.calendar.put(next);
    if (existing) summary.updated += 1;
    else summary.added += 1;
  }
  for (const left of stored.values()) {
    if (left.origin !== 'shipped' || left.removed) continue;
    ctx.store.calendar.forget(left.date);
    summary.dropped += 1;
  }
  ctx.store.calendar.saveYear({
    year: file.year,
    source: file.source,
    provisional: file.provisional,
    note: file.note ?? null,
    loadedAt: at,
    loadedBy: caller.actor,
  });
  ctx.store.events.emit({
    type: 'calendar.loaded',
    at,
    actor: caller.actor,
    station: caller.stationId,
    payload: { ...summary, source: file.source, provisional: file.provisional },
  });
  return summary;
}

/** A day as the store keeps it: where it came from, who put it there, when and why. */
const keptDay = (
  day: CalendarDay,
  origin: StoredCalendarDay['origin'],
  at: number,
  by: string,
  reason: string | null,
): Omit<StoredCalendarDay, 'removed'> => ({
  date: day.date,
  kind: day.kind,
  name: day.name,
  provisional: day.provisional ?? false,
  note: day.note ?? null,
  origin,
  addedAt: at,
  addedBy: by,
  addedReason: reason,
});

const sameDay = (a: Omit<StoredCalendarDay, 'removed'>, b: Omit<StoredCalendarDay, 'removed'>) =>
  a.kind === b.kind &&
  a.name.id === b.name.id &&
  a.name.en === b.name.en &&
  a.provisional === b.provisional &&
  a.note === b.note;

function yearView(ctx: ServiceContext, year: number): CalendarYearView {
  const office = ctx.store.office.get();
  const when = (at: number) => isoInstant(at, office.timeZone);
  // Officers are kept by id in the store and the event log; people read their username.
  const who = (actor: string) => ctx.store.officers.user(actor)?.username ?? actor;
  const shipped = readShippedCalendar(calendarDirOf(ctx), year);
  const loaded = ctx.store.calendar.year(year);
  return {
    year,
    shipped: { state: shipped.state, problems: shipped.state === 'invalid' ? shipped.problems : [] },
    loaded: loaded && {
      source: loaded.source,
      provisional: loaded.provisional,
      note: loaded.note,
      at: when(loaded.loadedAt),
      by: who(loaded.loadedBy),
    },
    days: ctx.store.calendar.daysOf(year).map((d) => ({
      date: d.date,
      kind: d.kind,
      name: d.name,
      provisional: d.provisional,
      note: d.note,
      origin: d.origin,
      added: { at: when(d.addedAt), by: who(d.addedBy), reason: d.addedReason },
      removed: d.removed && { at: when(d.removed.at), by: who(d.removed.by), reason: d.removed.reason },
    })),
    closures: office.closures.filter((c) => c.date.startsWith(`${year}-`)),
  };
}

const yearOf = (date: LocalDate) => Number(date.slice(0, 4));

/** Input from the command line or a transport, checked once more here: a bad one changes nothing. */
function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ');
  throw new LoketError(
    'INVALID_INPUT',
    { id: `Data tidak valid: ${detail}`, en: `Not valid: ${detail}` },
    { issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
  );
}

/**
 * The days that close the office in the years from `fromYear` to `toYear`, read without writing: a
 * year the floor has loaded as it keeps it, a year it has not loaded yet as shipped (as it would be
 * loaded on first use). For the simulator, which never writes to the floor.
 */
export function closedDaysReadOnly(ctx: ServiceContext, fromYear: number, toYear: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    if (ctx.store.calendar.year(year))
      days.push(...ctx.store.calendar.closedDaysBetween(`${year}-01-01`, `${year}-12-31`));
    else {
      const shipped = readShippedCalendar(calendarDirOf(ctx), year);
      if (shipped.state === 'ok') days.push(...shipped.calendar.days);
    }
  }
  return days;
}
