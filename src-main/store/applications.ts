import type { Statement } from 'better-sqlite3';
import type { Db } from './db.ts';
import type { Appointment } from '../domain/appointment.ts';
import type { ApplicationStatus } from '../domain/states.ts';
import type { ApprovalSubject, DocumentId, OldPassportComparison, Warning } from '../domain/interview.ts';

export interface InterviewRecord {
  documents: { id: DocumentId; seen: boolean; note: string }[];
  /** The NIK the officer read on the KTP; null until typed. */
  nikOnKtp: string | null;
  nikWarnings: Warning[];
  /** For replacements: the old passport's MRZ compared with the booking. */
  oldPassport: OldPassportComparison | null;
  notes: string;
}

export interface Approval {
  subject: ApprovalSubject;
  supervisorId: string;
  supervisorName: string;
  at: number;
}

export interface FaceRecord {
  imageId: string;
  checks: { id: string; passed: boolean }[];
  override: { reason: string } | null;
  width: number;
  height: number;
}

export interface PickupOverride {
  computed: string | null;
  date: string;
  reason: string;
  officerId: string;
  at: number;
}

export interface ApplicationRecord {
  id: string;
  number: string;
  officeDate: string;
  ticketId: string;
  bookingCode: string;
  applicationKind: Appointment['applicationKind'];
  passportType: Appointment['passportType'];
  status: ApplicationStatus;
  counter: number | null;
  officerId: string | null;
  startedAt: number;
  interview: InterviewRecord;
  /** The fingerprint capture session (domain/fingerprints.ts), as the counter left it. */
  fingerprints: unknown;
  face: FaceRecord | null;
  outcomeReason: string | null;
  approvals: Approval[];
  pickupDate: string | null;
  /** How the pickup date was reached (the promise's reasons), for "why this date". */
  pickupBasis: unknown;
  pickupOverride: PickupOverride | null;
  finishedAt: number | null;
  receiptPrints: number;
  handedOverAt: number | null;
  updatedAt: number;
}

interface ApplicationRow {
  id: string;
  number: string;
  office_date: string;
  ticket_id: string;
  booking_code: string;
  application_kind: ApplicationRecord['applicationKind'];
  passport_type: ApplicationRecord['passportType'];
  status: ApplicationStatus;
  counter: number | null;
  officer_id: string | null;
  started_at: number;
  interview: string;
  fingerprints: string | null;
  face: string | null;
  outcome_reason: string | null;
  approvals: string;
  pickup_date: string | null;
  pickup_basis: string | null;
  pickup_override: string | null;
  finished_at: number | null;
  receipt_prints: number;
  handed_over_at: number | null;
  updated_at: number;
}

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
const text = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

const fromRow = (row: ApplicationRow): ApplicationRecord => ({
  id: row.id,
  number: row.number,
  officeDate: row.office_date,
  ticketId: row.ticket_id,
  bookingCode: row.booking_code,
  applicationKind: row.application_kind,
  passportType: row.passport_type,
  status: row.status,
  counter: row.counter,
  officerId: row.officer_id,
  startedAt: row.started_at,
  interview: JSON.parse(row.interview) as InterviewRecord,
  fingerprints: json(row.fingerprints),
  face: json(row.face) as FaceRecord | null,
  outcomeReason: row.outcome_reason,
  approvals: JSON.parse(row.approvals) as Approval[],
  pickupDate: row.pickup_date,
  pickupBasis: json(row.pickup_basis),
  pickupOverride: json(row.pickup_override) as PickupOverride | null,
  finishedAt: row.finished_at,
  receiptPrints: row.receipt_prints,
  handedOverAt: row.handed_over_at,
  updatedAt: row.updated_at,
});

const toParams = (a: ApplicationRecord) => ({
  id: a.id,
  number: a.number,
  officeDate: a.officeDate,
  ticketId: a.ticketId,
  bookingCode: a.bookingCode,
  applicationKind: a.applicationKind,
  passportType: a.passportType,
  status: a.status,
  counter: a.counter,
  officerId: a.officerId,
  startedAt: a.startedAt,
  interview: JSON.stringify(a.interview),
  fingerprints: text(a.fingerprints ?? null),
  face: text(a.face),
  outcomeReason: a.outcomeReason,
  approvals: JSON.stringify(a.approvals),
  pickupDate: a.pickupDate,
  pickupBasis: text(a.pickupBasis ?? null),
  pickupOverride: text(a.pickupOverride),
  finishedAt: a.finishedAt,
  receiptPrints: a.receiptPrints,
  handedOverAt: a.handedOverAt,
  updatedAt: a.updatedAt,
});

/** Passport applications, one per visit that reached the interview. */
export class ApplicationRepository {
  private readonly insertStmt;
  private readonly saveStmt;
  private readonly byId;
  private readonly byNumber;
  private readonly byTicket;
  private readonly nextNumberStmt;
  private readonly promisedStmt;
  private handedOverStmt?: Statement;
  private readonly awaitingStmt;

