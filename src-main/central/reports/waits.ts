import { plusDays } from '../../domain/localTime.ts';
import { aggregateKpi, countSlot, type Figures } from '../../domain/reports/kpi.ts';
import type { StageVisit } from '../../domain/reports/visits.ts';
import type { CentralStore } from '../store.ts';
import { checkPeriod, officesOf, type NationalQuery } from './query.ts';
import {
  centralKpiSettings,
  addEncoded,
  emptyWaitSummary,
  figuresOfSummary,
  mergeAll,
  mergeInto,
  type WaitSummary,
} from './waitSummary.ts';

/** The floor's defaults (services/reports/kpi.ts): called inside the window's start + 15 minutes. */
export const windowGraceMinutes = centralKpiSettings.windowGraceMinutes;
export const waitThresholdMinutes = centralKpiSettings.waitThresholdMinutes;
/**
 * Up to this many stage visits a report is measured visit by visit, by the floor's own code (one
 * office's month is some 20,000; 150 offices' busy month some 900,000); past it, from the
 * pre-combined waits (`waitSummary.ts`): the same counts, and percentiles from histograms.
 */
export const exactVisitsPerReport = 200_000;

export interface WaitFigures {
  /** The floor's KPI figures (domain/reports/kpi.ts) of the stage visits an event named. */
  figures: Figures;
  byStage: { stage: string; figures: Figures }[];
  /** Calls out of the calling order (an officer calling a given ticket, with a reason). */
  outOfOrderCalls: number;
}

export interface NationalWaits {
  from: string;
  to: string;
  settings: { windowGraceMinutes: number; waitThresholdMinutes: number; outlierZ: number };
  /**
   * `exact`: every visit measured by the floor's code. `combined`: read from the pre-combined waits;
   * counts, shares, means and max are the same, each p50/p90 is within half a second or 0.4% of the
   * exact one, and the outliers are judged per histogram bucket (docs/central.md).
   */
  method: 'exact' | 'combined';
  /** Every office asked for, in code order, with its figures over the period. */
  offices: ({ code: string; name: string } & WaitFigures)[];
  /** All of them together: the same code over the union of their visits (not an average of averages). */
  national: WaitFigures;
}

/**
 * Waits (p50/p90 per stage), the share called inside the window + 15 minutes and the out-of-order
 * calls, per office and nationally, over office-local dates `from`..`to` (inclusive). Read from the
 * stage visits kept per office day (`central_visits`), fed to the floor's own `aggregateKpi`.
 */
export async function nationalWaits(
  store: CentralStore,
  q: NationalQuery,
  options: { exactVisits?: number } = {},
): Promise<NationalWaits> {
  checkPeriod(q);
  const offices = await officesOf(store, q.offices);
  const codes = offices.map((o) => o.code);
  const parts = periodParts(q.from, q.to);
  const count = Number(
    (
      await store.pool.query<{ n: string | null }>(
        `SELECT sum(visits) AS n FROM (
           SELECT visits FROM central_wait_months WHERE office = ANY($1::text[]) AND month = ANY($2::date[])
           UNION ALL
           SELECT visits FROM central_wait_days WHERE office = ANY($1::text[]) AND office_date = ANY($3::date[])
         ) AS v`,
        [codes, parts.months, parts.days],
      )
    ).rows[0]?.n ?? 0,
  );
  const settings = { windowGraceMinutes, waitThresholdMinutes, outlierZ: centralKpiSettings.outlierZ };
  const found =
    count <= (options.exactVisits ?? exactVisitsPerReport)
      ? await exactWaits(store, q, codes)
      : await combinedWaits(store, codes, parts);
  return {
    from: q.from,
    to: q.to,
    settings,
    method: found.method,
    offices: offices.map((o) => ({
      code: o.code,
      name: o.name,
      ...(found.offices.get(o.code) as WaitFigures),
    })),
    national: found.national,
  };
}

interface FoundWaits {
  method: NationalWaits['method'];
  offices: Map<string, WaitFigures>;
  national: WaitFigures;
}

