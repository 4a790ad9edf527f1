import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';
import type { DayChanges } from './dayChanges.ts';
import type { LaneId } from '../domain/office.ts';
import type { ArrivalKind, TicketRecord } from '../domain/ticket.ts';
import type { TicketStatus } from '../domain/states.ts';

export type { ArrivalKind, TicketRecord } from '../domain/ticket.ts';

interface TicketRow {
  id: string;
  office_date: string;
  number: string;
  lane: LaneId;
  window_number: number;
  sequence: number;
  booking_code: string;
  status: TicketStatus;
  arrival: ArrivalKind;
  window_start: string;
  window_end: string;
  expected_call: string;
  issued_at: number;
  issued_by: string | null;
  issued_offline: number;
  unverified: 0 | 1;
}

const fromRow = (row: TicketRow): TicketRecord => ({
  id: row.id,
  officeDate: row.office_date,
  number: row.number,
  lane: row.lane,
  windowNumber: row.window_number,
  sequence: row.sequence,
  bookingCode: row.booking_code,
  status: row.status,
  arrival: row.arrival,
  windowStart: row.window_start,
  windowEnd: row.window_end,
  expectedCall: row.expected_call,
  issuedAt: row.issued_at,
  issuedBy: row.issued_by,
  issuedOffline: row.issued_offline === 1,
  unverified: row.unverified === 1,
});

/** Queue tickets and the counters their numbers come from. */
export class TicketRepository {
  private readonly db: Db;
  private readonly next;
  private readonly insert;
  private readonly activeStmt;
  private readonly byId;
  private readonly byDay;
  private readonly issuedCount;
  // Prepared on first use: the print log came with migration 3, leases and states with migration 7.
  private insertPrint?: Statement;
  private printCounts?: Statement;
  private leaseAt?: Statement;
  private skipTo?: Statement;
  private statusStmt?: Statement;
  private renumberStmt?: Statement;
  private verifyStmt?: Statement;
  private byNumber?: Statement;

  constructor(
    db: Db,
    private readonly days?: DayChanges,
  ) {
    this.db = db;
    // One statement: the counter row is created at 1 or incremented, never decremented.
    this.next = db
      .prepare(
        `INSERT INTO number_counters (office_date, lane, window_number, last_sequence) VALUES (?, ?, ?, 1)
         ON CONFLICT (office_date, lane, window_number) DO UPDATE SET last_sequence = last_sequence + 1
         RETURNING last_sequence`,
      )
      .pluck();
    this.insert = db.prepare(`INSERT INTO tickets (id, office_date, number, lane, window_number, sequence,
        booking_code, status, arrival, window_start, window_end, expected_call, issued_at, issued_by, issued_offline,
        unverified)
      VALUES (@id, @officeDate, @number, @lane, @windowNumber, @sequence, @bookingCode, @status, @arrival,
        @windowStart, @windowEnd, @expectedCall, @issuedAt, @issuedBy, @issuedOffline, @unverified)`);
    this.activeStmt = db.prepare(
      "SELECT * FROM tickets WHERE booking_code = ? AND office_date = ? AND status NOT IN ('cancelled', 'void')",
    );
    this.byId = db.prepare('SELECT * FROM tickets WHERE id = ?');
    this.byDay = db.prepare('SELECT * FROM tickets WHERE office_date = ? ORDER BY issued_at, id');
    this.issuedCount = db.prepare(
      'SELECT lane, window_number AS windowNumber, COUNT(*) AS issued FROM tickets WHERE office_date = ? GROUP BY lane, window_number',
    );
  }

  recordPrint(print: {
    ticketId: string;
    stationId: string | null;
    at: number;
    printed: boolean;
    problem: string | null;
    reprint: number;
  }): void {
    this.insertPrint ??= this.db.prepare(
      'INSERT INTO ticket_prints (ticket_id, station_id, at, printed, problem, reprint) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertPrint.run(
      print.ticketId,
      print.stationId,
      print.at,
      print.printed ? 1 : 0,
      print.problem,
      print.reprint,
    );
  }

  /** How often a ticket has come out of a printer, and how often printing it was tried. */
  printsOf(ticketId: string): { printed: number; attempts: number } {
    this.printCounts ??= this.db.prepare(
      'SELECT COALESCE(SUM(printed), 0) AS printed, COUNT(*) AS attempts FROM ticket_prints WHERE ticket_id = ?',
    );
    return this.printCounts.get(ticketId) as { printed: number; attempts: number };
  }

