import { LoketError } from '../domain/errors.ts';
import { checkIn, ticketView } from '../services/checkIn.ts';
import type { Caller, ServiceContext } from '../services/context.ts';
import { importAppointments } from '../services/importAppointments.ts';
import { changeOffice, showOffice } from '../services/office.ts';
import { todaysQuota } from '../services/quota.ts';
import { printTicket } from '../services/printTicket.ts';
import type { Station } from '../store/stations.ts';
import type { InputOf, OperationName, OutputOf } from './contract.ts';

export interface StationCaller extends Caller {
  station: Station;
}

type Handlers = {
  [N in OperationName]: (
    ctx: ServiceContext,
    caller: StationCaller,
    input: InputOf<N>,
  ) => OutputOf<N> | Promise<OutputOf<N>>;
};

/** Each operation of the contract bound to its use case. */
export const handlers: Handlers = {
  checkIn: (ctx, caller, input) => checkIn(ctx, caller, input),
  printTicket: (ctx, caller, input) => printTicket(ctx, { ...caller, mode: caller.station.mode }, input),
  getTicket: (ctx, _caller, input) => {
    const ticket = ctx.store.tickets.find(input.id);
    const booking = ticket ? ctx.store.bookings.find(ticket.bookingCode) : null;
    if (!ticket || !booking) {
      throw new LoketError('NOT_FOUND', { id: 'Tiket tidak ditemukan.', en: 'Ticket not found.' });
    }
    return ticketView(ctx.store.office.get(), ticket, booking, true);
  },
  showOffice: (ctx) => showOffice(ctx),
  changeOffice: (ctx, caller, input) => changeOffice(ctx, caller, input.changes),
  importAppointments: (ctx, caller, input) => importAppointments(ctx, caller, input),
  todaysQuota: (ctx) => todaysQuota(ctx),
  whoAmI: (_ctx, caller) => ({ id: caller.station.id, name: caller.station.name, mode: caller.station.mode }),
};
