import fs from 'node:fs';
import path from 'node:path';
import type { Appointment } from '../domain/appointment.ts';
import type { CalendarDay } from '../domain/calendar.ts';
import type { Clock } from '../domain/clock.ts';
import { localDateOf } from '../domain/localTime.ts';
import { defaultOfficeConfig, type OfficeConfig } from '../domain/office.ts';
import { closedDaysReadOnly } from '../services/calendar.ts';
import { readShippedCalendar, sourceCalendarDir } from '../services/calendarFiles.ts';
import type { ServiceContext } from '../services/context.ts';
import { firstWorkingDayFrom } from '../services/simulation/console.ts';
import { databaseFileName, openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';

/**
 * Where `loket simulate` and `loket plan-quota` read an office day from: the floor's database,
 * opened read-only (nothing written, no floor made where there is none), or the default office and
 * the shipped calendars. One place for both commands.
 */
export interface DaySource {
  office: OfficeConfig;
  calendar: CalendarDay[];
  /** The day's imported bookings; only with a floor. */
  bookingsOf?: (date: string) => Appointment[];
  /** Today in the office's time zone, or the next day it works. */
  today: string;
}

export interface FloorFolder {
  /** `--data` or LOKET_DATA; undefined: the defaults. */
  dataDir: string | undefined;
  clock: Clock;
}

/** Runs `work` with the day's source, closing the floor's database after. */
export async function withDaySource<T>(
  folder: FloorFolder,
  usage: (message: string) => Error,
  work: (source: DaySource) => Promise<T>,
): Promise<T> {
  const now = folder.clock.now();
  const today = (office: OfficeConfig, calendar: readonly CalendarDay[]) =>
    firstWorkingDayFrom(office, calendar, localDateOf(now, office.timeZone));
  if (folder.dataDir === undefined) {
    const calendar = shippedCalendarDays();
    return work({ office: defaultOfficeConfig, calendar, today: today(defaultOfficeConfig, calendar) });
  }
  const floorDir = path.resolve(folder.dataDir);
  if (!fs.existsSync(path.join(floorDir, databaseFileName)))
    throw usage(`no Loket floor in ${floorDir} (${databaseFileName} is missing)`);
  const store = new Store(openDatabase(floorDir, { readonly: true }));
  try {
    const ctx: ServiceContext = { store, clock: folder.clock };
    const office = store.office.get();
    const year = Number(localDateOf(now, office.timeZone).slice(0, 4));
    const calendar = closedDaysReadOnly(ctx, year - 1, year + 2);
    return await work({
      office,
      calendar,
      bookingsOf: (date) => store.bookings.fromDate(date),
      today: today(office, calendar),
    });
  } finally {
    store.close();
  }
}

/** The calendars shipped in resources/calendars, every year there is one for. */
export function shippedCalendarDays(): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (const file of fs.readdirSync(sourceCalendarDir)) {
    const year = /^(\d{4})\.json$/.exec(file)?.[1];
    if (!year) continue;
    const shipped = readShippedCalendar(sourceCalendarDir, Number(year));
    if (shipped.state === 'ok') days.push(...shipped.calendar.days);
  }
  return days;
}
