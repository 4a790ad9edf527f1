import type { Db } from './db.ts';

export interface BookletRangeRecord {
  id: string;
  passportType: string;
  prefix: string;
  first: number;
  last: number;
  digits: number;
  receivedBy: string;
  receivedAt: number;
  /** The second officer of the dual control; the range is stock only once confirmed. */
  confirmedBy: string | null;
  confirmedAt: number | null;
  /** The office day the range entered stock. */
  officeDate: string | null;
}

export interface BookletUseRecord {
  serial: string;
  rangeId: string;
  jobId: string;
  outcome: 'used' | 'spoiled';
  reason: string | null;
  /** The supervisor who signed a spoil off; null while it waits for one. */
  signedOffBy: string | null;
  startedAt: number;
  finishedAt: number | null;
  officeDate: string;
  recordedBy: string | null;
}

const rangeColumns = `id, passport_type AS passportType, prefix, first, last, digits, received_by AS receivedBy,
  received_at AS receivedAt, confirmed_by AS confirmedBy, confirmed_at AS confirmedAt, office_date AS officeDate`;
const useColumns = `serial, range_id AS rangeId, job_id AS jobId, outcome, reason, signed_off_by AS signedOffBy,
  started_at AS startedAt, finished_at AS finishedAt, office_date AS officeDate, recorded_by AS recordedBy`;

/** Blank booklet stock: the ranges received and every serial used or spoiled. */
export class BookletRepository {
  private readonly addRangeStmt;
  private readonly confirmStmt;
  private readonly rangeById;
  private readonly allRanges;
  private readonly addUseStmt;
  private readonly saveUseStmt;
  private readonly removeUseStmt;
  private readonly useBySerial;
  private readonly usesUntil;
  private readonly everyUse;
  private readonly usesOn;
  private readonly durations;
  private readonly awaitingSignOff;

  constructor(db: Db) {
    this.addRangeStmt =
      db.prepare(`INSERT INTO booklet_ranges (id, passport_type, prefix, first, last, digits,
        received_by, received_at, confirmed_by, confirmed_at, office_date)
      VALUES (@id, @passportType, @prefix, @first, @last, @digits, @receivedBy, @receivedAt, @confirmedBy,
        @confirmedAt, @officeDate)`);
    this.confirmStmt = db.prepare(
      `UPDATE booklet_ranges SET confirmed_by = ?, confirmed_at = ?, office_date = ? WHERE id = ? AND confirmed_by IS NULL`,
    );
    this.rangeById = db.prepare(`SELECT ${rangeColumns} FROM booklet_ranges WHERE id = ?`);
    this.allRanges = db.prepare(`SELECT ${rangeColumns} FROM booklet_ranges ORDER BY received_at, id`);
    this.addUseStmt =
      db.prepare(`INSERT INTO booklet_uses (serial, range_id, job_id, outcome, reason, signed_off_by,
        started_at, finished_at, office_date, recorded_by)
      VALUES (@serial, @rangeId, @jobId, @outcome, @reason, @signedOffBy, @startedAt, @finishedAt, @officeDate,
        @recordedBy)`);
    this.saveUseStmt = db.prepare(`UPDATE booklet_uses SET outcome = @outcome, reason = @reason,
        signed_off_by = @signedOffBy, finished_at = @finishedAt, office_date = @officeDate, recorded_by = @recordedBy
      WHERE serial = @serial`);
    this.removeUseStmt = db.prepare('DELETE FROM booklet_uses WHERE serial = ?');
    this.useBySerial = db.prepare(`SELECT ${useColumns} FROM booklet_uses WHERE serial = ?`);
    this.usesUntil = db.prepare(`SELECT ${useColumns} FROM booklet_uses WHERE office_date < ?`);
    this.everyUse = db.prepare(`SELECT ${useColumns} FROM booklet_uses`);
    this.usesOn = db.prepare(`SELECT ${useColumns} FROM booklet_uses WHERE office_date = ? ORDER BY serial`);
    this.durations = db
      .prepare(
        `SELECT finished_at - started_at FROM booklet_uses WHERE outcome = 'used' AND finished_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT ?`,
      )
      .pluck();
    this.awaitingSignOff = db.prepare(
      `SELECT ${useColumns} FROM booklet_uses WHERE outcome = 'spoiled' AND signed_off_by IS NULL ORDER BY started_at`,
    );
  }

  addRange(range: BookletRangeRecord): void {
    this.addRangeStmt.run(range);
  }

  /** Confirms a range received by another officer; false when it was already confirmed. */
  confirmRange(id: string, officerId: string, at: number, officeDate: string): boolean {
    return this.confirmStmt.run(officerId, at, officeDate, id).changes === 1;
  }

  range(id: string): BookletRangeRecord | null {
    return (this.rangeById.get(id) as BookletRangeRecord | undefined) ?? null;
  }

  ranges(): BookletRangeRecord[] {
    return this.allRanges.all() as BookletRangeRecord[];
  }

  addUse(use: BookletUseRecord): void {
    this.addUseStmt.run(use);
  }

  saveUse(use: BookletUseRecord): void {
    this.saveUseStmt.run(use);
  }

  /** A booklet the printer never touched goes back to stock (a print refused before it started). */
  removeUse(serial: string): void {
    this.removeUseStmt.run(serial);
  }

  use(serial: string): BookletUseRecord | null {
    return (this.useBySerial.get(serial) as BookletUseRecord | undefined) ?? null;
  }

  usesBefore(officeDate: string): BookletUseRecord[] {
    return this.usesUntil.all(officeDate) as BookletUseRecord[];
  }

  allUses(): BookletUseRecord[] {
    return this.everyUse.all() as BookletUseRecord[];
  }

  usesOnDay(officeDate: string): BookletUseRecord[] {
    return this.usesOn.all(officeDate) as BookletUseRecord[];
  }

  /** How long the last prints took (ms), newest first: the printer's measured pace. */
  lastPrintDurations(limit: number): number[] {
    return this.durations.all(limit) as number[];
  }

  spoilsAwaitingSignOff(): BookletUseRecord[] {
    return this.awaitingSignOff.all() as BookletUseRecord[];
  }
}
