import { newId } from '../domain/ids.ts';
import { classifyArrival } from '../domain/arrival.ts';
import { checkInBookingOf, type CheckInBooking } from '../domain/appointment.ts';
import { LoketError } from '../domain/errors.ts';
import { isoInstant, localDateOf, minutesOf, minutesOfDayOf, spokenDate } from '../domain/localTime.ts';
import {
  arrivalWindowsOn,
  closureOn,
  laneOf,
  openingHoursOn,
  windowNumberAt,
  type LaneId,
  type PriorityLaneId,
  type OfficeConfig,
} from '../domain/office.ts';
import type { ScannedBooking } from '../domain/scan.ts';
import { readPayload } from '../domain/payload.ts';
import { expectedCallTime, ticketNumber, ticketQr } from '../domain/ticket.ts';
import type { TicketView } from '../api/views.ts';
import type { TicketRecord } from '../store/tickets.ts';
import type { Caller, ServiceContext } from './context.ts';
import { enqueue } from './counters.ts';
import { recordClaim } from './priorityClaims.ts';
import { placeholderBooking, unverifiedNotice } from './unverifiedCheckIn.ts';

/** Where a new ticket's sequence comes from: the hub's atomic counter, or a kiosk's leased block. */
export type Numbering = (officeDate: string, lane: LaneId, windowNumber: number) => number;

export interface CheckInInput {
  text: string;
  priority?: PriorityLaneId | undefined;
  /** The ticket's id, made by the kiosk so that a retried or offline check-in is the same ticket. */
  ticketId?: string | undefined;
}

/**
 * Check-in: the raw text from the kiosk's scanner or keyboard becomes a queue ticket aligned to the
 * booked arrival window, in one write transaction. A repeated scan returns the same ticket. On the
 * hub numbers come from the atomic counter; a kiosk apart from the hub runs the same rules on its
 * replica with `offline` numbering from its leased blocks.
 */
export function checkIn(
  ctx: ServiceContext,
  caller: Caller,
  input: CheckInInput,
  offline?: Numbering,
): TicketView {
  // Only a booking checks in; a ticket QR or a passport scanned here is told apart and explained.
  const payload = readPayload(input.text, { accept: ['booking'] });
  if (payload.kind !== 'booking') throw new Error('readPayload answered a kind it was not asked for');
  const scan = payload.scan;
  return ctx.store.transaction(() => {
    const now = ctx.clock.now();
    const office = ctx.store.office.get();
    if (scan.office && scan.office !== office.code) throw wrongOffice(office);
    const today = localDateOf(now, office.timeZone);
    if (input.ticketId) {
      const same = ctx.store.tickets.find(input.ticketId);
      const sameBooking = same && ctx.store.checkInBookings.find(same.bookingCode);
      // Only the kiosk that made the id gets its ticket back: ids are not a way to read others'.
      if (same && sameBooking && same.issuedBy === caller.stationId)
        return ticketView(office, same, sameBooking, true);
    }
    const booking = findBooking(ctx, scan, today);

    const existing = ctx.store.tickets.activeForBooking(booking.bookingCode, today);
    if (existing) return ticketView(office, existing, booking, true);

    if (booking.appointmentDate !== today) throw wrongDay(booking.appointmentDate, today);
    const minuteOfDay = minutesOfDayOf(now, office.timeZone);
    const hours = openingHoursOn(office, today);
    const closure = closureOn(office, today);
    if (closure || !hours || minuteOfDay >= minutesOf(hours.close))
      throw officeClosed(office, closure, hours?.close);

    const arrival = classifyArrival(
      office,
      { start: booking.windowStart, end: booking.windowEnd },
      minuteOfDay,
    );
    if (arrival.kind === 'too_early') throw tooEarly(arrival.comeBackAt, booking);

    const late = arrival.kind === 'late';
    // A priority chosen at the kiosk (elderly, disabled, pregnant, with a small child) is taken at
    // the citizen's word; the ticket says staff will verify it, and the counter checks the claim
    // kept with it. A late citizen waits on standby, the claim kept all the same.
    const laneId: LaneId = late ? 'standby' : (input.priority ?? booking.lane);
    const lane = laneOf(office, laneId);
    const windowNumber = windowNumberAt(office, today, late ? minuteOfDay : minutesOf(booking.windowStart));
    const windowOfNumber = late
      ? windowBounds(office, today, windowNumber)
      : { start: booking.windowStart, end: booking.windowEnd };
    const sequence = (offline ?? ctx.store.tickets.nextSequence.bind(ctx.store.tickets))(
      today,
      laneId,
      windowNumber,
    );

    const ticket: TicketRecord = {
      id: input.ticketId ?? newId(),
      officeDate: today,
      number: ticketNumber(lane.prefix, windowNumber, sequence),
      lane: laneId,
      windowNumber,
      sequence,
      bookingCode: booking.bookingCode,
      status: 'waiting',
      arrival: late ? 'late' : arrival.early ? 'early' : 'on_time',
      windowStart: booking.windowStart,
      windowEnd: booking.windowEnd,
      expectedCall: expectedCallTime({
        window: windowOfNumber,
        sequence,
        quotaPerWindow: lane.quotaPerWindow,
        minuteOfDay,
        standby: late,
      }),
      issuedAt: now,
      issuedBy: caller.stationId,
      issuedOffline: offline !== undefined,
      ...(ctx.store.bookings.isPlaceholder(booking.bookingCode) ? { unverified: true } : {}),
    };
    ctx.store.tickets.add(ticket);
    // The visit joins the first stage's queue in the same transaction: a ticket is never unqueued.
    const firstStage = office.floor.stages[0]?.id as string;
    enqueue(ctx, ticket, firstStage, minutesOf(windowOfNumber.start), now);
    if (input.priority) recordClaim(ctx, ticket, input.priority, caller.stationId);
    ctx.store.events.emit({
      type: 'ticket.issued',
      at: now,
      actor: caller.actor,
      station: caller.stationId,
      payload: input.priority ? { ticket, priorityClaimed: input.priority } : { ticket },
    });
    return ticketView(office, ticket, booking, false);
  });
}

