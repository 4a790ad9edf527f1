import type { Db } from './db.ts';
import type { PromiseRecord } from '../domain/reports/promises.ts';

const sentBack = (application: string) =>
  `EXISTS (SELECT 1 FROM adjudications d WHERE d.application_id = ${application} AND d.decision = 'sent_back')`;

/**
 * The promises report's reads: each interviewed application by its promised pickup date (its print
 * job's once approved; else the application's), and the printer's paused / resumed events. Every
 * row comes from an index (migration 026): the jobs' covering `print_jobs_by_promise`, the
 * applications' `applications_awaiting_adjudication`, and the partial indexes of send-backs and
 * spoils for the two questions asked of each.
 */
export class PromiseRepository {
  private readonly dueStmt;
  private readonly pausesStmt;

  constructor(db: Db) {
    this.dueStmt = db.prepare(
      `SELECT j.promised_date AS promisedDate, j.state AS jobState, j.approved_at AS approvedAt,
         j.printed_at AS printedAt, j.ready_at AS readyAt, ${sentBack('j.application_id')} AS sentBack,
         EXISTS (SELECT 1 FROM booklet_uses u WHERE u.job_id = j.id AND u.outcome = 'spoiled') AS spoiled
       FROM print_jobs j
       WHERE j.promised_date BETWEEN @from AND @to
       UNION ALL
       SELECT a.pickup_date AS promisedDate, NULL AS jobState, NULL AS approvedAt,
         NULL AS printedAt, NULL AS readyAt, ${sentBack('a.id')} AS sentBack, 0 AS spoiled
       FROM applications a
       WHERE a.pickup_date BETWEEN @from AND @to
         AND a.status = 'adjudication' AND a.finished_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.application_id = a.id)`,
    );
    this.pausesStmt = db.prepare(
      `SELECT type, at, station FROM events WHERE type IN ('printer.paused', 'printer.resumed') ORDER BY seq`,
    );
  }

  /** The promises due from `from` to `to` (local dates, both included). */
  due(from: string, to: string): PromiseRecord[] {
    return (
      this.dueStmt.all({ from, to }) as (Omit<PromiseRecord, 'sentBack' | 'spoiled'> & {
        sentBack: number;
        spoiled: number;
      })[]
    ).map((row) => ({ ...row, sentBack: row.sentBack === 1, spoiled: row.spoiled === 1 }));
  }

  /** The print stations' pause and resume events, in order. */
  printerPauses(): { type: 'printer.paused' | 'printer.resumed'; at: number; station: string | null }[] {
    return this.pausesStmt.all() as {
      type: 'printer.paused' | 'printer.resumed';
      at: number;
      station: string | null;
    }[];
  }
}
