import type { z } from 'zod';
import type { kpiReportInput, KpiReportView } from '../../api/reportViews.ts';
import type { ServiceContext } from '../context.ts';
import { notBuilt } from './notBuilt.ts';

export type KpiReportInput = z.infer<typeof kpiReportInput>;

/** The KPIs of a range of office days from the period rows. */
export function reportKpi(_ctx: ServiceContext, _input: KpiReportInput): KpiReportView {
  throw notBuilt('KPI');
}
