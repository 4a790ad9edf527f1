import { newId } from '../domain/ids.ts';
import { checkInBookingOf, type Appointment, type KioskBooking } from '../domain/appointment.ts';
import { kioskBookingOf } from '../store/kioskBookings.ts';
import { LoketError } from '../domain/errors.ts';
import { instantAt, isoInstant, localDateOf, minutesOf } from '../domain/localTime.ts';
import { arrivalWindowsOn, type OfficeConfig, type PriorityLaneId } from '../domain/office.ts';
import { laneIds, type LaneId } from '../domain/laneIds.ts';
import type { TicketView } from '../api/views.ts';
import type { FloorEvent } from '../domain/events.ts';
import type { OfflineConflict } from '../store/conflicts.ts';
import type { NumberLease } from '../store/leases.ts';
import type { TicketRecord } from '../store/tickets.ts';
import { ticketNumber } from '../domain/ticket.ts';
import { ticketView } from './checkIn.ts';
import type { Caller, ServiceContext } from './context.ts';
import { recordClaim } from './priorityClaims.ts';
import { enqueue } from './counters.ts';

/**
 * The hub's side of a floor that keeps working apart: number blocks leased to kiosks in advance,
 * tickets a kiosk issued from them while the hub was out of reach, the conflicts those can bring,
 * and the snapshot a station's replica starts from.
 */

/** Offline numbers start here, well above any window's quota, so they read as offline on the slip. */
export const offlineNumbersFrom = 501;
/** Numbers in one leased block. */
export const leaseBlockSize = 100;

export interface LeaseRequest {
  /** Lanes and windows whose blocks the kiosk has (nearly) used up: each gets a fresh block. */
  exhausted?: { lane: LaneId; windowNumber: number }[] | undefined;
}

/**
 * Gives a kiosk a block of numbers for every lane and arrival window of the day it does not hold
 * one for yet, and a fresh block where it says it has used one up. Answers all its blocks of the
 * day, so a lost answer is made good by the next request.
 */
export function leaseNumbers(
  ctx: ServiceContext,
  caller: Caller & { stationId: string },
  input: LeaseRequest,
): { officeDate: string; leases: NumberLease[] } {
  return ctx.store.transaction(() => {
    const now = ctx.clock.now();
    const office = ctx.store.office.get();
    const today = localDateOf(now, office.timeZone);
    const held = ctx.store.leases.forStation(caller.stationId, today);
    const windows = arrivalWindowsOn(office, today);
    const wanted = new Set((input.exhausted ?? []).map((e) => `${e.lane}:${e.windowNumber}`));
    for (const lane of office.lanes.map((l) => l.id).filter((id) => laneIds.includes(id))) {
      for (const window of windows) {
        const has = held.some((l) => l.lane === lane && l.windowNumber === window.number);
        if (has && !wanted.has(`${lane}:${window.number}`)) continue;
        const first = Math.max(
          offlineNumbersFrom,
          ctx.store.leases.highestLeased(today, lane, window.number) + 1,
          ctx.store.tickets.lastSequence(today, lane, window.number) + 1,
        );
        ctx.store.leases.add({
          id: newId(),
          stationId: caller.stationId,
          officeDate: today,
          lane,
          windowNumber: window.number,
          firstSeq: first,
          lastSeq: first + leaseBlockSize - 1,
          grantedAt: now,
          usedUpTo: null,
        });
      }
    }
    return { officeDate: today, leases: ctx.store.leases.forStation(caller.stationId, today) };
  });
}

export type OfflineTicket = Omit<TicketRecord, 'status' | 'issuedBy' | 'issuedOffline'>;

export type OfflineOutcome =
  /** The ticket is on the floor as the kiosk issued it. */
  | 'accepted'
  /** The hub already had it (a resend). */
  | 'already'
  /** The hub had issued it online with another number before the answer was lost: it takes the printed one. */
  | 'renumbered'
  /** The booking had another ticket: the earlier one is kept and the other voided. */
  | 'conflict_kept'
  | 'conflict_voided';

/**
 * A ticket a kiosk issued while apart, arriving from its outbox. It must carry a number from a
 * block leased to that kiosk. When the booking already holds another ticket (checked in at another
 * kiosk while apart), the first issued is kept, unless the other is already being served, and the
 * other is voided: both stay in the record and the case goes to the supervisor.
 */