  /**
   * The next number of a lane and window from the atomic counter, stepping over any block leased to
   * a kiosk: its numbers may already be on tickets the hub has not heard of yet.
   */
  nextSequence(officeDate: string, lane: LaneId, windowNumber: number): number {
    this.leaseAt ??= this.db
      .prepare(
        `SELECT MAX(last_seq) FROM number_leases WHERE office_date = ? AND lane = ?
      AND window_number = ? AND first_seq <= ? AND last_seq >= ?`,
      )
      .pluck();
    this.skipTo ??= this.db.prepare(
      'UPDATE number_counters SET last_sequence = ? WHERE office_date = ? AND lane = ? AND window_number = ?',
    );
    for (;;) {
      const sequence = this.next.get(officeDate, lane, windowNumber) as number;
      const leasedTo = this.leaseAt.get(officeDate, lane, windowNumber, sequence, sequence) as number | null;
      if (leasedTo === null) return sequence;
      this.skipTo.run(leasedTo, officeDate, lane, windowNumber);
    }
  }

  /** The counter's position without moving it (0: no number taken yet). */
  lastSequence(officeDate: string, lane: LaneId, windowNumber: number): number {
    const row = this.db
      .prepare(
        'SELECT last_sequence FROM number_counters WHERE office_date = ? AND lane = ? AND window_number = ?',
      )
      .pluck()
      .get(officeDate, lane, windowNumber) as number | undefined;
    return row ?? 0;
  }

  /** The ticket of a day with this number, whatever its status (a number is never issued twice). */
  withNumber(officeDate: string, number: string): TicketRecord | null {
    this.byNumber ??= this.db.prepare('SELECT * FROM tickets WHERE office_date = ? AND number = ?');
    const row = this.byNumber.get(officeDate, number) as TicketRow | undefined;
    return row ? fromRow(row) : null;
  }

  add(ticket: TicketRecord): void {
    this.insert.run({
      ...ticket,
      issuedOffline: ticket.issuedOffline ? 1 : 0,
      unverified: ticket.unverified ? 1 : 0,
    });
  }

  setStatus(id: string, status: TicketStatus): void {
    this.statusStmt ??= this.db.prepare('UPDATE tickets SET status = ? WHERE id = ?');
    this.statusStmt.run(status, id);
  }

  /** A ticket takes the number printed on its slip (its lane, window and sequence with it). */
  renumber(
    ticket: Pick<TicketRecord, 'id' | 'number' | 'lane' | 'windowNumber' | 'sequence' | 'issuedOffline'>,
  ): void {
    this.renumberStmt ??= this.db.prepare(`UPDATE tickets SET number = @number, lane = @lane,
      window_number = @windowNumber, sequence = @sequence, issued_offline = @issuedOffline WHERE id = @id`);
    this.renumberStmt.run({ ...ticket, issuedOffline: ticket.issuedOffline ? 1 : 0 });
  }

  /** The real booking arrived for the day of its unverified tickets: they are flagged no more. */
  markVerified(bookingCode: string, officeDate: string): TicketRecord[] {
    this.verifyStmt ??= this.db.prepare(`UPDATE tickets SET unverified = 0
      WHERE booking_code = ? AND office_date = ? AND unverified = 1 RETURNING *`);
    this.days?.touch(officeDate);
    return (this.verifyStmt.all(bookingCode, officeDate) as TicketRow[]).map(fromRow);
  }

  activeForBooking(bookingCode: string, officeDate: string): TicketRecord | null {
    const row = this.activeStmt.get(bookingCode, officeDate) as TicketRow | undefined;
    return row ? fromRow(row) : null;
  }

  find(id: string): TicketRecord | null {
    const row = this.byId.get(id) as TicketRow | undefined;
    return row ? fromRow(row) : null;
  }

  listForDay(officeDate: string): TicketRecord[] {
    return (this.byDay.all(officeDate) as TicketRow[]).map(fromRow);
  }

  issuedPerLaneAndWindow(officeDate: string): { lane: LaneId; windowNumber: number; issued: number }[] {
    return this.issuedCount.all(officeDate) as { lane: LaneId; windowNumber: number; issued: number }[];
  }
}