function findBooking(ctx: ServiceContext, scan: ScannedBooking, today: string): CheckInBooking {
  const bookings = ctx.store.checkInBookings;
  if (scan.kind === 'nik') {
    const byNik = bookings.findByNik(scan.nik);
    const forToday = byNik.find((b) => b.appointmentDate === today);
    if (forToday) return forToday;
    // Sixteen digits may also be a booking code.
    const asCode = bookings.find(scan.nik);
    if (asCode) return asCode;
    const upcoming = byNik.find((b) => b.appointmentDate > today) ?? byNik[byNik.length - 1];
    if (upcoming) return upcoming;
    throw unknownBooking();
  }
  const known = bookings.find(scan.bookingCode);
  if (known) return known;
  const placeholder = placeholderBooking(ctx, scan.bookingCode, today);
  if (!placeholder) throw unknownBooking();
  return checkInBookingOf(placeholder);
}

function windowBounds(
  office: OfficeConfig,
  date: string,
  windowNumber: number,
): { start: string; end: string } {
  const window = arrivalWindowsOn(office, date).find((w) => w.number === windowNumber);
  return window ? { start: window.start, end: window.end } : { start: '00:00', end: '23:59' };
}

export function ticketView(
  office: OfficeConfig,
  ticket: TicketRecord,
  booking: CheckInBooking,
  repeated: boolean,
): TicketView {
  const lane = laneOf(office, ticket.lane);
  const late = ticket.arrival === 'late';
  const window = late
    ? { number: ticket.windowNumber, ...windowBounds(office, ticket.officeDate, ticket.windowNumber) }
    : { number: ticket.windowNumber, start: ticket.windowStart, end: ticket.windowEnd };
  return {
    id: ticket.id,
    number: ticket.number,
    officeDate: ticket.officeDate,
    office: { code: office.code, name: office.name },
    lane: { id: lane.id, name: lane.name, priority: lane.id !== 'regular' && lane.id !== 'standby' },
    window,
    bookedWindow: { start: ticket.windowStart, end: ticket.windowEnd },
    arrival: ticket.arrival,
    standbyReason: late
      ? {
          id: `Datang setelah jadwal kedatangan ${ticket.windowStart}–${ticket.windowEnd} (toleransi ${office.checkIn.lateMinutes} menit). Anda dipanggil setelah antrean tepat waktu.`,
          en: `Arrived after the ${ticket.windowStart}–${ticket.windowEnd} window (${office.checkIn.lateMinutes} minutes' grace). You will be called after the on-time queue.`,
        }
      : null,
    expectedCallAt: ticket.expectedCall,
    area: lane.area,
    issuedAt: isoInstant(ticket.issuedAt, office.timeZone),
    status: ticket.status,
    citizen: { initials: booking.initials },
    booking: { code: booking.bookingCode, applicationKind: booking.applicationKind },
    qr: ticketQr(office.code, ticket.id),
    repeated,
    issuedOffline: ticket.issuedOffline,
    notice: {
      id: `Perkiraan dipanggil pukul ${ticket.expectedCall}. Tunggu di ${lane.area.id} dan perhatikan layar.`,
      en: `Expected call at ${ticket.expectedCall}. Wait in the ${lane.area.en} and watch the screen.`,
    },
    unverified: ticket.unverified === true,
    unverifiedNotice: ticket.unverified ? unverifiedNotice : null,
  };
}