export function acceptOfflineTicket(
  ctx: ServiceContext,
  caller: Caller & { stationId: string },
  input: { ticket: OfflineTicket; priorityClaimed?: PriorityLaneId | undefined },
): { outcome: OfflineOutcome; ticket: TicketView } {
  return ctx.store.transaction(() => {
    const now = ctx.clock.now();
    const office = ctx.store.office.get();
    const offline: TicketRecord = {
      ...input.ticket,
      status: 'waiting',
      issuedBy: caller.stationId,
      issuedOffline: true,
    };
    const booking = ctx.store.bookings.find(offline.bookingCode);
    if (!booking) throw notOnTheFloor(offline);
    const lease = ctx.store.leases.covering(
      offline.officeDate,
      offline.lane,
      offline.windowNumber,
      offline.sequence,
    );
    if (!lease || lease.stationId !== caller.stationId) throw notLeased(offline);
    // The printed number is the lease's too: one outside it would later collide with a number the
    // hub hands out online in that lane and window.
    const prefix = office.lanes.find((l) => l.id === offline.lane)?.prefix;
    if (
      prefix === undefined ||
      offline.number !== ticketNumber(prefix, offline.windowNumber, offline.sequence)
    )
      throw notLeased(offline);

    const same = ctx.store.tickets.find(offline.id);
    if (same?.number === offline.number) return answer(office, same, booking, 'already');
    // A number the hub already has on another ticket is never issued twice.
    const holder = ctx.store.tickets.withNumber(offline.officeDate, offline.number);
    if (holder && holder.id !== offline.id) throw numberTaken(offline);
    if (same) return renumber(ctx, office, same, offline, booking, caller, now);

    const other = ctx.store.tickets.activeForBooking(offline.bookingCode, offline.officeDate);
    const keepOther = other && (inProgress(ctx, other) || other.issuedAt <= offline.issuedAt);
    const outcome: OfflineOutcome = other ? (keepOther ? 'conflict_voided' : 'conflict_kept') : 'accepted';
    if (other && !keepOther) voidTicket(ctx, other, caller, now);
    ctx.store.tickets.add({ ...offline, status: keepOther ? 'void' : 'waiting' });
    if (!keepOther) enqueue(ctx, offline, firstStage(office), windowStartOf(office, offline), now);
    if (!keepOther && input.priorityClaimed)
      recordClaim(ctx, offline, input.priorityClaimed, caller.stationId);
    ctx.store.events.emit({
      type: 'ticket.issued',
      at: now,
      actor: caller.actor,
      station: caller.stationId,
      payload: {
        ticket: { ...offline, status: keepOther ? 'void' : 'waiting' },
        ...(input.priorityClaimed ? { priorityClaimed: input.priorityClaimed } : {}),
      },
    });
    if (other) {
      const conflict: OfflineConflict = {
        id: newId(),
        officeDate: offline.officeDate,
        bookingCode: offline.bookingCode,
        keptTicketId: keepOther ? other.id : offline.id,
        voidedTicketId: keepOther ? offline.id : other.id,
        foundAt: now,
      };
      ctx.store.conflicts.add(conflict);
      ctx.store.events.emit({
        type: 'ticket.conflict',
        at: now,
        actor: caller.actor,
        station: caller.stationId,
        payload: conflict,
      });
    }
    const kept = ctx.store.tickets.find(offline.id) as TicketRecord;
    return answer(office, kept, booking, outcome);
  });
}

export interface StuckCommandReport {
  commandId: string;
  operation: string;
  since: number;
  attempts: number;
  answer: { status: number; code: string; message: { id: string; en: string } };
}

/**
 * A station says its outbox has been failing on one command for minutes (the hub answered it with
 * an error it may retry, again and again): logged for the supervisor, who sees it in the offline
 * view until the hub applies or refuses the command.
 */
export function reportStuckCommand(
  ctx: ServiceContext,
  caller: Caller & { stationId: string },
  input: StuckCommandReport,
): { reported: true } {
  ctx.store.transaction(() => {
    ctx.store.events.emit({
      type: 'command.stuck',
      at: ctx.clock.now(),
      actor: caller.actor,
      station: caller.stationId,
      payload: {
        commandId: input.commandId,
        operation: input.operation,
        since: input.since,
        attempts: input.attempts,
        status: input.answer.status,
        code: input.answer.code,
        message: input.answer.message,
      },
    });
  });
  return { reported: true };
}

