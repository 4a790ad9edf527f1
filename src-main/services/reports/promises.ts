import type { PromisesReportView } from '../../api/reportViews.ts';
import { pauseSpans, promisesReport } from '../../domain/reports/promises.ts';
import type { ServiceContext } from '../context.ts';
import type { ReportRange } from './officers.ts';

/** Pickup promises due in a range of days: kept, late with their cause, collected (rules: domain/reports/promises.ts). */
export function reportPromises(ctx: ServiceContext, input: ReportRange): PromisesReportView {
  const { timeZone } = ctx.store.office.get();
  return promisesReport(
    input,
    ctx.store.promises.due(input.from, input.to),
    pauseSpans(ctx.store.promises.printerPauses()),
    ctx.clock.now(),
    timeZone,
  );
}
