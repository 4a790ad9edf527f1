import { encodeEscPos } from '../../drivers/ticket-printer/escpos.ts';
import { LoketError, type Bilingual } from '../domain/errors.ts';
import type { PrintProblemCode, PrintResult, TicketView } from '../api/views.ts';
import { problemMessages as driverProblemMessages } from '../../drivers/ticket-printer/printer.ts';
import { ticketDocument } from '../documents/ticketLayout.ts';
import { ticketView } from './checkIn.ts';
import type { Caller, ServiceContext } from './context.ts';

/**
 * The station's device manager. The registry follows the stored configuration every two seconds;
 * only a station without one yet (a printer set a moment ago beside the hub) makes it look now.
 */
export async function managerOf(ctx: ServiceContext, stationId: string) {
  const found = await ctx.devices?.managerOf(stationId);
  if (found || !ctx.devices) return found ?? null;
  await ctx.devices.sync();
  return ctx.devices.managerOf(stationId);
}

/** A kiosk may print a ticket once and reprint it this often; the supervisor decides beyond that. */
export const kioskReprints = 2;

const problemMessages: Record<PrintProblemCode, Bilingual> = {
  ...driverProblemMessages,
  no_printer: { id: 'Kios ini tidak punya printer tiket.', en: 'This kiosk has no ticket printer.' },
};

/**
 * Prints a committed ticket on the calling station's ticket printer. The printer is asked first
 * and gets nothing unless it is ready; every attempt is recorded, so an unprinted ticket shows as
 * such and every reprint is counted and logged. A failed print is an answer, not an error: the
 * kiosk shows the number on screen instead.
 */
export async function printTicket(
  ctx: ServiceContext,
  caller: Caller & { mode: string },
  input: { ticketId: string },
): Promise<PrintResult> {
  const { view, reprint } = ticketSlip(ctx, caller, input);
  const devices = caller.stationId ? await managerOf(ctx, caller.stationId) : null;
  let problem: PrintProblemCode | null = 'no_printer';
  if (devices?.hasPrinter) {
    const logo = (devices.printsLogo && ctx.ticketLogo) || undefined;
    const bytes = encodeEscPos(ticketDocument(view, { reprint, training: ctx.training ?? false, logo }), {
      columns: 48,
    });
    const result = await devices.print(bytes);
    problem = result.printed ? null : result.problem;
  }
  return recordTicketPrint(ctx, caller, { ticketId: view.id, reprint, problem });
}

/**
 * What a station with its own printer prints (a desktop kiosk on a hub elsewhere): the ticket as
 * printed, which print of it this is, and whether the floor is a training one. Refuses a kiosk's
 * third reprint; nothing is recorded until the station says how the print went.
 */
export function ticketSlip(
  ctx: ServiceContext,
  caller: Caller & { mode: string },
  input: { ticketId: string },
): { view: TicketView; reprint: number; training: boolean } {
  const ticket = ctx.store.tickets.find(input.ticketId);
  const booking = ticket ? ctx.store.checkInBookings.find(ticket.bookingCode) : null;
  if (!ticket || !booking)
    throw new LoketError('NOT_FOUND', { id: 'Tiket tidak ditemukan.', en: 'Ticket not found.' });
  const { printed } = ctx.store.tickets.printsOf(ticket.id);
  const reprint = printed; // 0 for the first print, then 1, 2, …
  if (caller.mode === 'kiosk' && reprint > kioskReprints) {
    throw new LoketError(
      'REPRINT_LIMIT',
      {
        id: `Tiket ${ticket.number} sudah dicetak ulang ${kioskReprints} kali. Silakan ke meja bantuan.`,
        en: `Ticket ${ticket.number} has been reprinted ${kioskReprints} times. Please go to the help desk.`,
      },
      { number: ticket.number, helpDesk: true },
    );
  }
  const view = ticketView(ctx.store.office.get(), ticket, booking, reprint > 0);
  return { view, reprint, training: ctx.training ?? false };
}

/** Records one print attempt of a ticket, printed or not and why, with its event. */
export function recordTicketPrint(
  ctx: ServiceContext,
  caller: Caller,
  input: { ticketId: string; reprint: number; problem: PrintProblemCode | null },
): PrintResult {
  const ticket = ctx.store.tickets.find(input.ticketId);
  if (!ticket) throw new LoketError('NOT_FOUND', { id: 'Tiket tidak ditemukan.', en: 'Ticket not found.' });
  const { reprint, problem } = input;
  const printed = problem === null;
  ctx.store.transaction(() => {
    const at = ctx.clock.now();
    ctx.store.tickets.recordPrint({
      ticketId: ticket.id,
      stationId: caller.stationId,
      at,
      printed,
      problem,
      reprint,
    });
    const by = { at, actor: caller.actor, station: caller.stationId };
    const printedTicket = { ticketId: ticket.id, number: ticket.number, reprint };
    ctx.store.events.emit(
      problem === null
        ? { ...by, type: 'ticket.printed', payload: { ...printedTicket, problem } }
        : { ...by, type: 'ticket.printFailed', payload: { ...printedTicket, problem } },
    );
  });
  return {
    ticketId: ticket.id,
    number: ticket.number,
    reprint,
    printed,
    problem,
    message: problem ? problemMessages[problem] : null,
  };
}