/**
 * What the supervisor must see after stations were apart: today's double check-ins (both tickets'
 * numbers and kiosks), every command from an outbox the hub turned away, and the commands an
 * outbox is stuck on.
 */
export function offlineConflicts(ctx: ServiceContext): {
  officeDate: string;
  conflicts: {
    id: string;
    bookingCode: string;
    /** Office-local ISO times, as every view gives them. */
    foundAt: string;
    kept: { id: string; number: string; issuedAt: string; issuedBy: string | null };
    voided: { id: string; number: string; issuedAt: string; issuedBy: string | null };
  }[];
  refused: {
    id: string;
    station: string;
    operation: string;
    code: string;
    message: { id: string; en: string };
    at: string;
  }[];
  stuck: {
    id: string;
    station: string;
    operation: string;
    status: number;
    code: string;
    message: { id: string; en: string };
    since: string;
    attempts: number;
    at: string;
  }[];
} {
  const office = ctx.store.office.get();
  const today = localDateOf(ctx.clock.now(), office.timeZone);
  const brief = (id: string) => {
    const ticket = ctx.store.tickets.find(id) as TicketRecord;
    const issuedAt = isoInstant(ticket.issuedAt, office.timeZone);
    return { id, number: ticket.number, issuedAt, issuedBy: ticket.issuedBy };
  };
  return {
    officeDate: today,
    conflicts: ctx.store.conflicts.forDay(today).map((c) => ({
      id: c.id,
      bookingCode: c.bookingCode,
      foundAt: isoInstant(c.foundAt, office.timeZone),
      kept: brief(c.keptTicketId),
      voided: brief(c.voidedTicketId),
    })),
    refused: ctx.store.commands.refusedSince(instantAt(today, '00:00', office.timeZone)).map((c) => ({
      id: c.id,
      station: c.stationName ?? c.stationId,
      operation: c.operation,
      code: c.outcome.ok ? '' : c.outcome.error.code,
      message: c.outcome.ok ? { id: '', en: '' } : c.outcome.error.message,
      at: isoInstant(c.appliedAt, office.timeZone),
    })),
    stuck: stuckCommands(ctx, instantAt(today, '00:00', office.timeZone), office.timeZone),
  };
}

/** Today's stuck commands, the latest report of each, while the hub has not applied or refused it. */
function stuckCommands(ctx: ServiceContext, since: number, timeZone: string) {
  const latest = new Map<string, Extract<FloorEvent, { type: 'command.stuck' }>>();
  for (const event of ctx.store.events.ofTypeSince('command.stuck', since))
    if (event.type === 'command.stuck') latest.set(event.payload.commandId, event);
  return [...latest.values()]
    .filter((event) => ctx.store.commands.find(event.payload.commandId) === null)
    .map(({ payload, station, at }) => ({
      id: payload.commandId,
      station: (station && ctx.store.stations.find(station)?.name) ?? station ?? '',
      operation: payload.operation,
      status: payload.status,
      code: payload.code,
      message: payload.message,
      since: isoInstant(payload.since, timeZone),
      attempts: payload.attempts,
      at: isoInstant(at, timeZone),
    }));
}

/**
 * Where a station's replica starts: the office, the bookings from today on, today's tickets, and the event the
 * snapshot is as of, read in one go so that following the stream from it misses and repeats nothing.
 */
export function replicaSnapshot(ctx: ServiceContext): {
  lastSeq: number;
  officeDate: string;
  office: OfficeConfig;
  bookings: KioskBooking[];
  nikKey: string;
  tickets: TicketRecord[];
} {
  return ctx.store.db.transaction(() => {
    const office = ctx.store.office.get();
    const today = localDateOf(ctx.clock.now(), office.timeZone);
    const tickets = ctx.store.tickets.listForDay(today);
    const codes = new Set(tickets.map((t) => t.bookingCode));
    // Today's, and those already imported for the days ahead: the stream brings only later changes.
    const bookings = ctx.store.bookings.fromDate(today);
    for (const booking of bookings) codes.delete(booking.bookingCode);
    // Tickets of bookings made for another day (a standby, a late import) bring their booking along.
    for (const code of codes) {
      const booking = ctx.store.bookings.find(code);
      if (booking) bookings.push(booking);
    }
    const key = ctx.store.secrets.nikKey();
    return {
      lastSeq: ctx.store.events.lastSeq(),
      officeDate: today,
      office,
      bookings: bookings.map((booking) => kioskBookingOf(booking, key)),
      nikKey: key.toString('hex'),
      tickets,
    };
  })();
}

