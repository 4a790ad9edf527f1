import type { z } from 'zod';
import type { reportRangeInput, OfficersReportView } from '../../api/reportViews.ts';
import { instantAt, plusDays } from '../../domain/localTime.ts';
import { breakReasons, type BreakReason } from '../../domain/states.ts';
import type { ServiceContext } from '../context.ts';

export type ReportRange = z.infer<typeof reportRangeInput>;
type OfficerRow = OfficersReportView['officers'][number];

/** Every officer's time at the counters over a range of office days. */
export function reportOfficers(ctx: ServiceContext, input: ReportRange): OfficersReportView {
  return officersReport(ctx, input, null);
}

/** One officer's own row (an officer sees their own figures, no one else's). */
export function myFigures(ctx: ServiceContext, userId: string, input: ReportRange): OfficersReportView {
  return officersReport(ctx, input, userId);
}

/**
 * Counter periods clipped to the range's local days [from 00:00, the day after `to` 00:00), a
 * period still running counted up to now; calls, completions and claim decisions of those days.
 */
function officersReport(ctx: ServiceContext, input: ReportRange, only: string | null): OfficersReportView {
  const zone = ctx.store.office.get().timeZone;
  const since = instantAt(input.from, '00:00', zone);
  const until = instantAt(plusDays(input.to, 1), '00:00', zone);
  const now = ctx.clock.now();
  const rows = new Map<
    string,
    OfficerRow & { breakBy: Map<BreakReason | null, { ms: number; count: number }> }
  >();
  const rowOf = (officerId: string) => {
    let row = rows.get(officerId);
    if (!row) {
      row = {
        officer: officerId,
        name: officerId,
        busyMs: 0,
        idleMs: 0,
        breakMs: 0,
        breaks: [],
        called: 0,
        served: 0,
        outOfOrder: [],
        priorityClaimsConfirmed: 0,
        priorityClaimsRefused: 0,
        breakBy: new Map(),
      };
      rows.set(officerId, row);
    }
    return row;
  };
  const mine = (officerId: string) => only === null || officerId === only;

  for (const period of ctx.store.reports.counterPeriods(since, until)) {
    if (!mine(period.officerId)) continue;
    const end = Math.min(period.endedAt ?? Math.max(now, period.startedAt), until);
    const ms = Math.max(0, end - Math.max(period.startedAt, since));
    const row = rowOf(period.officerId);
    if (period.state === 'serving') row.busyMs += ms;
    else if (period.state === 'available') row.idleMs += ms;
    else if (period.state === 'on_break') {
      row.breakMs += ms;
      const sum = row.breakBy.get(period.reason) ?? { ms: 0, count: 0 };
      sum.ms += ms;
      sum.count += 1;
      row.breakBy.set(period.reason, sum);
    }
  }
  for (const call of ctx.store.reports.calls(input.from, input.to)) {
    if (!mine(call.officerId)) continue;
    const row = rowOf(call.officerId);
    row.called += call.calls;
    if (call.kind === 'specific') row.outOfOrder.push({ reason: call.reason ?? '', calls: call.calls });
  }
  for (const done of ctx.store.reports.served(input.from, input.to))
    if (mine(done.officerId)) rowOf(done.officerId).served += done.served;
  for (const claim of ctx.store.reports.claimDecisions(input.from, input.to)) {
    if (!mine(claim.officerId)) continue;
    const row = rowOf(claim.officerId);
    if (claim.decision === 'confirmed') row.priorityClaimsConfirmed += claim.claims;
    else row.priorityClaimsRefused += claim.claims;
  }
  // An officer asking for their own figures sees their row even on a day they did nothing.
  if (only !== null) rowOf(only);

  const reasonRank = (r: BreakReason | null) => (r === null ? breakReasons.length : breakReasons.indexOf(r));
  const officers = [...rows.entries()].map(([officerId, { breakBy, ...row }]) => {
    const user = ctx.store.officers.user(officerId);
    return {
      ...row,
      officer: user?.username ?? officerId,
      name: user?.name ?? officerId,
      breaks: [...breakBy.entries()]
        .sort(([a], [b]) => reasonRank(a) - reasonRank(b))
        .map(([reason, sum]) => ({ reason, ms: sum.ms, count: sum.count })),
      outOfOrder: row.outOfOrder.sort((a, b) => b.calls - a.calls || (a.reason < b.reason ? -1 : 1)),
    };
  });
  officers.sort((a, b) => (a.officer < b.officer ? -1 : a.officer > b.officer ? 1 : 0));
  return { from: input.from, to: input.to, officers };
}
