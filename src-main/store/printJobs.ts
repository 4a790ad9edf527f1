import type { Db } from './db.ts';
import type { PrintJobState } from '../domain/states.ts';

export interface PrintJobRecord {
  id: string;
  applicationId: string;
  passportType: string;
  promisedDate: string;
  approvedAt: number;
  state: PrintJobState;
  /** The blank booklet scanned for this job (its serial is the passport number), until it is spoiled. */
  bookletSerial: string | null;
  attempts: number;
  lastError: string | null;
  printedAt: number | null;
  readyAt: number | null;
  updatedAt: number;
}

/** A job as the print station lists it: with its application's number and the holder's name. */
export interface NamedPrintJob extends PrintJobRecord {
  applicationNumber: string;
  fullName: string;
}

export interface AdjudicationRecord {
  applicationId: string;
  decision: 'approved' | 'sent_back';
  reason: string | null;
  officerId: string;
  decidedAt: number;
}

export interface HandoverRecord {
  jobId: string;
  receiver: 'applicant' | 'representative';
  representativeName: string | null;
  representativeNik: string | null;
  letterReference: string | null;
  officerId: string;
  stationId: string | null;
  at: number;
}

/** The columns as the records name them; `prefix` is a table alias (`j.`) in a join. */
const columnsOf = (prefix = '') => `${prefix}id, ${prefix}application_id AS applicationId,
  ${prefix}passport_type AS passportType, ${prefix}promised_date AS promisedDate,
  ${prefix}approved_at AS approvedAt, ${prefix}state, ${prefix}booklet_serial AS bookletSerial, ${prefix}attempts,
  ${prefix}last_error AS lastError, ${prefix}printed_at AS printedAt, ${prefix}ready_at AS readyAt,
  ${prefix}updated_at AS updatedAt`;
const columns = columnsOf();

