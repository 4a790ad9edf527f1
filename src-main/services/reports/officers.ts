import type { z } from 'zod';
import type { reportRangeInput, OfficersReportView } from '../../api/reportViews.ts';
import type { ServiceContext } from '../context.ts';
import { notBuilt } from './notBuilt.ts';

export type ReportRange = z.infer<typeof reportRangeInput>;

/** Every officer's time at the counters over a range of office days. */
export function reportOfficers(_ctx: ServiceContext, _input: ReportRange): OfficersReportView {
  throw notBuilt('petugas');
}

/** One officer's own row (an officer sees their own figures, no one else's). */
export function myFigures(_ctx: ServiceContext, _userId: string, _input: ReportRange): OfficersReportView {
  throw notBuilt('petugas');
}