  private byBookingStmt?: Statement;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO applications (id, number, office_date, ticket_id, booking_code,
        application_kind, passport_type, status, counter, officer_id, started_at, interview, fingerprints, face,
        outcome_reason, approvals, pickup_date, pickup_basis, pickup_override, finished_at, receipt_prints,
        handed_over_at, updated_at)
      VALUES (@id, @number, @officeDate, @ticketId, @bookingCode, @applicationKind, @passportType, @status,
        @counter, @officerId, @startedAt, @interview, @fingerprints, @face, @outcomeReason, @approvals,
        @pickupDate, @pickupBasis, @pickupOverride, @finishedAt, @receiptPrints, @handedOverAt, @updatedAt)`);
    this.saveStmt = db.prepare(`UPDATE applications SET status = @status, counter = @counter,
        officer_id = @officerId, interview = @interview, fingerprints = @fingerprints, face = @face,
        outcome_reason = @outcomeReason, approvals = @approvals, pickup_date = @pickupDate,
        pickup_basis = @pickupBasis, pickup_override = @pickupOverride, finished_at = @finishedAt,
        receipt_prints = @receiptPrints, handed_over_at = @handedOverAt, updated_at = @updatedAt
      WHERE id = @id`);
    this.byId = db.prepare('SELECT * FROM applications WHERE id = ?');
    this.byNumber = db.prepare('SELECT * FROM applications WHERE number = ?');
    this.byTicket = db.prepare('SELECT * FROM applications WHERE ticket_id = ?');
    this.nextNumberStmt = db
      .prepare(
        `INSERT INTO application_numbers (office_date, last) VALUES (?, 1)
         ON CONFLICT (office_date) DO UPDATE SET last = last + 1 RETURNING last`,
      )
      .pluck();
    this.promisedStmt = db.prepare(
      `SELECT pickup_date AS date, COUNT(*) AS count FROM applications
       WHERE pickup_date >= ? AND pickup_date <= ? AND status = 'adjudication' AND id != ?
       GROUP BY pickup_date`,
    );
    this.awaitingStmt = db.prepare(
      `SELECT * FROM applications WHERE status = 'adjudication' AND finished_at IS NOT NULL
       AND id NOT IN (SELECT application_id FROM print_jobs) ORDER BY finished_at, number`,
    );
  }

  add(application: ApplicationRecord): void {
    this.insertStmt.run(toParams(application));
  }

  save(application: ApplicationRecord): void {
    this.saveStmt.run(toParams(application));
  }

  find(id: string): ApplicationRecord | null {
    const row = this.byId.get(id) as ApplicationRow | undefined;
    return row ? fromRow(row) : null;
  }

  findByNumber(number: string): ApplicationRecord | null {
    const row = this.byNumber.get(number) as ApplicationRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** A booking's latest application (the help desk answers a citizen back for the pickup). */
  latestForBooking(bookingCode: string): ApplicationRecord | null {
    this.byBookingStmt ??= this.db.prepare(
      'SELECT * FROM applications WHERE booking_code = ? ORDER BY started_at DESC LIMIT 1',
    );
    const row = this.byBookingStmt.get(bookingCode) as ApplicationRow | undefined;
    return row ? fromRow(row) : null;
  }

  findByTicket(ticketId: string): ApplicationRecord | null {
    const row = this.byTicket.get(ticketId) as ApplicationRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** The day's next application sequence, from an atomic counter (call inside the transaction). */
  nextSequence(officeDate: string): number {
    return this.nextNumberStmt.get(officeDate) as number;
  }

  /** Passports already promised for each date in [from, to], the print station's booked work. */
  promisedBetween(from: string, to: string, except = ''): Record<string, number> {
    const rows = this.promisedStmt.all(from, to, except) as { date: string; count: number }[];
    return Object.fromEntries(rows.map((r) => [r.date, r.count]));
  }

  /** Interviewed applications that have no print job yet: the supervisor's to decide. */
  awaitingAdjudication(): ApplicationRecord[] {
    return (this.awaitingStmt.all() as ApplicationRow[]).map(fromRow);
  }

  /** Applications handed over before `before` (epoch ms): their images may be purged. */
  handedOverBefore(before: number): string[] {
    // Prepared on first use, through the sealed images' partial index (migration 023): only the
    // applications with something left to purge, not every one ever handed over.
    this.handedOverStmt ??= this.db
      .prepare(
        `SELECT DISTINCT a.id FROM biometric_images AS b INDEXED BY biometric_images_sealed
          JOIN applications AS a ON a.id = b.application_id
        WHERE b.purged_at IS NULL AND a.handed_over_at IS NOT NULL AND a.handed_over_at < ?`,
      )
      .pluck();
    return this.handedOverStmt.all(before) as string[];
  }
}