/** Every visit read and measured by the floor's own `aggregateKpi`, per office and over the union. */
async function exactWaits(store: CentralStore, q: NationalQuery, codes: string[]): Promise<FoundWaits> {
  const result = await store.pool.query({
    text: `SELECT office, to_char(office_date, 'YYYY-MM-DD'), stage, number, lane, window_label,
        window_start_at, status, first_stage, wait_ms, walk_up_ms, service_ms, first_call_at, called_counter,
        called_officer, wait_started_at, hour, held, unverified, claim, first_seq, out_of_order
      FROM central_visits WHERE office = ANY($1::text[]) AND office_date BETWEEN $2::date AND $3::date
      ORDER BY office, office_date, first_seq`,
    values: [codes, q.from, q.to],
    rowMode: 'array',
  });
  const perOffice = new Map<string, { visits: StageVisit[]; outOfOrder: number }>(
    codes.map((c) => [c, { visits: [], outOfOrder: 0 }]),
  );
  const all: StageVisit[] = [];
  let outOfOrder = 0;
  for (const r of result.rows as unknown[][]) {
    const visit: StageVisit = {
      date: r[1] as string,
      stage: r[2] as string,
      number: r[3] as string,
      lane: r[4] as string,
      window: r[5] as string,
      windowStartAt: r[6] as number,
      status: r[7] as StageVisit['status'],
      firstStage: r[8] as boolean,
      wait: r[9] as number | null,
      walkUp: r[10] as number | null,
      service: r[11] as number | null,
      firstCallAt: r[12] as number | null,
      calledCounter: r[13] as number | null,
      calledOfficerId: r[14] as string | null,
      waitStartedAt: r[15] as number | null,
      hour: r[16] as number | null,
      held: r[17] as boolean,
      unverified: r[18] as boolean,
      claim: r[19] as StageVisit['claim'],
      firstSeq: r[20] as number,
    };
    const office = perOffice.get(r[0] as string);
    if (!office) continue;
    office.visits.push(visit);
    office.outOfOrder += r[21] as number;
    outOfOrder += r[21] as number;
    all.push(visit);
  }
  const stages = new Map<string, { first: number; all: number }>();
  for (const v of all) {
    const seen = stages.get(v.stage) ?? { first: 0, all: 0 };
    seen.all += 1;
    if (v.firstStage) seen.first += 1;
    stages.set(v.stage, seen);
  }
  const order = stageOrderOf(stages);
  const figuresOf = (visits: readonly StageVisit[], calls: number): WaitFigures => {
    const report = aggregateKpi(visits, centralKpiSettings, order);
    return { figures: report.total, byStage: report.byStage, outOfOrderCalls: calls };
  };
  return {
    method: 'exact',
    offices: new Map(
      codes.map((c) => {
        const mine = perOffice.get(c) as { visits: StageVisit[]; outOfOrder: number };
        return [c, figuresOf(mine.visits, mine.outOfOrder)];
      }),
    ),
    national: figuresOf(all, outOfOrder),
  };
}

/**
 * The pre-combined waits of the period's whole months and of its other days, summed per office and
 * stage, then over the offices: a national year is some 5,400 month summaries.
 */
async function combinedWaits(
  store: CentralStore,
  codes: string[],
  parts: { months: string[]; days: string[] },
): Promise<FoundWaits> {
  const rows = await store.pool.query<{ office: string; stage: string; summary: Buffer }>(
    `SELECT office, stage, summary FROM central_wait_months
     WHERE office = ANY($1::text[]) AND month = ANY($2::date[])
     UNION ALL
     SELECT office, stage, summary FROM central_wait_days
     WHERE office = ANY($1::text[]) AND office_date = ANY($3::date[])`,
    [codes, parts.months, parts.days],
  );
  const perOffice = new Map<string, Map<string, WaitSummary>>(codes.map((c) => [c, new Map()]));
  for (const row of rows.rows) {
    const stages = perOffice.get(row.office);
    if (!stages) continue;
    let mine = stages.get(row.stage);
    if (!mine) stages.set(row.stage, (mine = emptyWaitSummary()));
    addEncoded(mine, row.summary);
  }
  const national = new Map<string, WaitSummary>();
  for (const stages of perOffice.values())
    for (const [stage, summary] of stages) {
      let sum = national.get(stage);
      if (!sum) national.set(stage, (sum = emptyWaitSummary()));
      mergeInto(sum, summary);
    }
  const order = stageOrderOf(
    new Map(
      [...national].map(([stage, s]) => [
        stage,
        { first: s.firstStage, all: s.counts[countSlot.arrived] as number },
      ]),
    ),
  );
  const rank = (stage: string) => order.indexOf(stage);
  const figuresOf = (stages: Map<string, WaitSummary>): WaitFigures => {
    const total = mergeAll(stages.values());
    const z = centralKpiSettings.outlierZ;
    return {
      figures: figuresOfSummary(total, total, z),
      byStage: [...stages]
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([stage, s]) => ({ stage, figures: figuresOfSummary(s, total, z) })),
      outOfOrderCalls: total.outOfOrder,
    };
  };
  return {
    method: 'combined',
    offices: new Map(codes.map((c) => [c, figuresOf(perOffice.get(c) as Map<string, WaitSummary>)])),
    national: figuresOf(national),
  };
}

/**
 * The period as the months wholly inside it (their first days) and its other days: a national
 * year reads twelve month summaries per office and stage, and a period from the 10th to the 20th
 * eleven day summaries.
 */
export function periodParts(from: string, to: string): { months: string[]; days: string[] } {
  const months: string[] = [];
  const days: string[] = [];
  for (let month = `${from.slice(0, 7)}-01`; month <= to; month = plusMonths(month, 1)) {
    const last = plusDays(plusMonths(month, 1), -1);
    if (month >= from && last <= to) months.push(month);
    else
      for (let day = month < from ? from : month; day <= last && day <= to; day = plusDays(day, 1))
        days.push(day);
  }
  return { months, days };
}

const plusMonths = (firstDay: string, n: number): string => {
  const [y, m] = firstDay.split('-').map(Number) as [number, number];
  const next = y * 12 + (m - 1) + n;
  return `${String(Math.floor(next / 12)).padStart(4, '0')}-${String((next % 12) + 1).padStart(2, '0')}-01`;
};

/**
 * The floor's stage order is not shipped: a stage comes before another when more of its visits are
 * a ticket's first (check-in) stage, then by name.
 */
function stageOrderOf(stages: ReadonlyMap<string, { first: number; all: number }>): string[] {
  return [...stages.entries()]
    .sort(([a, x], [b, y]) => y.first / y.all - x.first / x.all || (a < b ? -1 : a > b ? 1 : 0))
    .map(([stage]) => stage);
}
