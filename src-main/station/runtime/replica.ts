import type { KioskBooking } from '../../domain/appointment.ts';
import type { StreamedEvent } from '../../domain/events.ts';
import type { OfficeConfig } from '../../domain/office.ts';
import type { TicketView } from '../../api/views.ts';
import type { NumberLease } from '../../store/leases.ts';
import type { Store } from '../../store/store.ts';
import type { TicketRecord } from '../../store/tickets.ts';
import type { StationMode } from '../../domain/roles.ts';

export interface Snapshot {
  lastSeq: number;
  office: OfficeConfig;
  /** What check-in uses of each booking: no name, NIK, phone or birth date (UU 27/2022). */
  bookings: KioskBooking[];
  /** The hub's key of the NIK hashes. */
  nikKey: string;
  tickets: TicketRecord[];
}

/**
 * A station's replica of what it needs from the floor, in its own SQLite database with the hub's
 * schema: the office, the day's bookings (reduced to what check-in uses) and tickets, its leased
 * numbers. It starts from a
 * snapshot once and then follows the hub's events; each event and the cursor after it are written
 * in one transaction, so a restart resumes from the cursor with nothing missed or applied twice.
 */
export class Replica {
  constructor(readonly store: Store) {}

  /** The last hub event applied (null: the replica has not been loaded yet). */
  get cursor(): number | null {
    const value = this.store.replica.get('cursor');
    return value === null ? null : Number(value);
  }

  get station(): { id: string; mode: StationMode } | null {
    const value = this.store.replica.get('station');
    return value ? (JSON.parse(value) as { id: string; mode: StationMode }) : null;
  }

  rememberStation(station: { id: string; mode: StationMode }): void {
    this.store.replica.set('station', JSON.stringify({ id: station.id, mode: station.mode }));
  }

  load(snapshot: Snapshot, at: number): void {
    this.store.transaction(() => {
      this.store.office.save(snapshot.office, at);
      this.store.kioskBookings.rememberKey(snapshot.nikKey);
      for (const booking of snapshot.bookings) this.store.kioskBookings.keep(booking, at);
      for (const ticket of snapshot.tickets) this.keepTicket(ticket);
      this.store.replica.set('cursor', String(snapshot.lastSeq));
    });
  }

  apply(event: StreamedEvent): void {
    this.store.transaction(() => {
      switch (event.type) {
        case 'booking.imported':
        case 'booking.updated': {
          // The hub sends a kiosk's replica the booking reduced; a full one is not kept here.
          const { booking } = event.payload;
          if ('nikHash' in booking) this.store.kioskBookings.keep(booking, event.at);
          break;
        }
        case 'office.updated':
          this.store.office.save(event.payload.config, event.at);
          break;
        case 'ticket.issued':
          this.keepTicket(event.payload.ticket);
          break;
        case 'ticket.voided':
          this.store.tickets.setStatus(event.payload.ticketId, 'void');
          break;
        case 'ticket.renumbered': {
          const ticket = this.store.tickets.find(event.payload.ticketId);
          if (ticket) this.keepTicket({ ...ticket, number: event.payload.number });
          break;
        }
        default:
          break;
      }
      this.store.replica.set('cursor', String(event.seq));
    });
  }

  /** A ticket the hub answered online, kept before its event arrives so a rescan finds it offline. */
  keepIssued(view: TicketView, stationId: string): void {
    this.store.transaction(() =>
      this.keepTicket({
        id: view.id,
        officeDate: view.officeDate,
        number: view.number,
        lane: view.lane.id,
        windowNumber: view.window.number,
        sequence: Number(view.number.split('-').at(-1)),
        bookingCode: view.booking.code,
        status: view.status,
        arrival: view.arrival,
        windowStart: view.bookedWindow.start,
        windowEnd: view.bookedWindow.end,
        expectedCall: view.expectedCallAt,
        issuedAt: Date.parse(view.issuedAt),
        issuedBy: stationId,
        issuedOffline: view.issuedOffline,
      }),
    );
  }

  keepLeases(leases: NumberLease[]): void {
    this.store.transaction(() => {
      for (const lease of leases) this.store.leases.add({ ...lease, usedUpTo: null });
    });
  }

  private keepTicket(ticket: TicketRecord): void {
    const record: TicketRecord = { ...ticket, issuedOffline: ticket.issuedOffline ?? false };
    const known = this.store.tickets.find(record.id);
    if (known) {
      if (known.number !== record.number) this.store.tickets.renumber(record);
      if (known.status !== record.status) this.store.tickets.setStatus(record.id, record.status);
      return;
    }
    // A ticket of a booking this station was never given (another day's) is not its business.
    if (!this.store.kioskBookings.find(record.bookingCode)) return;
    this.store.tickets.add(record);
  }
}
