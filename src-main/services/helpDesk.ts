import type { Appointment } from '../domain/appointment.ts';
import { LoketError } from '../domain/errors.ts';
import { stageOf } from '../domain/floor.ts';
import { isoInstant, localDateOf, type LocalDate } from '../domain/localTime.ts';
import { laneOf, type PriorityLaneId } from '../domain/office.ts';
import { normaliseBookingCode, plainBookingCode } from '../domain/scan.ts';
import type { HelpDeskCitizenView, HelpDeskSearchView } from '../api/helpDeskViews.ts';
import type { PrintResult, TicketView } from '../api/views.ts';
import { unverifiedCheckInsAllowed } from './appointmentFeed.ts';
import { checkIn } from './checkIn.ts';
import type { ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';
import { approvingSupervisor } from './approvals.ts';
import { kioskReprints, printTicket } from './printTicket.ts';

/**
 * The help desk (DESIGN §2): an officer finds a citizen's booking and day by booking code, NIK or
 * name, checks them in on their behalf with the kiosk's own rules (`checkIn`), and prints or
 * reprints their ticket on the desk's printer — past the reprint limit only with a supervisor's
 * username and PIN. Every write names the officer (the event's actor) and every look-up is logged.
 */

const mostResults = 20;

/** Finds bookings by code (dashes, spaces and case ignored), NIK or name, each with its day. */
export function searchCitizens(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { query: string },
): HelpDeskSearchView {
  const office = ctx.store.office.get();
  const today = localDateOf(ctx.clock.now(), office.timeZone);
  const query = input.query.trim();
  const digits = query.replace(/[\s-]/g, '');
  let kind: HelpDeskSearchView['kind'];
  let found: Appointment[];
  if (/^\d{16}$/.test(digits)) {
    kind = 'nik';
    found = ctx.store.bookings.findByNik(digits);
    // Sixteen digits may also be a booking code.
    const asCode = ctx.store.bookings.find(digits);
    if (asCode) found = [asCode, ...found];
  } else if (/\d/.test(query)) {
    kind = 'code';
    const code = normaliseBookingCode(query);
    const booking = code
      ? (ctx.store.bookings.find(code) ?? ctx.store.bookings.findByPlainCode(plainBookingCode(code)))
      : null;
    found = booking ? [booking] : [];
  } else {
    kind = 'name';
    const words = query.split(/\s+/).filter((w) => w.length > 0);
    if (words.join('').length < 3)
      throw new LoketError('INVALID_INPUT', {
        id: 'Ketik paling sedikit 3 huruf nama.',
        en: 'Type at least 3 letters of the name.',
      });
    found = ctx.store.bookings.findByName(words, today, mostResults);
  }
  const results = found.slice(0, mostResults).map((booking) => citizenDay(ctx, booking, today));
  ctx.store.events.emit({
    type: 'helpdesk.searched',
    at: ctx.clock.now(),
    actor: caller.actor,
    station: caller.stationId,
    payload: {
      officerId: caller.officer.user.id,
      kind,
      bookingCodes: results.map((r) => r.bookingCode),
    },
  });
  return { officeDate: today, kind, results, unverifiedAllowed: unverifiedCheckInsAllowed(ctx) };
}

/** A booking and its day, as every other screen knows it. */
export function citizenDay(ctx: ServiceContext, booking: Appointment, today: LocalDate): HelpDeskCitizenView {
  const office = ctx.store.office.get();
  const ticket = ctx.store.tickets.activeForBooking(booking.bookingCode, today);
  const entry = ticket ? ctx.store.queue.latestForTicket(ticket.id) : null;
  const firstStage = office.floor.stages[0]?.id;
  const stage = entry ? stageOf(office.floor, entry.stage) : null;
  const application = ctx.store.applications.latestForBooking(booking.bookingCode);
  const job = application ? ctx.store.printJobs.findByApplication(application.id) : null;
  const printed = ticket ? ctx.store.tickets.printsOf(ticket.id).printed : 0;
  return {
    bookingCode: booking.bookingCode,
    fullName: booking.fullName,
    nik: booking.nik,
    birthDate: booking.birthDate,
    applicationKind: booking.applicationKind,
    appointmentDate: booking.appointmentDate,
    window: { start: booking.windowStart, end: booking.windowEnd },
    lane: booking.lane,
    today: booking.appointmentDate === today,
    unverified: ctx.store.bookings.isPlaceholder(booking.bookingCode),
    ticket: ticket
      ? {
          id: ticket.id,
          number: ticket.number,
          status: ticket.status,
          lane: laneOf(office, ticket.lane).name,
          issuedAt: isoInstant(ticket.issuedAt, office.timeZone),
          arrival: ticket.arrival,
          unverified: ticket.unverified === true,
          printed,
          reprintsLeft: Math.max(0, kioskReprints + 1 - printed),
        }
      : null,
    visit:
      entry && stage
        ? {
            stage: { id: stage.id, name: stage.name },
            status: entry.status,
            counter: entry.counter,
            called: entry.stage !== firstStage || entry.status !== 'waiting',
          }
        : null,
    application: application
      ? {
          number: application.number,
          status: application.status,
          pickupDate: application.pickupDate,
          printState: job?.state ?? null,
          handedOver: application.handedOverAt !== null,
        }
      : null,
  };
}

/**
 * Checks a citizen in on their behalf: the kiosk's rules, unchanged (too early, wrong day, late to
 * standby, one ticket per booking, an unverified ticket while the feed is down). The ticket's
 * `ticket.issued` names the officer as its actor; `helpdesk.checkedIn` says it was done for them.
 */
export function checkInOnBehalf(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { bookingCode: string; priority?: PriorityLaneId | undefined },
): { ticket: TicketView; citizen: HelpDeskCitizenView | null } {
  return ctx.store.transaction(() => {
    const ticket = checkIn(ctx, caller, { text: input.bookingCode, priority: input.priority });
    if (!ticket.repeated)
      ctx.store.events.emit({
        type: 'helpdesk.checkedIn',
        at: ctx.clock.now(),
        actor: caller.actor,
        station: caller.stationId,
        payload: {
          ticketId: ticket.id,
          number: ticket.number,
          bookingCode: ticket.booking.code,
          officerId: caller.officer.user.id,
          unverified: ticket.unverified,
        },
      });
    const booking = ctx.store.bookings.find(ticket.booking.code);
    return { ticket, citizen: booking ? citizenDay(ctx, booking, ticket.officeDate) : null };
  });
}

/**
 * Prints a ticket on the desk's own printer. Within the reprint limit (the first print and
 * `kioskReprints` reprints, wherever they came out) the officer prints it; past the limit a
 * supervisor, not the officer at the desk, approves with username and PIN, and the approval is
 * logged before the print.
 */
export async function printAtHelpDesk(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { ticketId: string; approval?: { username: string; secret: string } | undefined },
): Promise<PrintResult> {
  const ticket = ctx.store.tickets.find(input.ticketId);
  if (!ticket) throw new LoketError('NOT_FOUND', { id: 'Tiket tidak ditemukan.', en: 'Ticket not found.' });
  const reprint = ctx.store.tickets.printsOf(ticket.id).printed;
  if (reprint > kioskReprints) {
    if (!input.approval)
      throw new LoketError(
        'APPROVAL_REQUIRED',
        {
          id: `Tiket ${ticket.number} sudah dicetak ulang ${kioskReprints} kali. Cetak ulang berikutnya perlu persetujuan supervisor.`,
          en: `Ticket ${ticket.number} has been reprinted ${kioskReprints} times. Another reprint needs a supervisor's approval.`,
        },
        { subject: 'reprint', number: ticket.number, reprint, limit: kioskReprints },
      );
    const supervisor = approvingSupervisor(
      ctx,
      caller,
      input.approval,
      { id: `cetak ulang tiket ${ticket.number}`, en: `reprinting ticket ${ticket.number}` },
      { id: 'petugas di meja ini', en: 'the officer at this desk' },
    );
    ctx.store.events.emit({
      type: 'ticket.reprintApproved',
      at: ctx.clock.now(),
      actor: caller.actor,
      station: caller.stationId,
      payload: {
        ticketId: ticket.id,
        number: ticket.number,
        reprint,
        officerId: caller.officer.user.id,
        supervisorId: supervisor.id,
      },
    });
  }
  const result = await printTicket(ctx, { ...caller, mode: 'helpdesk' }, { ticketId: ticket.id });
  return result.problem === 'no_printer'
    ? {
        ...result,
        message: {
          id: 'Meja ini belum punya printer tiket. Sebutkan nomornya kepada warga.',
          en: 'This desk has no ticket printer yet. Tell the citizen the number.',
        },
      }
    : result;
}
