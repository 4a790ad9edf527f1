import type { z } from 'zod';
import type { kpiReportInput, KpiReportView } from '../../api/reportViews.ts';
import { LoketError } from '../../domain/errors.ts';
import { instantAt, localDateOf, utcOffsetMinutes } from '../../domain/localTime.ts';
import { aggregateKpi } from '../../domain/reports/kpi.ts';
import { defaultOutlierZ } from '../../domain/reports/outliers.ts';
import { VisitTally, type StageVisit, type VisitMeasures } from '../../domain/reports/visits.ts';
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
  // A window's start instant and a day's offset from UTC, once per day (luxon is not free over a year).
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
  const offsets = new Map<string, number>();
  const localHour = (date: string, instant: number) => {
    let offset = offsets.get(date);
    if (offset === undefined) {
      offset = utcOffsetMinutes(instantAt(date, '12:00', zone), zone) * 60_000;
      offsets.set(date, offset);
    }
    return new Date(instant + offset).getUTCHours();
  };

  const tallies = new Map<string, VisitTally>();
  for (const entry of entries)
    tallies.set(entry.id, new VisitTally(windowStartOf(entry.officeDate, entry.windowStart)));
  ctx.store.reports.eachPeriod(
    input.from,
    input.to,
    (entryId, seq, state, startedAt, endedAt, officerId, counter) =>
      tallies.get(entryId)?.add(seq, state, startedAt, endedAt, officerId, counter),
  );
  const measured = entries.map((entry) => (tallies.get(entry.id) as VisitTally).measures());
  // A ticket's check-in visit is the one whose first period came first.
  const checkInVisit = new Map<string, number>();
  entries.forEach((entry, i) => {
    const seen = checkInVisit.get(entry.ticketId);
    if (
      seen === undefined ||
      (measured[i] as VisitMeasures).firstSeq < (measured[seen] as VisitMeasures).firstSeq
    )
      checkInVisit.set(entry.ticketId, i);
  });

  const visits: StageVisit[] = [];
  entries.forEach((entry, i) => {
    const m = measured[i] as VisitMeasures;
    if (input.stage !== undefined && entry.stage !== input.stage) return;
    if (input.counter !== undefined && m.calledCounter !== input.counter) return;
    if (officer && m.calledOfficerId !== officer.id) return;
    // Every field named, in one order: a year of visits shares one shape.
    visits.push({
      wait: m.wait,
      walkUp: m.walkUp,
      service: m.service,
      firstCallAt: m.firstCallAt,
      calledCounter: m.calledCounter,
      calledOfficerId: m.calledOfficerId,
      waitStartedAt: m.waitStartedAt,
      held: m.held,
      firstSeq: m.firstSeq,
      date: entry.officeDate,
      stage: entry.stage,
      number: entry.number,
      lane: entry.lane,
      window: `${entry.windowStart}–${entry.windowEnd}`,
      status: entry.status,
      firstStage: checkInVisit.get(entry.ticketId) === i,
      windowStartAt: (tallies.get(entry.id) as VisitTally).windowStartAt,
      hour: m.waitStartedAt === null ? null : localHour(entry.officeDate, m.waitStartedAt),
      unverified: entry.unverified,
      claim: entry.claim,
    });
  });

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
