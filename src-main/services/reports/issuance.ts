import type { IssuanceReportView } from '../../api/reportViews.ts';
import type { Caller, ServiceContext } from '../context.ts';
import { notBuilt } from './notBuilt.ts';

/** The year's issuance per month in the study's format, from print jobs and handovers (or imported history). */
export function reportIssuance(_ctx: ServiceContext, _input: { year: number }): IssuanceReportView {
  throw notBuilt('penerbitan');
}

/** Months the floor did not run, imported once from the office's CSV; a bad row refuses the whole file. */
export function importIssuanceHistory(
  _ctx: ServiceContext,
  _caller: Caller,
  _input: { content: string },
): { imported: { year: number; month: number; total: number }[] } {
  throw notBuilt('penerbitan');
}
