import { z } from 'zod';
import { applicationKinds, type ApplicationKind } from './applicationKinds.ts';
import {
  calendarDayKinds,
  closedReasonOn,
  type CalendarDayKind,
  type ClosedReason,
  type WorkingWeek,
} from './calendar.ts';
import { LoketError, type Bilingual } from './errors.ts';
import { isValidLocalDate, plusDays, spokenDate, type LocalDate } from './localTime.ts';
import type { PickupConfig } from './office.ts';

/**
 * The one pickup promise (DESIGN §3): every surface — counter, receipt, kiosk, board, supervisor —
 * asks this function, so a citizen hears the same date wherever they ask.
 */
export interface PickupPromiseInput extends WorkingWeek {
  /** The office's local date of the interview. */
  interviewDate: LocalDate;
  applicationKind: ApplicationKind;
  /** Working days per application kind (`office.pickup.workingDays`). */
  workingDays: PickupConfig['workingDays'];
  /** The years the calendar holds; a promise that reaches a year it does not hold says so. */
  calendarYears: readonly number[];
  printLoad: {
    /** Passports the printer personalises in a working day. */
    capacityPerDay: number;
    /** Passports already promised for each date (from the applications). */
    bookedByDate: Readonly<Record<LocalDate, number>>;
  };
}

const bilingual = z.object({ id: z.string(), en: z.string() });
const localDate = z.string();

/** A day that moved the promise: a holiday, cuti bersama or closure on a weekday, or a full printer. */
export const promiseReasonSchema = z.discriminatedUnion('cause', [
  z.object({
    date: localDate,
    text: bilingual,
    cause: z.enum(calendarDayKinds),
    name: bilingual,
    provisional: z.boolean(),
  }),
  z.object({ date: localDate, text: bilingual, cause: z.literal('closure'), name: bilingual }),
  z.object({
    date: localDate,
    text: bilingual,
    cause: z.literal('print_full'),
    booked: z.number().int(),
    capacity: z.number().int(),
  }),
]);
export type PromiseReason = z.infer<typeof promiseReasonSchema>;

/** Something the officer should know about the date: it rests on a day not fixed yet, or on no calendar. */
export const promiseCaveatSchema = z.discriminatedUnion('cause', [
  z.object({ cause: z.literal('provisional_day'), date: localDate, name: bilingual, text: bilingual }),
  z.object({ cause: z.literal('calendar_missing'), year: z.number().int(), text: bilingual }),
]);
export type PromiseCaveat = z.infer<typeof promiseCaveatSchema>;

export const datedPromiseSchema = z.object({
  kind: z.literal('date'),
  interviewDate: localDate,
  applicationKind: z.enum(applicationKinds),
  /** The rule's working days; null when a lost or damaged application was given a date by override. */
  workingDays: z.number().int().nullable(),
  /** The pickup date. */
  date: localDate,
  /** Where N working days land before the printer's load is looked at. */
  naturalDate: localDate.nullable(),
  /** Each day that moved the date, in order: why this date. */
  reasons: z.array(promiseReasonSchema),
  caveats: z.array(promiseCaveatSchema),
  /** Set when an officer moved the date; the computed date is kept beside it. */
  override: z.object({ computedDate: localDate.nullable(), reason: z.string() }).nullable(),
});
export type DatedPromise = z.infer<typeof datedPromiseSchema>;

/** Lost and damaged passports: no date until the BAP is done. */
export const afterBapPromiseSchema = z.object({
  kind: z.literal('after_bap'),
  interviewDate: localDate,
  applicationKind: z.enum(applicationKinds),
  message: bilingual,
});
export type AfterBapPromise = z.infer<typeof afterBapPromiseSchema>;

/** What every surface shows; also the API's answer (so the shape is written once). */
export const pickupPromiseSchema = z.discriminatedUnion('kind', [datedPromiseSchema, afterBapPromiseSchema]);
export type PickupPromise = z.infer<typeof pickupPromiseSchema>;

/** Far enough that only a configuration with no working day at all reaches it. */
const searchDays = 366;

/**
 * N working days after the interview, then past every day the printer is already full.
 *
 * The interview day itself does not count: its work ends with the interview, and day 1 is the
 * next working day. A Friday interview with 4 working days is promised for Thursday.
 */
export function pickupPromise(input: PickupPromiseInput): PickupPromise {
  const { interviewDate, applicationKind } = input;
  const workingDays = input.workingDays[applicationKind];
  if (workingDays === null) {
    return {
      kind: 'after_bap',
      interviewDate,
      applicationKind,
      message: {
        id: 'Tanggal pengambilan ditetapkan setelah BAP (Berita Acara Pemeriksaan) selesai.',
        en: 'The pickup date is set once the BAP (the examination record) is done.',
      },
    };
  }
  const reasons: PromiseReason[] = [];
  const caveats: PromiseCaveat[] = [];
  let date = interviewDate;
  let steps = 0;
  // The next working day after `date`, noting every closed weekday on the way.
  const nextWorkingDay = () => {
    for (;;) {
      date = plusDays(date, 1);
      steps += 1;
      if (steps > searchDays) throw noWorkingDay(interviewDate);
      const closed = closedReasonOn(date, input);
      if (!closed) return;
      if (closed.cause === 'weekend') continue;
      reasons.push(closedReason(date, closed));
      if (closed.cause !== 'closure' && closed.provisional)
        caveats.push(provisionalCaveat(date, closed.name));
    }
  };
  for (let counted = 0; counted < workingDays; counted += 1) nextWorkingDay();
  const naturalDate = date;
  const capacity = input.printLoad.capacityPerDay;
  for (;;) {
    const booked = input.printLoad.bookedByDate[date] ?? 0;
    if (booked < capacity) break;
    reasons.push({
      date,
      cause: 'print_full',
      booked,
      capacity,
      text: printFullText(date, booked, capacity),
    });
    nextWorkingDay();
  }
  caveats.push(...missingYears(interviewDate, date, input.calendarYears));
  return {
    kind: 'date',
    interviewDate,
    applicationKind,
    workingDays,
    date,
    naturalDate,
    reasons,
    caveats,
    override: null,
  };
}