/** Print jobs (one per approved application), the supervisor's decisions and the handovers. */
export class PrintJobRepository {
  private readonly insertStmt;
  private readonly saveStmt;
  private readonly byId;
  private readonly byApplication;
  private readonly inStates;
  private readonly readyBefore;
  private readonly readyNumbersStmt;
  private readonly namedInStates;
  private readonly decideStmt;
  private readonly lastDecision;
  private readonly handoverStmt;
  private readonly handoverOf;
  private readonly pickupOf;
  private readonly pickupCount;
  private readonly addPickupStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO print_jobs (id, application_id, passport_type, promised_date,
        approved_at, state, booklet_serial, attempts, last_error, printed_at, ready_at, updated_at)
      VALUES (@id, @applicationId, @passportType, @promisedDate, @approvedAt, @state, @bookletSerial, @attempts,
        @lastError, @printedAt, @readyAt, @updatedAt)`);
    this.saveStmt = db.prepare(`UPDATE print_jobs SET state = @state, booklet_serial = @bookletSerial,
        attempts = @attempts, last_error = @lastError, printed_at = @printedAt, ready_at = @readyAt,
        updated_at = @updatedAt WHERE id = @id`);
    this.byId = db.prepare(`SELECT ${columns} FROM print_jobs WHERE id = ?`);
    this.byApplication = db.prepare(`SELECT ${columns} FROM print_jobs WHERE application_id = ?`);
    this.inStates = db.prepare(
      `SELECT ${columns} FROM print_jobs WHERE state IN (SELECT value FROM json_each(?))
       ORDER BY promised_date, approved_at, id`,
    );
    this.readyBefore = db.prepare(
      `SELECT ${columns} FROM print_jobs WHERE state = 'ready' AND ready_at < ? ORDER BY ready_at`,
    );
    this.namedInStates = db.prepare(
      `SELECT ${columnsOf('j.')}, a.number AS applicationNumber,
         b.full_name AS fullName
       FROM print_jobs j JOIN applications a ON a.id = j.application_id JOIN bookings b ON b.code = a.booking_code
       WHERE j.state IN (SELECT value FROM json_each(?)) ORDER BY j.promised_date, j.approved_at, j.id`,
    );
    this.readyNumbersStmt = db.prepare(
      `SELECT a.number, j.ready_at AS readyAt FROM print_jobs j JOIN applications a ON a.id = j.application_id
       WHERE j.state = 'ready' ORDER BY j.ready_at, a.number`,
    );
    this.decideStmt =
      db.prepare(`INSERT INTO adjudications (application_id, decision, reason, officer_id, decided_at)
      VALUES (@applicationId, @decision, @reason, @officerId, @decidedAt)`);
    this.lastDecision =
      db.prepare(`SELECT application_id AS applicationId, decision, reason, officer_id AS officerId,
        decided_at AS decidedAt FROM adjudications WHERE application_id = ? ORDER BY decided_at DESC, id DESC LIMIT 1`);
    this.handoverStmt =
      db.prepare(`INSERT INTO handovers (job_id, receiver, representative_name, representative_nik,
        letter_reference, officer_id, station_id, at)
      VALUES (@jobId, @receiver, @representativeName, @representativeNik, @letterReference, @officerId, @stationId, @at)`);
    this.handoverOf = db.prepare(`SELECT job_id AS jobId, receiver, representative_name AS representativeName,
        representative_nik AS representativeNik, letter_reference AS letterReference, officer_id AS officerId,
        station_id AS stationId, at FROM handovers WHERE job_id = ?`);
    this.pickupOf = db.prepare(
      'SELECT number, issued_at AS issuedAt FROM pickup_tickets WHERE job_id = ? AND office_date = ?',
    );
    this.pickupCount = db.prepare('SELECT COUNT(*) FROM pickup_tickets WHERE office_date = ?').pluck();
    this.addPickupStmt = db.prepare(
      'INSERT INTO pickup_tickets (office_date, number, job_id, issued_at) VALUES (?, ?, ?, ?)',
    );
  }

  add(job: PrintJobRecord): void {
    this.insertStmt.run(job);
  }

  save(job: PrintJobRecord): void {
    this.saveStmt.run(job);
  }

  find(id: string): PrintJobRecord | null {
    return (this.byId.get(id) as PrintJobRecord | undefined) ?? null;
  }

  findByApplication(applicationId: string): PrintJobRecord | null {
    return (this.byApplication.get(applicationId) as PrintJobRecord | undefined) ?? null;
  }

  /** Jobs in these states, earliest promise first. */
  inState(...states: PrintJobState[]): PrintJobRecord[] {
    return this.inStates.all(JSON.stringify(states)) as PrintJobRecord[];
  }

  /** The application numbers of the passports ready for pickup, oldest first (the board's list). */
  readyNumbers(): { number: string; readyAt: number }[] {
    return this.readyNumbersStmt.all() as { number: string; readyAt: number }[];
  }

  /** Jobs in these states with their application's number and the holder's name (one query for a screen). */
  inStateNamed(...states: PrintJobState[]): NamedPrintJob[] {
    return this.namedInStates.all(JSON.stringify(states)) as NamedPrintJob[];
  }

  /** Passports ready since before `before` and still not collected. */
  uncollectedSince(before: number): PrintJobRecord[] {
    return this.readyBefore.all(before) as PrintJobRecord[];
  }

  decide(decision: AdjudicationRecord): void {
    this.decideStmt.run(decision);
  }

  latestDecision(applicationId: string): AdjudicationRecord | null {
    return (this.lastDecision.get(applicationId) as AdjudicationRecord | undefined) ?? null;
  }

  recordHandover(handover: HandoverRecord): void {
    this.handoverStmt.run(handover);
  }

  /** The pickup number a passport got today, if it got one. */
  pickupTicket(jobId: string, officeDate: string): { number: string; issuedAt: number } | null {
    return (this.pickupOf.get(jobId, officeDate) as { number: string; issuedAt: number } | undefined) ?? null;
  }

  /** How many pickup numbers the day has given (call inside the transaction that adds the next). */
  pickupTicketsOn(officeDate: string): number {
    return this.pickupCount.get(officeDate) as number;
  }

  addPickupTicket(officeDate: string, number: string, jobId: string, issuedAt: number): void {
    this.addPickupStmt.run(officeDate, number, jobId, issuedAt);
  }

  handover(jobId: string): HandoverRecord | null {
    return (this.handoverOf.get(jobId) as HandoverRecord | undefined) ?? null;
  }
}
