import fs from 'node:fs';
import path from 'node:path';
import { readCalendarFile, type CalendarDay, type CalendarFile } from '../../src-main/domain/calendar.ts';

/** The calendars Loket ships (resources/calendars), as the office starts with them. */
export const shippedCalendarDir = path.resolve(import.meta.dirname, '../../resources/calendars');

export function shippedCalendar(year: number): CalendarFile {
  const reading = readCalendarFile(
    JSON.parse(fs.readFileSync(path.join(shippedCalendarDir, `${year}.json`), 'utf8')),
    year,
  );
  if (!reading.ok) throw new Error(`resources/calendars/${year}.json: ${reading.problems.join('; ')}`);
  return reading.calendar;
}

/** The days of 2026 and 2027 together, as a promise made in late 2026 sees them. */
export function shippedDays(): CalendarDay[] {
  return [...shippedCalendar(2026).days, ...shippedCalendar(2027).days];
}
