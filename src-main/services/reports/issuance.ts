import type { IssuanceReportView } from '../../api/reportViews.ts';
import { LoketError } from '../../domain/errors.ts';
import { instantAt, localDateOf } from '../../domain/localTime.ts';
import {
  issuanceCountsOf,
  issuanceTable,
  monthTakenFault,
  parseIssuanceCsv,
  type IssuanceCounts,
  type IssuanceRowFault,
} from '../../domain/reports/issuance.ts';
import type { Caller, ServiceContext } from '../context.ts';

/**
 * The issuance report (the study's Figure 2). A passport counts as issued in the month (the
 * office's local calendar) its print job was printed, once printed, ready or collected: one per
 * job, so a spoiled booklet reprinted is still one passport. Months the floor did not run come from
 * the office's history, imported once.
 */

/** The instants a month of the office's calendar starts and ends (end exclusive). */
function monthSpan(year: number, month: number, timeZone: string): { from: number; to: number } {
  const first = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  const next = month === 12 ? first(year + 1, 1) : first(year, month + 1);
  return { from: instantAt(first(year, month), '00:00', timeZone), to: instantAt(next, '00:00', timeZone) };
}

/** The year's issuance per month in the study's format, from print jobs (or imported history). */
export function reportIssuance(ctx: ServiceContext, input: { year: number }): IssuanceReportView {
  const { timeZone } = ctx.store.office.get();
  const floor = new Map<number, IssuanceCounts>();
  for (let month = 1; month <= 12; month++) {
    const { from, to } = monthSpan(input.year, month, timeZone);
    floor.set(month, issuanceCountsOf(ctx.store.issuance.printedBetween(from, to)));
  }
  const imported = new Map<number, IssuanceCounts>(
    ctx.store.issuance.history(input.year).map((row) => [row.month, row]),
  );
  return issuanceTable(input.year, floor, imported);
}

/** A bad row is INVALID_INPUT; a month the floor already knows (imported, or printed in) is a CONFLICT. */
const refusal = (fault: IssuanceRowFault, code: 'INVALID_INPUT' | 'CONFLICT' = 'INVALID_INPUT') =>
  new LoketError(
    code,
    {
      id: `Berkas penerbitan ditolak seluruhnya. ${fault.message.id}`,
      en: `The issuance file is refused as a whole. ${fault.message.en}`,
    },
    { line: fault.line, fault: fault.fault },
  );

/**
 * Months the floor did not run, imported once from the office's CSV. Every row is checked first; a
 * bad row (INVALID_INPUT), or a month already imported or one the floor has passports printed in
 * (CONFLICT), refuses the whole file with its line, and nothing is written. The caller is the
 * accountable officer.
 */
export function importIssuanceHistory(
  ctx: ServiceContext,
  caller: Caller,
  input: { content: string },
): { imported: { year: number; month: number; total: number }[] } {
  const { timeZone } = ctx.store.office.get();
  const now = ctx.clock.now();
  const [thisYear, thisMonth] = localDateOf(now, timeZone).split('-').map(Number) as [number, number];
  const parsed = parseIssuanceCsv(
    input.content,
    (year, month) => year > thisYear || (year === thisYear && month > thisMonth),
  );
  if ('fault' in parsed) throw refusal(parsed.fault);
  return ctx.store.transaction(() => {
    for (const [i, row] of parsed.rows.entries()) {
      const line = parsed.lines[i] as number;
      if (ctx.store.issuance.isImported(row.year, row.month))
        throw refusal(monthTakenFault(line, row, 'imported'), 'CONFLICT');
      const { from, to } = monthSpan(row.year, row.month, timeZone);
      if (ctx.store.issuance.anyPrintedBetween(from, to))
        throw refusal(monthTakenFault(line, row, 'floor'), 'CONFLICT');
    }
    for (const row of parsed.rows)
      ctx.store.issuance.addHistory({ ...row, importedAt: now, importedBy: caller.actor });
    const imported = parsed.rows.map(({ year, month, total }) => ({ year, month, total }));
    // The event carries each month's columns too: the central issuance table is built from it.
    const months = parsed.rows.map((row) => ({
      year: row.year,
      month: row.month,
      total: row.total,
      biasaBaru: row.biasaBaru,
      biasaPenggantian: row.biasaPenggantian,
      elektronikBaru: row.elektronikBaru,
      elektronikPenggantian: row.elektronikPenggantian,
    }));
    ctx.store.events.emit({
      type: 'issuance.imported',
      at: now,
      actor: caller.actor,
      station: caller.stationId,
      payload: { months, total: imported.reduce((sum, m) => sum + m.total, 0) },
    });
    return { imported };
  });
}
