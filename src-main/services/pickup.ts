import type { ApplicationView } from '../api/applicationViews.ts';
import type { Bilingual } from '../domain/errors.ts';
import { localDateOf, minutesOfDayOf, plusDays, type LocalDate } from '../domain/localTime.ts';
import type { OfficeConfig } from '../domain/office.ts';
import { overridePickupPromise, type PickupPromise } from '../domain/pickupPromise.ts';
import { pickupTiming, type PickupTiming } from '../domain/pickupTime.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import { promiseFor } from './calendar.ts';
import type { ServiceContext } from './context.ts';

/**
 * The pickup date of an application, from the one promise rule (domain/pickupPromise.ts) with the
 * print station's booked work: computed live while the interview runs, stored when it ends, and
 * read back from the store by the receipt, the counter and the kiosk alike.
 */

export interface PickupPromiseResult {
  date: LocalDate | null;
  /** The date the rule gave, before an officer's override. */
  computed: LocalDate | null;
  reasons: Bilingual[];
  summary: Bilingual;
}

/** How far ahead the booked work is read: past any promise the rule can give. */
const horizonDays = 400;

/** Passports already promised per date from `from` on: the print station's booked work. */
export function bookedFrom(ctx: ServiceContext, from: LocalDate, except = ''): Record<LocalDate, number> {
  return ctx.store.applications.promisedBetween(from, plusDays(from, horizonDays), except);
}

function summaryOf(promise: PickupPromise): Bilingual {
  if (promise.kind === 'after_bap') return promise.message;
  if (promise.override)
    return {
      id: 'Tanggal ditetapkan petugas. Bawa tanda terima ini.',
      en: 'Date set by the officer. Bring this receipt.',
    };
  return {
    id: `${promise.workingDays} hari kerja setelah wawancara. Bawa tanda terima ini.`,
    en: `${promise.workingDays} working days after the interview. Bring this receipt.`,
  };
}

export function pickupOf(
  ctx: ServiceContext,
  application: ApplicationRecord,
  override?: { date: LocalDate; reason: string },
): PickupPromiseResult {
  const interviewDate = application.officeDate;
  let promise: PickupPromise = promiseFor(ctx, {
    interviewDate,
    applicationKind: application.applicationKind,
    bookedByDate: bookedFrom(ctx, interviewDate, application.id),
  });
  const computed = promise.kind === 'date' ? promise.date : null;
  if (override) {
    const office = ctx.store.office.get();
    promise = overridePickupPromise(promise, override, {
      calendar: ctx.store.calendar.closedDaysBetween(interviewDate, plusDays(override.date, 1)),
      officeHours: office.hours,
      closures: office.closures,
    });
  }
  const reasons =
    promise.kind === 'date'
      ? [...promise.reasons.map((r) => r.text), ...promise.caveats.map((c) => c.text)]
      : [];
  return {
    date: promise.kind === 'date' ? promise.date : null,
    computed,
    reasons,
    summary: summaryOf(promise),
  };
}

/** What the citizen is told beside the stored date (the receipt, the kiosk). */
export function pickupSummaryOf(application: ApplicationRecord): Bilingual {
  const basis = application.pickupBasis as { summary?: Bilingual } | null;
  if (basis?.summary) return basis.summary;
  return application.applicationKind === 'hilang' || application.applicationKind === 'rusak'
    ? {
        id: 'Tanggal pengambilan ditetapkan setelah Berita Acara Pemeriksaan (BAP) selesai.',
        en: 'The pickup date is set once the examination record (BAP) is complete.',
      }
    : { id: 'Belum ada tanggal pengambilan.', en: 'No pickup date yet.' };
}

export function pickupHoursOf(office: OfficeConfig): { open: string; close: string } {
  return office.pickup.hours;
}

/** Whether a ready passport may be collected now, or from when (the promised date, the pickup hours). */
export function pickupTimingOf(ctx: ServiceContext, pickupDate: LocalDate): PickupTiming {
  const office = ctx.store.office.get();
  const now = ctx.clock.now();
  const today = localDateOf(now, office.timeZone);
  const from = today < pickupDate ? today : pickupDate;
  return pickupTiming({
    pickupDate,
    today,
    minuteOfDay: minutesOfDayOf(now, office.timeZone),
    hours: office.pickup.hours,
    week: {
      calendar: ctx.store.calendar.closedDaysBetween(from, plusDays(from, 400)),
      officeHours: office.hours,
      closures: office.closures,
    },
  });
}

/** The counter's view of the date: the stored one once the interview ended, else the live preview. */
export function pickupViewOf(ctx: ServiceContext, application: ApplicationRecord): ApplicationView['pickup'] {
  if (application.finishedAt !== null) {
    const basis = application.pickupBasis as { reasons?: Bilingual[] } | null;
    return {
      date: application.pickupDate,
      reasons: basis?.reasons ?? [],
      summary: pickupSummaryOf(application),
      override: application.pickupOverride
        ? { computed: application.pickupOverride.computed, reason: application.pickupOverride.reason }
        : null,
      final: true,
    };
  }
  const preview = pickupOf(ctx, application);
  return {
    date: preview.date,
    reasons: preview.reasons,
    summary: preview.summary,
    override: null,
    final: false,
  };
}
