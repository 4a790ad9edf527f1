import type { PublicFiguresView } from '../../api/reportViews.ts';
import { localDateOf, plusDays } from '../../domain/localTime.ts';
import type { ServiceContext } from '../context.ts';
import { reportKpi } from './kpi.ts';
import { reportPromises } from './promises.ts';

const defaultDays = 30;

/**
 * The answer to calo, day by day: the average and p90 wait, the share called inside the window and the
 * passports ready on time — aggregates of the same KPI and promise reports the office reads, never a
 * name, a NIK, a ticket number or an officer. `visits` counts the check-ins (the first stage's arrivals).
 *
 * Anyone may ask (the board, `/public`), so the answer is kept until the event log moves on: a page
 * refreshed by a whole hall costs one computation per change of the floor, not one per visitor.
 */
export function publicFigures(ctx: ServiceContext, input: { days?: number | undefined }): PublicFiguresView {
  const office = ctx.store.office.get();
  const today = localDateOf(ctx.clock.now(), office.timeZone);
  const days = input.days ?? defaultDays;
  const key = `${today}|${days}|${ctx.store.events.lastSeq()}`;
  const kept = remembered.get(ctx.store);
  if (kept?.key === key) return kept.view;

  const from = plusDays(today, -(days - 1));
  const firstStage = office.floor.stages[0]?.id;
  const waits = reportKpi(ctx, { from, to: today });
  const arrivals = firstStage ? reportKpi(ctx, { from, to: today, stage: firstStage }) : waits;
  const promises = reportPromises(ctx, { from, to: today });
  const view: PublicFiguresView = {
    office: office.name,
    today,
    days: [] as PublicFiguresView['days'],
  };
  for (let date = from; date <= today; date = plusDays(date, 1)) {
    const day = waits.byDay.find((d) => d.date === date)?.figures;
    const visits = arrivals.byDay.find((d) => d.date === date)?.figures.arrived ?? 0;
    const promised = promises.days.find((d) => d.date === date);
    const of = promised?.promised ?? 0;
    const count = promised?.printedOnTime ?? 0;
    if (!day && !of) continue;
    view.days.push({
      date,
      visits,
      averageWaitMs: day?.wait.meanMs ?? null,
      p90WaitMs: day?.wait.p90Ms ?? null,
      calledInsideWindowShare: day?.calledInsideWindow.share ?? null,
      readyOnTime: { count, of, share: of ? count / of : null },
    });
  }
  remembered.set(ctx.store, { key, view });
  return view;
}

const remembered = new WeakMap<object, { key: string; view: PublicFiguresView }>();
