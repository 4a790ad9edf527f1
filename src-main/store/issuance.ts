import type { Db } from './db.ts';
import type { IssuanceHistoryRow } from '../domain/reports/issuance.ts';

/** Passports printed in a span of time, by passport type and application kind. */
export interface PrintedByKind {
  passportType: string;
  applicationKind: string;
  passports: number;
}

/**
 * The issuance report's reads and the imported history. A passport is counted once per print job
 * (a spoiled booklet reprinted is the same job), by the instant it was printed, once it is printed,
 * ready or collected.
 */
export class IssuanceRepository {
  private readonly printedStmt;
  private readonly anyPrintedStmt;
  private readonly historyOfYear;
  private readonly historyMonth;
  private readonly insertStmt;

  constructor(db: Db) {
    // Named indexes: without statistics the planner would walk every printed job by its state.
    this.printedStmt = db.prepare(
      `SELECT j.passport_type AS passportType, a.application_kind AS applicationKind, COUNT(*) AS passports
       FROM print_jobs j INDEXED BY print_jobs_by_printed
         JOIN applications a INDEXED BY applications_by_kind ON a.id = j.application_id
       WHERE j.printed_at >= ? AND j.printed_at < ? AND j.state IN ('printed', 'ready', 'collected')
       GROUP BY j.passport_type, a.application_kind`,
    );
    this.anyPrintedStmt = db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM print_jobs INDEXED BY print_jobs_by_printed WHERE printed_at >= ? AND printed_at < ?
           AND state IN ('printed', 'ready', 'collected'))`,
      )
      .pluck();
    this.historyOfYear = db.prepare(
      `SELECT year, month, biasa_baru AS biasaBaru, biasa_penggantian AS biasaPenggantian,
         elektronik_baru AS elektronikBaru, elektronik_penggantian AS elektronikPenggantian, total
       FROM issuance_history WHERE year = ? ORDER BY month`,
    );
    this.historyMonth = db
      .prepare('SELECT EXISTS (SELECT 1 FROM issuance_history WHERE year = ? AND month = ?)')
      .pluck();
    this.insertStmt = db.prepare(
      `INSERT INTO issuance_history (year, month, biasa_baru, biasa_penggantian, elektronik_baru,
         elektronik_penggantian, total, imported_at, imported_by)
       VALUES (@year, @month, @biasaBaru, @biasaPenggantian, @elektronikBaru, @elektronikPenggantian, @total,
         @importedAt, @importedBy)`,
    );
  }

  /** Passports printed in [from, to) (instants), by type and application kind. */
  printedBetween(from: number, to: number): PrintedByKind[] {
    return this.printedStmt.all(from, to) as PrintedByKind[];
  }

  /** Whether any passport was printed in [from, to). */
  anyPrintedBetween(from: number, to: number): boolean {
    return this.anyPrintedStmt.get(from, to) === 1;
  }

  /** A year's imported months. */
  history(year: number): IssuanceHistoryRow[] {
    return this.historyOfYear.all(year) as IssuanceHistoryRow[];
  }

  isImported(year: number, month: number): boolean {
    return this.historyMonth.get(year, month) === 1;
  }

  addHistory(row: IssuanceHistoryRow & { importedAt: number; importedBy: string }): void {
    this.insertStmt.run(row);
  }
}
