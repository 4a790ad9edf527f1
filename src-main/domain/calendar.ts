import { z } from 'zod';
import type { Bilingual } from './errors.ts';
import { isValidLocalDate, localDatePattern, weekdayOf, type LocalDate } from './localTime.ts';
import type { OfficeConfig } from './office.ts';
import { calendarDayKinds, type CalendarDayKind } from './calendarDayKinds.ts';

/**
 * The year's national holidays (hari libur nasional) and collective leave days (cuti bersama), as
 * shipped in `resources/calendars/<year>.json` and as the office keeps them (the office may add or
 * remove a day). The office's own closures stay in its configuration (`closures`); both close the
 * office, and `isWorkingDay` reads them together with the opening hours.
 */
export { calendarDayKinds, type CalendarDayKind } from './calendarDayKinds.ts';

const dayName = z
  .object({ id: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) })
  .strict();

export const calendarDaySchema = z
  .object({
    date: z
      .string()
      .regex(localDatePattern, 'expected YYYY-MM-DD')
      .refine(isValidLocalDate, 'not a calendar date'),
    kind: z.enum(calendarDayKinds, { error: `kind must be one of ${calendarDayKinds.join(', ')}` }),
    name: dayName,
    /** Not fixed yet: the decree is not out, or the date waits on moon sighting (sidang isbat). */
    provisional: z.boolean().optional(),
    note: z.string().max(500).optional(),
  })
  .strict();

/** A closed day the office adds: the decree's fields, and why (kept with who and when). */
export const addCalendarDayInput = z
  .object({
    date: calendarDaySchema.shape.date,
    kind: calendarDaySchema.shape.kind,
    name: calendarDaySchema.shape.name,
    provisional: z.boolean().optional(),
    reason: z.string().trim().max(200).optional(),
  })
  .strict();
export type AddCalendarDayInput = z.input<typeof addCalendarDayInput>;

/** A closed day the office works after all: a reason is required. */
export const removeCalendarDayInput = z
  .object({ date: calendarDaySchema.shape.date, reason: z.string().trim().min(1).max(200) })
  .strict();

export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const calendarFileSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** Where the days come from: the SKB 3 Menteri's numbers, or what an estimate rests on. */
    source: z.string().trim().min(1).max(1000),
    provisional: z.boolean().default(false),
    note: z.string().max(2000).optional(),
    days: z.array(calendarDaySchema).max(366),
  })
  .strict();
export type CalendarFile = z.infer<typeof calendarFileSchema>;

export type CalendarReading = { ok: true; calendar: CalendarFile } | { ok: false; problems: string[] };

/**
 * Validates the calendar file for `year`: its shape, that it is that year's, that every day lies in
 * it, and that no date appears twice. Every problem is named, with where it is.
 */
export function readCalendarFile(raw: unknown, year: number): CalendarReading {
  const parsed = calendarFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    };
  }
  const calendar = parsed.data;
  const problems: string[] = [];
  if (calendar.year !== year) problems.push(`year: the calendar for ${year} says ${calendar.year}`);
  const seen = new Map<LocalDate, number>();
  calendar.days.forEach((day, index) => {
    if (!day.date.startsWith(`${year}-`)) problems.push(`days.${index}.date: ${day.date} is outside ${year}`);
    const first = seen.get(day.date);
    if (first !== undefined)
      problems.push(`days.${index}.date: ${day.date} appears twice (also days.${first})`);
    else seen.set(day.date, index);
  });
  return problems.length ? { ok: false, problems } : { ok: true, calendar };
}

/** What the office's week and its calendar say about a date. */
export interface WorkingWeek {
  /** The holidays and cuti bersama the office keeps (any years). */
  calendar: readonly CalendarDay[];
  /** The office's opening hours: a day with none (`sat: null`) is a weekend day. */
  officeHours: OfficeConfig['hours'];
  /** The office's own closures (office configuration). */
  closures: OfficeConfig['closures'];
}

export type ClosedReason =
  | { cause: 'weekend' }
  | { cause: CalendarDayKind; name: Bilingual; provisional: boolean }
  | { cause: 'closure'; name: Bilingual };

/**
 * Why the office is shut on a date, or null when it works. A weekend comes first (a holiday on a
 * Saturday moves nothing), then the national calendar (named), then the office's closures.
 */
export function closedReasonOn(date: LocalDate, week: WorkingWeek): ClosedReason | null {
  if (!week.officeHours[weekdayOf(date)]) return { cause: 'weekend' };
  const day = week.calendar.find((d) => d.date === date);
  if (day) return { cause: day.kind, name: day.name, provisional: day.provisional ?? false };
  const closure = week.closures.find((c) => c.date === date);
  if (closure) return { cause: 'closure', name: { id: closure.reason, en: closure.reason } };
  return null;
}

export function isWorkingDay(date: LocalDate, week: WorkingWeek): boolean {
  return closedReasonOn(date, week) === null;
}
