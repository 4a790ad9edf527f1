import type { z } from 'zod';
import type { kpiReportInput, KpiReportView } from '../../api/reportViews.ts';
import { LoketError } from '../../domain/errors.ts';
import { instantAt, localDateOf, minutesOfDayOf } from '../../domain/localTime.ts';
import { aggregateKpi } from '../../domain/reports/kpi.ts';
import { defaultOutlierZ } from '../../domain/reports/outliers.ts';
import { measureVisit, type PeriodRow, type StageVisit } from '../../domain/reports/visits.ts';
import type { ServiceContext } from '../context.ts';

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

  const entries = ctx.store.reports.entries(input.from, input.to);
  const periods = new Map<string, PeriodRow[]>();
  for (const entry of entries) periods.set(entry.id, []);
  ctx.store.reports.eachPeriod(input.from, input.to, (entryId, period) => periods.get(entryId)?.push(period));

  // A window's start instant, once per day and window (luxon is not free over a year of visits).
  const windowStarts = new Map<string, number>();
  const windowStartOf = (date: string, time: string) => {
    const key = `${date} ${time}`;
    let instant = windowStarts.get(key);
    if (instant === undefined) {
      instant = instantAt(date, time, zone);
      windowStarts.set(key, instant);
    }
    return instant;
  };

  const measured = entries.map((entry) => {
    const windowStartAt = windowStartOf(entry.officeDate, entry.windowStart);
    return { entry, windowStartAt, measures: measureVisit(periods.get(entry.id) ?? [], windowStartAt) };
  });
  // A ticket's check-in visit is the one whose first period came first.
  const checkInVisit = new Map<string, { id: string; seq: number }>();
  for (const { entry, measures } of measured) {
    const seen = checkInVisit.get(entry.ticketId);
    if (!seen || measures.firstSeq < seen.seq) checkInVisit.set(entry.ticketId, { id: entry.id, seq: measures.firstSeq });
  }

  const visits: StageVisit[] = [];
  for (const { entry, windowStartAt, measures } of measured) {
    if (input.stage !== undefined && entry.stage !== input.stage) continue;
    if (input.counter !== undefined && measures.calledCounter !== input.counter) continue;
    if (officer && measures.calledOfficerId !== officer.id) continue;
    visits.push({
      ...measures,
      date: entry.officeDate,
      stage: entry.stage,
      number: entry.number,
      lane: entry.lane,
      window: `${entry.windowStart}–${entry.windowEnd}`,
      status: entry.status,
      firstStage: checkInVisit.get(entry.ticketId)?.id === entry.id,
      windowStartAt,
      hour: measures.waitStartedAt === null ? null : Math.floor(minutesOfDayOf(measures.waitStartedAt, zone) / 60),
      unverified: entry.unverified,
      claim: entry.claim,
    });
  }

  const stageOrder = office.floor.stages.map((s) => s.id);
  const report = aggregateKpi(visits, settings, stageOrder);
  const users = new Map(ctx.store.officers.users().map((u) => [u.id, u]));
  return {
    from: input.from,
    to: input.to,
    filters: { stage: input.stage ?? null, counter: input.counter ?? null, officer: officer?.username ?? null },
    settings: {
      windowGraceMinutes: settings.windowGraceMinutes,
      waitThresholdMinutes: settings.waitThresholdMinutes,
      outlierZ: settings.outlierZ,
    },
    total: report.total,
    byDay: report.byDay,
    byStage: report.byStage,
    byCounter: report.byCounter,
    byOfficer: report.byOfficer.map(({ officerId, figures }) => ({
      officer: users.get(officerId)?.username ?? officerId,
      name: users.get(officerId)?.name ?? officerId,
      figures,
    })),
    byHour: report.byHour,
    byWindow: report.byWindow,
    outliers: report.outliers,
  };
}
