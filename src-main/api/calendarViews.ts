import { z } from 'zod';
import { calendarDayKinds } from '../domain/calendar.ts';
import { bilingualView } from './views.ts';

/** Who did something and when (office-local ISO time), and why where they said. */
const done = z.object({ at: z.string(), by: z.string(), reason: z.string().nullable() });

export const calendarDayView = z.object({
  date: z.string(),
  kind: z.enum(calendarDayKinds),
  name: bilingualView,
  provisional: z.boolean(),
  note: z.string().nullable(),
  /** From the shipped file, or added by the office. */
  origin: z.enum(['shipped', 'office']),
  added: done,
  /** A removed day stays listed, with who removed it and why; it no longer closes the office. */
  removed: done.extend({ reason: z.string() }).nullable(),
});
export type CalendarDayView = z.infer<typeof calendarDayView>;

/** A year of the holiday calendar as the supervisor and every station read it. */
export const calendarYearView = z.object({
  year: z.number().int(),
  /** The file shipped for the year: read fine, missing, or refused with its problems. */
  shipped: z.object({ state: z.enum(['ok', 'absent', 'invalid']), problems: z.array(z.string()) }),
  /** When the shipped file was loaded into the floor, and from what source; null if never. */
  loaded: z
    .object({
      source: z.string(),
      provisional: z.boolean(),
      note: z.string().nullable(),
      at: z.string(),
      by: z.string(),
    })
    .nullable(),
  days: z.array(calendarDayView),
  /** The office's own closures that year (office configuration `closures`), also closed days. */
  closures: z.array(z.object({ date: z.string(), reason: z.string() })),
});
export type CalendarYearView = z.infer<typeof calendarYearView>;

/** What a reload of a shipped year did. */
export const calendarReloadView = z.object({
  year: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Untouched shipped days the file no longer has: gone. */
  dropped: z.number().int(),
  /** Dates the office had edited (added or removed) that the file also has: the office's edit stands. */
  keptEdits: z.array(z.string()),
});
export type CalendarReloadView = z.infer<typeof calendarReloadView>;

export const calendarYearInput = z.number().int().min(2000).max(2100);
