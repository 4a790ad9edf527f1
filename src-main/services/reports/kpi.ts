import type { z } from 'zod';
import type { kpiReportInput, KpiReportView } from '../../api/reportViews.ts';
import { LoketError } from '../../domain/errors.ts';
import { localDateOf } from '../../domain/localTime.ts';
import { aggregateKpi } from '../../domain/reports/kpi.ts';
import { defaultOutlierZ } from '../../domain/reports/outliers.ts';
import type { ServiceContext } from '../context.ts';
import { visitsOfDays } from './dayVisits.ts';

export type KpiReportInput = z.infer<typeof kpiReportInput>;

export const defaultWindowGraceMinutes = 15;
export const defaultWaitThresholdMinutes = 20;

/**
 * The KPIs of a range of office days from the period rows: two reads (the range's queue entries
 * with their tickets, then its periods in one pass), each visit measured once, then grouped
 * (definitions: docs/reports.md).
 */
export function reportKpi(ctx: ServiceContext, input: KpiReportInput): KpiReportView {
  const office = ctx.store.office.get();
  const zone = office.timeZone;
  const officer = input.officer === undefined ? null : ctx.store.officers.userNamed(input.officer);
  if (input.officer !== undefined && !officer)
    throw new LoketError('NOT_FOUND', {
      id: `Petugas ${input.officer} tidak dikenal.`,
      en: `No officer named ${input.officer}.`,
    });
  const settings = {
    today: localDateOf(ctx.clock.now(), zone),
    windowGraceMinutes: input.windowGraceMinutes ?? defaultWindowGraceMinutes,
    waitThresholdMinutes: input.waitThresholdMinutes ?? defaultWaitThresholdMinutes,
    outlierZ: defaultOutlierZ,
  };

  const visits = visitsOfDays(ctx, input.from, input.to, settings.today).filter(
    (v) =>
      (input.stage === undefined || v.stage === input.stage) &&
      (input.counter === undefined || v.calledCounter === input.counter) &&
      (!officer || v.calledOfficerId === officer.id),
  );

  const stageOrder = office.floor.stages.map((s) => s.id);
  const report = aggregateKpi(visits, settings, stageOrder);
  const users = new Map(ctx.store.officers.users().map((u) => [u.id, u]));
  return {
    from: input.from,
    to: input.to,
    filters: {
      stage: input.stage ?? null,
      counter: input.counter ?? null,
      officer: officer?.username ?? null,
    },
    settings: {
      windowGraceMinutes: settings.windowGraceMinutes,
      waitThresholdMinutes: settings.waitThresholdMinutes,
      outlierZ: settings.outlierZ,
    },
    total: report.total,
    byDay: report.byDay,
    byStage: report.byStage,
    byCounter: report.byCounter,
    byOfficer: report.byOfficer
      .map(({ officerId, figures }) => ({
        officer: users.get(officerId)?.username ?? officerId,
        name: users.get(officerId)?.name ?? officerId,
        figures,
      }))
      .sort((a, b) => (a.officer < b.officer ? -1 : a.officer > b.officer ? 1 : 0)),
    byHour: report.byHour,
    byWindow: report.byWindow,
    outliers: report.outliers,
  };
}
