import { z } from 'zod';
import {
  isValidLocalDate,
  isValidTimeZone,
  localDatePattern,
  minutesOf,
  timeOfDayFrom,
  timeOfDayPattern,
  weekdayOf,
  type LocalDate,
} from './localTime.ts';
import { laneIds, type LaneId } from './laneIds.ts';
import { defaultFloorConfig, floorSchema } from './floor.ts';
import { defaultInterviewConfig, interviewConfigSchema } from './interview.ts';
import type { ApplicationKind } from './applicationKinds.ts';
import { surveyWeightsSchema } from './survey/ikm.ts';

export { laneIds, priorityLaneIds, type LaneId, type PriorityLaneId } from './laneIds.ts';

/**
 * The office's configuration: who it is, when it works, how check-in tolerates early and late
 * arrivals, and its lanes. Stored in the database, edited with `loket office set`.
 */

const bilingual = z.object({ id: z.string().min(1).max(200), en: z.string().min(1).max(200) });
const timeOfDay = z.string().regex(timeOfDayPattern, 'expected HH:MM');

const openingHours = z
  .object({ open: timeOfDay, close: timeOfDay })
  .refine((h) => minutesOf(h.open) < minutesOf(h.close), 'open must be before close');

const lane = z.object({
  id: z.enum(laneIds),
  /** The letter that starts its ticket numbers: A2-014. */
  prefix: z.string().regex(/^[A-Z]$/, 'one capital letter'),
  name: bilingual,
  /** Where its citizens wait and which counters call them. */
  area: bilingual,
  /** Tickets per arrival window; the kiosk and board show used / total. */
  quotaPerWindow: z.number().int().min(0).max(10_000),
});
export type Lane = z.infer<typeof lane>;

/** Working days from the interview to pickup; null when no date can be promised (lost or damaged: the BAP comes first). */
const workingDays = z.number().int().min(1).max(60).nullable();

/** What the pickup promise needs (DESIGN §3): the rule per application kind and the printer's pace. */
export const pickupSchema = z.object({
  workingDays: z.object({
    baru: workingDays,
    habis_berlaku: workingDays,
    halaman_penuh: workingDays,
    hilang: workingDays,
    rusak: workingDays,
  } satisfies Record<ApplicationKind, typeof workingDays>),
  /** Passports the printer personalises in a working day; a day promised this many is full. */
  printerCapacityPerDay: z.number().int().min(1).max(10_000),
  /** When passports are handed over, printed on the receipt. */
  hours: openingHours,
  /** The floor stage whose counters call pickup numbers (`P-001`) and hand passports over. */
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,30}$/)
    .default('pickup'),
});
export type PickupConfig = z.infer<typeof pickupSchema>;

/** Four working days by regulation for new passports and replacements; lost and damaged wait for the BAP. */
export const defaultPickupConfig: PickupConfig = {
  workingDays: { baru: 4, habis_berlaku: 4, halaman_penuh: 4, hilang: null, rusak: null },
  // About 230 passports a working day in 2022 (DESIGN §1), with a little room.
  printerCapacityPerDay: 250,
  hours: { open: '13:00', close: '15:00' },
  stage: 'pickup',
};

/**
 * The "passport ready" SMS (DESIGN issue 8): the GSM modem's address, `serial:///dev/ttyUSB2?baud=115200`
 * or `simulator` (null: no SMS are sent; they wait in the outbox), how many tries a message gets,
 * and the minutes before each retry (the last repeats).
 */
export const smsConfigSchema = z.object({
  modem: z
    .string()
    .regex(/^(simulator|serial:\/\/\S+)$/, 'serial://PATH[?baud=N] or simulator')
    .nullable(),
  maxAttempts: z.number().int().min(1).max(50),
  retryMinutes: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
    )
    .min(1)
    .max(20),
});
export type SmsConfig = z.infer<typeof smsConfigSchema>;

export const defaultSmsConfig: SmsConfig = { modem: null, maxAttempts: 5, retryMinutes: [1, 5, 15, 60] };

export const officeConfigSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9]{2,10}$/, '2–10 capital letters or digits'),
    name: z.string().min(1).max(200),
    timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
    hours: z.object({
      mon: openingHours.nullable(),
      tue: openingHours.nullable(),
      wed: openingHours.nullable(),
      thu: openingHours.nullable(),
      fri: openingHours.nullable(),
      sat: openingHours.nullable(),
      sun: openingHours.nullable(),
    }),
    /** Days the office is shut although it is a working weekday (Nyepi, cuti bersama, closures). */
    closures: z
      .array(
        z.object({
          date: z.string().regex(localDatePattern).refine(isValidLocalDate, 'not a calendar date'),
          reason: z.string().min(1).max(200),
        }),
      )
      .max(1000),
    checkIn: z.object({
      earlyMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60),
      lateMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60),
    }),
    /** Arrival windows are numbered from opening time in blocks of this length: window 1, 2, … */
    windowMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    lanes: z.array(lane).min(1),
    /** Stages, counters and calling; an office stored before they existed gets the defaults. */
    floor: floorSchema.default(defaultFloorConfig),
    /** The interview and its biometrics; an office stored before them gets the defaults. */
    interview: interviewConfigSchema.default(defaultInterviewConfig),
    /** The pickup promise's rule and the printer's capacity; an office stored before them gets the defaults. */
    pickup: pickupSchema.default(defaultPickupConfig),
    /** The "passport ready" SMS; an office stored before it gets no modem (nothing sent, nothing lost). */
    sms: smsConfigSchema.default(defaultSmsConfig),
    /** The satisfaction survey's weights of U1–U9 (nine numbers summing to 1); null: 1/9 each (PermenPANRB 14/2017). */
    surveyWeights: surveyWeightsSchema.nullable().default(null),
  })
  .superRefine((office, ctx) => {
    for (const id of laneIds) {
      if (office.lanes.filter((l) => l.id === id).length !== 1) {
        ctx.addIssue({ code: 'custom', path: ['lanes'], message: `lane ${id} must appear exactly once` });
      }
    }
    const prefixes = office.lanes.map((l) => l.prefix);
    if (new Set(prefixes).size !== prefixes.length) {
      ctx.addIssue({ code: 'custom', path: ['lanes'], message: 'lane prefixes must be distinct' });
    }
  });

