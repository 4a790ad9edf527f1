import fs from 'node:fs';
import path from 'node:path';
import { readCalendarFile, type CalendarFile } from '../domain/calendar.ts';
import { sourceResources } from '../runtime/resourcePaths.ts';

/**
 * `resources/calendars` of the source tree, where tests, the `loket` command and a headless hub
 * find it. The desktop app, bundled elsewhere, names its own folder (`ServiceContext.calendarDir`:
 * the packaged app's resources folder, electron-builder's extraResources).
 */
export const sourceCalendarDir = sourceResources.calendars;

export type ShippedCalendar =
  { state: 'ok'; calendar: CalendarFile } | { state: 'absent' } | { state: 'invalid'; problems: string[] };

/** `<dir>/<year>.json`, read and validated; a missing file is no error (not every year ships). */
export function readShippedCalendar(dir: string, year: number): ShippedCalendar {
  const file = path.join(dir, `${year}.json`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    return { state: 'invalid', problems: [`${year}.json: ${(error as Error).message}`] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { state: 'invalid', problems: [`${year}.json: not JSON (${(error as Error).message})`] };
  }
  const reading = readCalendarFile(raw, year);
  return reading.ok
    ? { state: 'ok', calendar: reading.calendar }
    : { state: 'invalid', problems: reading.problems.map((p) => `${year}.json: ${p}`) };
}