const helpDesk = {
  id: 'Silakan ke meja bantuan.',
  en: 'Please go to the help desk.',
};
/** A refusal that sends the citizen to the help desk says so in its details: the kiosk says what the desk can do. */
const toHelpDesk = { helpDesk: true };

function unknownBooking(): LoketError {
  return new LoketError(
    'UNKNOWN_BOOKING',
    {
      id: `Booking tidak ditemukan untuk hari ini. ${helpDesk.id}`,
      en: `No booking found for today. ${helpDesk.en}`,
    },
    toHelpDesk,
  );
}

function wrongOffice(office: OfficeConfig): LoketError {
  return new LoketError(
    'WRONG_OFFICE',
    {
      id: `Booking ini untuk kantor imigrasi lain, bukan ${office.name}. Periksa lokasi pada aplikasi M-Paspor. ${helpDesk.id}`,
      en: `This booking is for another immigration office, not ${office.name}. Check the location in the M-Paspor app. ${helpDesk.en}`,
    },
    toHelpDesk,
  );
}

function wrongDay(appointmentDate: string, today: string): LoketError {
  const future = appointmentDate > today;
  return new LoketError(
    'WRONG_DAY',
    future
      ? {
          id: `Jadwal Anda ${spokenDate(appointmentDate, 'id')}, bukan hari ini. Silakan datang pada tanggal tersebut.`,
          en: `Your appointment is on ${spokenDate(appointmentDate, 'en')}, not today. Please come on that day.`,
        }
      : {
          id: `Jadwal Anda ${spokenDate(appointmentDate, 'id')} sudah lewat. Buat jadwal baru di M-Paspor. ${helpDesk.id}`,
          en: `Your appointment on ${spokenDate(appointmentDate, 'en')} has passed. Book again in M-Paspor. ${helpDesk.en}`,
        },
    future ? { appointmentDate } : { appointmentDate, ...toHelpDesk },
  );
}

function officeClosed(
  office: OfficeConfig,
  closure: string | null,
  closeTime: string | undefined,
): LoketError {
  const reason = closure && closure !== 'weekend' ? ` (${closure})` : '';
  return new LoketError(
    'OFFICE_CLOSED',
    closure || !closeTime
      ? {
          id: `${office.name} tidak melayani hari ini${reason}.`,
          en: `${office.name} is closed today${reason}.`,
        }
      : {
          id: `Layanan hari ini sudah tutup pukul ${closeTime}. ${helpDesk.id}`,
          en: `Service closed for today at ${closeTime}. ${helpDesk.en}`,
        },
  );
}

function tooEarly(comeBackAt: string, booking: CheckInBooking): LoketError {
  return new LoketError(
    'TOO_EARLY',
    {
      id: `Jadwal Anda pukul ${booking.windowStart}–${booking.windowEnd}. Silakan kembali pukul ${comeBackAt} untuk mengambil nomor antrean.`,
      en: `Your window is ${booking.windowStart}–${booking.windowEnd}. Please come back at ${comeBackAt} to take a queue number.`,
    },
    { comeBackAt },
  );
}
