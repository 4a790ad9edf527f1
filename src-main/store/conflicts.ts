import type { Db } from './db.ts';

/** Two kiosks checked in the same booking while apart: the ticket kept and the one voided. */
export interface OfflineConflict {
  id: string;
  officeDate: string;
  bookingCode: string;
  keptTicketId: string;
  voidedTicketId: string;
  foundAt: number;
}

export class ConflictRepository {
  private readonly insert;
  private readonly byDay;

  constructor(db: Db) {
    this.insert = db.prepare(`INSERT INTO offline_conflicts (id, office_date, booking_code, kept_ticket_id,
        voided_ticket_id, found_at)
      VALUES (@id, @officeDate, @bookingCode, @keptTicketId, @voidedTicketId, @foundAt)`);
    this.byDay = db.prepare(`SELECT id, office_date AS officeDate, booking_code AS bookingCode,
        kept_ticket_id AS keptTicketId, voided_ticket_id AS voidedTicketId, found_at AS foundAt
      FROM offline_conflicts WHERE office_date = ? ORDER BY found_at, id`);
  }

  add(conflict: OfflineConflict): void {
    this.insert.run(conflict);
  }

  forDay(officeDate: string): OfflineConflict[] {
    return this.byDay.all(officeDate) as OfflineConflict[];
  }
}
