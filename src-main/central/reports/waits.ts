import { aggregateKpi, type Figures } from '../../domain/reports/kpi.ts';
import { defaultOutlierZ } from '../../domain/reports/outliers.ts';
import type { StageVisit } from '../../domain/reports/visits.ts';
import type { CentralStore } from '../store.ts';
import { CentralError } from '../store.ts';
import { checkPeriod, officesOf, type NationalQuery } from './query.ts';

/** The floor's defaults (services/reports/kpi.ts): called inside the window's start + 15 minutes. */
export const windowGraceMinutes = 15;
export const waitThresholdMinutes = 20;
/** The most stage visits one waits report reads (150 offices' busy month is about 900,000). */
export const maxVisitsPerReport = 1_000_000;

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
  options: { maxVisits?: number } = {},
): Promise<NationalWaits> {
  checkPeriod(q);
  const offices = await officesOf(store, q.offices);
  const codes = offices.map((o) => o.code);
  // Every visit is read and measured here: past this many, the report would take many seconds and
  // gigabytes (a national year is some 28 million visits). Refused in words until the waits are
  // pre-combined per office day (docs/central.md, "Performance").
  const maxVisits = options.maxVisits ?? maxVisitsPerReport;
  const count = Number(
    (
      await store.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM central_visits
         WHERE office = ANY($1::text[]) AND office_date BETWEEN $2::date AND $3::date`,
        [codes, q.from, q.to],
      )
    ).rows[0]?.n ?? 0,
  );
  if (count > maxVisits)
    throw new CentralError(422, 'REPORT_TOO_LARGE', {
      id: `Laporan waktu tunggu ini mencakup ${count.toLocaleString('id-ID')} kunjungan, lebih dari ${maxVisits.toLocaleString('id-ID')} yang dapat dihitung sekaligus. Pilih lebih sedikit kantor atau periode yang lebih pendek.`,
      en: `This waits report covers ${count.toLocaleString('en')} visits, more than the ${maxVisits.toLocaleString('en')} it can measure at once. Choose fewer offices or a shorter period.`,
    });
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
  const settings = {
    // Walk-outs are not known centrally (a visit never called is never named): no day has ended for them.
    today: '0000-00-00',
    windowGraceMinutes,
    waitThresholdMinutes,
    outlierZ: defaultOutlierZ,
  };
  const order = stageOrderOf(all);
  const figuresOf = (visits: readonly StageVisit[], calls: number): WaitFigures => {
    const report = aggregateKpi(visits, settings, order);
    return { figures: report.total, byStage: report.byStage, outOfOrderCalls: calls };
  };
  return {
    from: q.from,
    to: q.to,
    settings: { windowGraceMinutes, waitThresholdMinutes, outlierZ: defaultOutlierZ },
    offices: offices.map((o) => {
      const mine = perOffice.get(o.code) as { visits: StageVisit[]; outOfOrder: number };
      return { code: o.code, name: o.name, ...figuresOf(mine.visits, mine.outOfOrder) };
    }),
    national: figuresOf(all, outOfOrder),
  };
}

/**
 * The floor's stage order is not shipped: a stage comes before another when more of its visits are
 * a ticket's first (check-in) stage, then by name.
 */
function stageOrderOf(visits: readonly StageVisit[]): string[] {
  const first = new Map<string, { first: number; all: number }>();
  for (const v of visits) {
    const seen = first.get(v.stage) ?? { first: 0, all: 0 };
    seen.all += 1;
    if (v.firstStage) seen.first += 1;
    first.set(v.stage, seen);
  }
  return [...first.entries()]
    .sort(([a, x], [b, y]) => y.first / y.all - x.first / x.all || (a < b ? -1 : a > b ? 1 : 0))
    .map(([stage]) => stage);
}
