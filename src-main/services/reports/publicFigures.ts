import type { PublicFiguresView } from '../../api/reportViews.ts';
import { localDateOf, plusDays } from '../../domain/localTime.ts';
import type { ServiceContext } from '../context.ts';
import { reportKpi } from './kpi.ts';
import { reportPromises } from './promises.ts';
import { currentSurvey } from '../survey/publicSurvey.ts';

/** The days the public figures cover unless asked for fewer or more (the board asks for 1). */
export const publicDaysDefault = 30;

/**
 * The last days' aggregate waits and promises kept: what the board, /public and the notice board
 * show. Each day from the KPIs of the floor's first stage (the queue a citizen joins at check-in:
 * visits, average and p90 wait, the share called inside the window) and from the promises report
 * (passports promised for the day, and how many were printed by it). Aggregates only: no ticket,
 * no name, no officer. Every day of the range is listed, a day without visits with empty figures.
 *
 * Anyone may ask (the board, `/public`), so the answer is kept until the event log moves on: a page
 * refreshed by a whole hall costs one computation per change of the floor, not one per visitor.
 */
export function publicFigures(ctx: ServiceContext, input: { days?: number | undefined }): PublicFiguresView {
  const office = ctx.store.office.get();
  const today = localDateOf(ctx.clock.now(), office.timeZone);
  const count = input.days ?? publicDaysDefault;
  const key = `${today}|${count}|${ctx.store.events.lastSeq()}`;
  const kept = remembered.get(ctx.store);
  if (kept?.key === key) return kept.view;
  const from = plusDays(today, -(count - 1));
  const firstStage = office.floor.stages[0]?.id;
  const kpi = reportKpi(ctx, { from, to: today, ...(firstStage ? { stage: firstStage } : {}) });
  const promises = reportPromises(ctx, { from, to: today });
  const waits = new Map(kpi.byDay.map((day) => [day.date, day.figures]));
  const promised = new Map(promises.days.map((day) => [day.date, day]));
  const days = Array.from({ length: count }, (_, index) => {
    const date = plusDays(from, index);
    const figures = waits.get(date);
    const promise = promised.get(date);
    const of = promise?.promised ?? 0;
    const ready = promise?.printedOnTime ?? 0;
    return {
      date,
      visits: figures?.arrived ?? 0,
      averageWaitMs: figures?.wait.meanMs ?? null,
      p90WaitMs: figures?.wait.p90Ms ?? null,
      calledInsideWindowShare: figures?.calledInsideWindow.share ?? null,
      readyOnTime: { count: ready, of, share: of ? ready / of : null },
    };
  });
  const view = { office: office.name, today, days, survey: currentSurvey(ctx, today) };
  remembered.set(ctx.store, { key, view });
  return view;
}

const remembered = new WeakMap<object, { key: string; view: PublicFiguresView }>();