/**
 * An officer gives another date than the computed one (later or earlier), with a reason that the
 * caller logs. Refused: no reason, a date not after the interview, or a day the office is shut.
 */
export function overridePickupPromise(
  promise: PickupPromise,
  change: { date: LocalDate; reason: string },
  week: WorkingWeek,
): DatedPromise {
  const reason = change.reason.trim();
  if (!reason) {
    throw new LoketError('INVALID_INPUT', {
      id: 'Perubahan tanggal pengambilan wajib disertai alasan.',
      en: 'A changed pickup date needs a reason.',
    });
  }
  if (!isValidLocalDate(change.date) || change.date <= promise.interviewDate) {
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: `Tanggal pengambilan harus setelah tanggal wawancara (${promise.interviewDate}).`,
        en: `The pickup date must be after the interview date (${promise.interviewDate}).`,
      },
      { date: change.date },
    );
  }
  const closed = closedReasonOn(change.date, week);
  if (closed) {
    const why = closed.cause === 'weekend' ? { id: 'akhir pekan', en: 'weekend' } : closed.name;
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: `Kantor tutup pada ${spokenDate(change.date, 'id')} (${why.id}); pilih hari kerja.`,
        en: `The office is closed on ${spokenDate(change.date, 'en')} (${why.en}); pick a working day.`,
      },
      { date: change.date, cause: closed.cause },
    );
  }
  const computed: DatedPromise =
    promise.kind === 'date'
      ? promise
      : {
          kind: 'date',
          interviewDate: promise.interviewDate,
          applicationKind: promise.applicationKind,
          workingDays: null,
          date: change.date,
          naturalDate: null,
          reasons: [],
          caveats: [],
          override: null,
        };
  return {
    ...computed,
    date: change.date,
    override: { computedDate: promise.kind === 'date' ? promise.date : null, reason },
  };
}

const kindWords: Record<CalendarDayKind, Bilingual> = {
  libur_nasional: { id: 'libur nasional', en: 'national holiday' },
  cuti_bersama: { id: 'cuti bersama', en: 'collective leave' },
};

function closedReason(date: LocalDate, closed: Exclude<ClosedReason, { cause: 'weekend' }>): PromiseReason {
  const on = { id: spokenDate(date, 'id'), en: spokenDate(date, 'en') };
  if (closed.cause === 'closure') {
    return {
      date,
      cause: 'closure',
      name: closed.name,
      text: {
        id: `${on.id}: kantor tutup (${closed.name.id})`,
        en: `${on.en}: office closed (${closed.name.en})`,
      },
    };
  }
  const words = kindWords[closed.cause];
  return {
    date,
    cause: closed.cause,
    name: closed.name,
    provisional: closed.provisional,
    text: {
      id: `${on.id}: ${closed.name.id} (${words.id})`,
      en: `${on.en}: ${closed.name.en} (${words.en})`,
    },
  };
}

function printFullText(date: LocalDate, booked: number, capacity: number): Bilingual {
  return {
    id: `${spokenDate(date, 'id')}: pencetakan penuh (${booked} dari ${capacity} paspor sudah dijanjikan)`,
    en: `${spokenDate(date, 'en')}: printing full (${booked} of ${capacity} passports already promised)`,
  };
}

function provisionalCaveat(date: LocalDate, name: Bilingual): PromiseCaveat {
  return {
    cause: 'provisional_day',
    date,
    name,
    text: {
      id: `${name.id} (${spokenDate(date, 'id')}) belum pasti; tanggal dapat bergeser.`,
      en: `${name.en} (${spokenDate(date, 'en')}) is not fixed yet; the date may move.`,
    },
  };
}

/** The years between the interview and the promise that the calendar does not hold. */
function missingYears(from: LocalDate, to: LocalDate, held: readonly number[]): PromiseCaveat[] {
  const caveats: PromiseCaveat[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    if (held.includes(year)) continue;
    caveats.push({
      cause: 'calendar_missing',
      year,
      text: {
        id: `Kalender libur ${year} belum ada; hari libur tahun itu tidak diperhitungkan.`,
        en: `There is no holiday calendar for ${year}; that year's holidays are not counted.`,
      },
    });
  }
  return caveats;
}

function noWorkingDay(interviewDate: LocalDate): LoketError {
  return new LoketError(
    'INVALID_CONFIG',
    {
      id: 'Tidak ada hari kerja dalam setahun setelah wawancara: periksa jam buka dan penutupan kantor.',
      en: 'No working day within a year of the interview: check the opening hours and closures.',
    },
    { interviewDate },
  );
}