export type OfficeConfig = z.infer<typeof officeConfigSchema>;

const weekday = { open: '08:00', close: '16:00' };
const area = (id: string, en: string) => ({ id, en });

/** Kantor Imigrasi Kelas I TPI Denpasar. */
export const defaultOfficeConfig: OfficeConfig = {
  code: 'DPS',
  name: 'Kantor Imigrasi Kelas I TPI Denpasar',
  timeZone: 'Asia/Makassar',
  hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: null, sun: null },
  closures: [],
  checkIn: { earlyMinutes: 60, lateMinutes: 30 },
  windowMinutes: 60,
  floor: defaultFloorConfig,
  interview: defaultInterviewConfig,
  pickup: defaultPickupConfig,
  sms: defaultSmsConfig,
  surveyWeights: null,
  lanes: [
    {
      id: 'regular',
      prefix: 'A',
      name: { id: 'Reguler', en: 'Regular' },
      area: area('Ruang tunggu utama', 'Main waiting hall'),
      quotaPerWindow: 24,
    },
    {
      id: 'lansia',
      prefix: 'B',
      name: { id: 'Lansia (60+)', en: 'Elderly (60+)' },
      area: area('Ruang tunggu prioritas', 'Priority waiting area'),
      quotaPerWindow: 4,
    },
    {
      id: 'disabilitas',
      prefix: 'C',
      name: { id: 'Penyandang disabilitas', en: 'Persons with disabilities' },
      area: area('Ruang tunggu prioritas', 'Priority waiting area'),
      quotaPerWindow: 2,
    },
    {
      id: 'hamil',
      prefix: 'D',
      name: { id: 'Ibu hamil', en: 'Pregnant women' },
      area: area('Ruang tunggu prioritas', 'Priority waiting area'),
      quotaPerWindow: 2,
    },
    {
      id: 'balita',
      prefix: 'E',
      name: { id: 'Dengan anak balita', en: 'With a child under five' },
      area: area('Ruang tunggu prioritas', 'Priority waiting area'),
      quotaPerWindow: 2,
    },
    {
      id: 'standby',
      prefix: 'S',
      name: { id: 'Terlambat', en: 'Standby (late arrival)' },
      area: area('Ruang tunggu utama', 'Main waiting hall'),
      quotaPerWindow: 10,
    },
  ],
};

export function laneOf(office: OfficeConfig, id: LaneId): Lane {
  const found = office.lanes.find((l) => l.id === id);
  if (!found) throw new Error(`office configuration has no lane ${id}`); // the schema forbids this
  return found;
}

export function openingHoursOn(
  office: OfficeConfig,
  date: LocalDate,
): { open: string; close: string } | null {
  return office.hours[weekdayOf(date)];
}

/** Why the office is shut on a date, or null when it works that day. */
export function closureOn(office: OfficeConfig, date: LocalDate): string | null {
  const closure = office.closures.find((c) => c.date === date);
  if (closure) return closure.reason;
  return openingHoursOn(office, date) ? null : 'weekend';
}

/** The arrival window (1-based) that contains a minute of the day, clamped to the day's first and last. */
export function windowNumberAt(office: OfficeConfig, date: LocalDate, minuteOfDay: number): number {
  const windows = arrivalWindowsOn(office, date);
  const found = windows.find((w) => minuteOfDay < minutesOf(w.end));
  return found?.number ?? Math.max(1, windows.length);
}

export interface ArrivalWindow {
  number: number;
  start: string;
  end: string;
}

/** The day's arrival windows: blocks of `windowMinutes` from opening to closing time. */
export function arrivalWindowsOn(office: OfficeConfig, date: LocalDate): ArrivalWindow[] {
  const hours = openingHoursOn(office, date);
  if (!hours) return [];
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  const windows: ArrivalWindow[] = [];
  for (let start = open, number = 1; start < close; start += office.windowMinutes, number += 1) {
    windows.push({
      number,
      start: timeOfDayFrom(start),
      end: timeOfDayFrom(Math.min(close, start + office.windowMinutes)),
    });
  }
  return windows;
}