function renumber(
  ctx: ServiceContext,
  office: OfficeConfig,
  same: TicketRecord,
  offline: TicketRecord,
  booking: Appointment,
  caller: Caller & { stationId: string },
  now: number,
): { outcome: OfflineOutcome; ticket: TicketView } {
  // The citizen holds the slip with the offline number; the online one was never shown to anyone.
  if (inProgress(ctx, same)) return answer(office, same, booking, 'already');
  ctx.store.tickets.renumber(offline);
  for (const entry of ctx.store.queue.liveForTicket(same.id)) {
    ctx.store.queue.renumber(entry, offline.number, offline.lane);
  }
  ctx.store.events.emit({
    type: 'ticket.renumbered',
    at: now,
    actor: caller.actor,
    station: caller.stationId,
    payload: { ticketId: same.id, from: same.number, number: offline.number, lane: offline.lane },
  });
  return answer(office, ctx.store.tickets.find(same.id) as TicketRecord, booking, 'renumbered');
}

/** A ticket some counter has already called or served is not voided under the citizen's feet. */
function inProgress(ctx: ServiceContext, ticket: TicketRecord): boolean {
  const live = ctx.store.queue.liveForTicket(ticket.id);
  return live.length === 0 || live.some((entry) => entry.status !== 'waiting');
}

function voidTicket(ctx: ServiceContext, ticket: TicketRecord, caller: Caller, now: number): void {
  ctx.store.tickets.setStatus(ticket.id, 'void');
  for (const entry of ctx.store.queue.liveForTicket(ticket.id)) {
    ctx.store.queue.move(entry.id, 'waiting', 'cancelled', now);
    ctx.store.queue.enterPeriod(entry, null, now, null, null);
  }
  ctx.store.events.emit({
    type: 'ticket.voided',
    at: now,
    actor: caller.actor,
    station: caller.stationId,
    payload: { ticketId: ticket.id, number: ticket.number, reason: 'offline_conflict' },
  });
}

function answer(
  office: OfficeConfig,
  ticket: TicketRecord,
  booking: Appointment,
  outcome: OfflineOutcome,
): { outcome: OfflineOutcome; ticket: TicketView } {
  return { outcome, ticket: ticketView(office, ticket, checkInBookingOf(booking), outcome !== 'accepted') };
}

const firstStage = (office: OfficeConfig): string => office.floor.stages[0]?.id as string;

/** The minute the ticket's window opens, as check-in enqueues it (for standby: its numbered window). */
function windowStartOf(office: OfficeConfig, ticket: TicketRecord): number {
  if (ticket.arrival !== 'late') return minutesOf(ticket.windowStart);
  const window = arrivalWindowsOn(office, ticket.officeDate).find((w) => w.number === ticket.windowNumber);
  return window ? minutesOf(window.start) : minutesOf(ticket.windowStart);
}

function notOnTheFloor(ticket: TicketRecord): LoketError {
  return new LoketError(
    'UNKNOWN_BOOKING',
    {
      id: `Booking ${ticket.bookingCode} dari tiket offline ${ticket.number} tidak ada di hub.`,
      en: `Booking ${ticket.bookingCode} of offline ticket ${ticket.number} is not on the hub.`,
    },
    { ticketId: ticket.id },
  );
}

function numberTaken(ticket: TicketRecord): LoketError {
  return new LoketError(
    'FORBIDDEN',
    {
      id: `Nomor ${ticket.number} sudah dipakai tiket lain di hub; tiket offline ini tidak diterima.`,
      en: `Number ${ticket.number} is already on another ticket at the hub; this offline ticket is refused.`,
    },
    { ticketId: ticket.id, number: ticket.number },
  );
}

function notLeased(ticket: TicketRecord): LoketError {
  const lane = ticket.lane;
  return new LoketError(
    'FORBIDDEN',
    {
      id: `Nomor ${ticket.number} bukan dari blok nomor yang dipinjamkan ke kios ini.`,
      en: `Number ${ticket.number} is not from a block leased to this kiosk.`,
    },
    { ticketId: ticket.id, lane, windowNumber: ticket.windowNumber, sequence: ticket.sequence },
  );
}
