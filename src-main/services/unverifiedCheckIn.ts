import type { Appointment } from '../domain/appointment.ts';
import { minutesOf, minutesOfDayOf, type LocalDate } from '../domain/localTime.ts';
import { arrivalWindowsOn } from '../domain/office.ts';
import type { Bilingual } from '../domain/errors.ts';
import { unverifiedCheckInsAllowed } from './appointmentFeed.ts';
import type { ServiceContext } from './context.ts';

/** What an unverified ticket says, on the kiosk's screen and on paper. */
export const unverifiedNotice: Bilingual = {
  id: 'BELUM TERVERIFIKASI — tunjukkan bukti booking di loket.',
  en: 'UNVERIFIED — show your booking at the counter.',
};

/**
 * A booking code the floor does not know, scanned while the appointment feed may have left the
 * list incomplete (DESIGN §3): a placeholder booking in the regular lane for the arrival window
 * open now (or the day's next one), so the citizen gets a ticket flagged for the first counter.
 * Null when unknown codes are refused (no feed, or the feed is healthy) or no window is left today.
 * Runs inside check-in's transaction: a refusal after it leaves no placeholder behind.
 */
export function placeholderBooking(ctx: ServiceContext, code: string, today: LocalDate): Appointment | null {
  if (!unverifiedCheckInsAllowed(ctx)) return null;
  const office = ctx.store.office.get();
  const now = ctx.clock.now();
  const minute = minutesOfDayOf(now, office.timeZone);
  const window = arrivalWindowsOn(office, today).find((w) => minute < minutesOf(w.end));
  if (!window) return null;
  ctx.store.bookings.addPlaceholder({
    code,
    date: today,
    windowStart: window.start,
    windowEnd: window.end,
    at: now,
  });
  return ctx.store.bookings.find(code);
}
