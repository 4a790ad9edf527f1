import { DateTime } from 'luxon';

/**
 * The office's local calendar. Dates are `YYYY-MM-DD` strings in the office's time zone and times
 * of day are `HH:MM`; an instant is epoch milliseconds. Never a UTC date.
 */
export type LocalDate = string;
export type TimeOfDay = string;

export const localDatePattern = /^\d{4}-\d{2}-\d{2}$/;
export const timeOfDayPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The months as an Indonesian office writes them (KBBI), January first. */
export const monthNames = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;
export type Weekday = (typeof weekdays)[number];

export function isValidLocalDate(text: string): boolean {
  return localDatePattern.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/**
 * The zone's offset from UTC in minutes at an instant. Time zone rules come from luxon (ICU); the
 * answer is remembered per zone and quarter hour, since zones change offset only on such
 * boundaries and check-in asks for it on every scan.
 */
const offsetMemo = new Map<string, number>();
export function utcOffsetMinutes(instant: number, timeZone: string): number {
  const quarter = Math.floor(instant / 900_000);
  const key = `${timeZone}|${quarter}`;
  let offset = offsetMemo.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(quarter * 900_000, { zone: timeZone }).offset;
    if (offsetMemo.size > 10_000) offsetMemo.clear();
    offsetMemo.set(key, offset);
  }
  return offset;
}

/** The wall clock of the zone at an instant, read from a Date shifted by the zone's offset. */
function wallClock(instant: number, timeZone: string): { wall: Date; offset: number } {
  const offset = utcOffsetMinutes(instant, timeZone);
  return { wall: new Date(instant + offset * 60_000), offset };
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

function dateOfWall(wall: Date): LocalDate {
  return `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`;
}

export function localDateOf(instant: number, timeZone: string): LocalDate {
  return dateOfWall(wallClock(instant, timeZone).wall);
}

export function minutesOfDayOf(instant: number, timeZone: string): number {
  const { wall } = wallClock(instant, timeZone);
  return wall.getUTCHours() * 60 + wall.getUTCMinutes() + wall.getUTCSeconds() / 60;
}

/** Minutes since midnight of a validated `HH:MM`. */
export function minutesOf(time: TimeOfDay): number {
  const colon = time.indexOf(':');
  return Number(time.slice(0, colon)) * 60 + Number(time.slice(colon + 1));
}

export function timeOfDayFrom(minutes: number): TimeOfDay {
  const whole = Math.max(0, Math.min(24 * 60 - 1, Math.floor(minutes)));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export function weekdayOf(date: LocalDate): Weekday {
  const [year, month, day] = date.split('-').map(Number);
  const sundayFirst = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay();
  return weekdays[(sundayFirst + 6) % 7] as Weekday;
}

/** The local date `days` later (or earlier, when negative): `plusDays('2026-12-31', 1)` is `2027-01-01`. */
export function plusDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as LocalDate;
}

/** The instant at which the office's wall clock shows `time` on `date`. */
export function instantAt(date: LocalDate, time: TimeOfDay, timeZone: string): number {
  return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toMillis();
}

/** `2026-11-30T09:15:02.123+08:00`: the instant as the office's wall clock shows it. */
export function isoInstant(instant: number, timeZone: string): string {
  const { wall, offset } = wallClock(instant, timeZone);
  const ms = wall.getUTCMilliseconds();
  const seconds = two(wall.getUTCSeconds()) + (ms ? `.${String(ms).padStart(3, '0')}` : '');
  const sign = offset < 0 ? '-' : '+';
  const zone =
    offset === 0 ? 'Z' : `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${dateOfWall(wall)}T${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${seconds}${zone}`;
}

/** "Sabtu, 28 November 2026" / "Saturday, 28 November 2026" for messages. */
export function spokenDate(date: LocalDate, locale: 'id' | 'en'): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(locale === 'id' ? 'id-ID' : 'en-GB')
    .toFormat('cccc, d LLLL yyyy');
}

/** "10 Maret 1954" / "10 March 1954": a date as a form or an ID card prints it, without the weekday. */
export function writtenDate(date: LocalDate, locale: 'id' | 'en'): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(locale === 'id' ? 'id-ID' : 'en-GB')
    .toFormat('d LLLL yyyy');
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
