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
export type Weekday = (typeof weekdays)[number];

export function isValidLocalDate(text: string): boolean {
  return localDatePattern.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

export function localDateOf(instant: number, timeZone: string): LocalDate {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISODate() as LocalDate;
}

export function minutesOfDayOf(instant: number, timeZone: string): number {
  const local = DateTime.fromMillis(instant, { zone: timeZone });
  return local.hour * 60 + local.minute + local.second / 60;
}

export function minutesOf(time: TimeOfDay): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function timeOfDayFrom(minutes: number): TimeOfDay {
  const whole = Math.max(0, Math.min(24 * 60 - 1, Math.floor(minutes)));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export function weekdayOf(date: LocalDate): Weekday {
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday; // 1 = Monday
  return weekdays[weekday - 1] as Weekday;
}

/** The instant at which the office's wall clock shows `time` on `date`. */
export function instantAt(date: LocalDate, time: TimeOfDay, timeZone: string): number {
  return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toMillis();
}

export function isoInstant(instant: number, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).toISO({ suppressMilliseconds: true }) as string;
}

/** "Sabtu, 28 November 2026" / "Saturday, 28 November 2026" for messages. */
export function spokenDate(date: LocalDate, locale: 'id' | 'en'): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(locale === 'id' ? 'id-ID' : 'en-GB')
    .toFormat('cccc, d LLLL yyyy');
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
