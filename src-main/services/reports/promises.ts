import type { PromisesReportView } from '../../api/reportViews.ts';
import type { ServiceContext } from '../context.ts';
import type { ReportRange } from './officers.ts';
import { notBuilt } from './notBuilt.ts';

/** Pickup promises due in a range of days: kept, late with their cause, collected. */
export function reportPromises(_ctx: ServiceContext, _input: ReportRange): PromisesReportView {
  throw notBuilt('janji');
}
