import {
  pauseSpans,
  promisesReport,
  type PromiseRecord,
  type PromisesReport,
} from '../../domain/reports/promises.ts';
import type { CentralStore } from '../store.ts';
import { checkPeriod, officesOf, type NationalQuery } from './query.ts';

export interface NationalPromises {
  from: string;
  to: string;
  offices: ({ code: string; name: string } & PromisesReport)[];
  /** The offices' days added up, date by date; the on-time share of the sums. */
  national: PromisesReport;
}

/**
 * Pickup promises due in the period (the floor's `promisesReport`, domain/reports/promises.ts) per
 * office and nationally, from the print jobs and applications kept at ingest and the printers'
 * pause events. `now` is when a promise not yet printed is judged (default: now).
 */
export async function nationalPromises(
  store: CentralStore,
  q: NationalQuery & { now?: number | undefined },
): Promise<NationalPromises> {
  checkPeriod(q);
  const offices = await officesOf(store, q.offices);
  const codes = offices.map((o) => o.code);
  const now = q.now ?? Date.now();
  const [due, pauses] = await Promise.all([
    store.pool.query(
      `SELECT j.office, to_char(j.promised_date, 'YYYY-MM-DD') AS promised_date, j.state, j.approved_at,
         j.printed_at, j.ready_at, COALESCE(a.sent_back, false) AS sent_back, j.spoiled
       FROM central_print_jobs j
         LEFT JOIN central_applications a ON a.office = j.office AND a.application = j.application
       WHERE j.office = ANY($1::text[]) AND j.promised_date BETWEEN $2::date AND $3::date
       UNION ALL
       SELECT office, to_char(pickup_date, 'YYYY-MM-DD'), NULL, NULL, NULL, NULL, sent_back, false
       FROM central_applications
       WHERE office = ANY($1::text[]) AND pickup_date BETWEEN $2::date AND $3::date AND awaiting AND NOT has_job`,
      [codes, q.from, q.to],
    ),
    store.pool.query(
      `SELECT office, type, at_ms AS at, station FROM central_events
       WHERE type IN ('printer.paused', 'printer.resumed') AND office = ANY($1::text[]) ORDER BY office, seq`,
      [codes],
    ),
  ]);
  const reports = offices.map((o) => {
    const records: PromiseRecord[] = due.rows
      .filter((r) => r.office === o.code)
      .map((r) => ({
        promisedDate: r.promised_date,
        jobState: r.state,
        approvedAt: r.approved_at,
        printedAt: r.printed_at,
        readyAt: r.ready_at,
        sentBack: r.sent_back,
        spoiled: r.spoiled,
      }));
    const spans = pauseSpans(pauses.rows.filter((r) => r.office === o.code));
    return { code: o.code, name: o.name, ...promisesReport(q, records, spans, now, o.timeZone) };
  });
  return { from: q.from, to: q.to, offices: reports, national: combined(q, reports) };
}

function combined(range: { from: string; to: string }, reports: readonly PromisesReport[]): PromisesReport {
  const byDate = new Map<string, PromisesReport['days'][number]>();
  for (const report of reports)
    for (const day of report.days) {
      const sum = byDate.get(day.date);
      if (!sum) {
        byDate.set(day.date, { ...day, lateBy: { ...day.lateBy } });
        continue;
      }
      sum.promised += day.promised;
      sum.printedOnTime += day.printedOnTime;
      sum.late += day.late;
      sum.notPrinted += day.notPrinted;
      sum.collected += day.collected;
      sum.uncollectedAfter30Days += day.uncollectedAfter30Days;
      for (const cause of Object.keys(sum.lateBy) as (keyof typeof sum.lateBy)[])
        sum.lateBy[cause] += day.lateBy[cause];
    }
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const total = (
    field: 'promised' | 'printedOnTime' | 'late' | 'notPrinted' | 'collected' | 'uncollectedAfter30Days',
  ) => days.reduce((n, d) => n + d[field], 0);
  const printedOnTime = total('printedOnTime');
  const late = total('late');
  return {
    from: range.from,
    to: range.to,
    days,
    total: {
      promised: total('promised'),
      printedOnTime,
      late,
      notPrinted: total('notPrinted'),
      onTimeShare: printedOnTime + late ? printedOnTime / (printedOnTime + late) : null,
      collected: total('collected'),
      uncollectedAfter30Days: total('uncollectedAfter30Days'),
    },
  };
}
