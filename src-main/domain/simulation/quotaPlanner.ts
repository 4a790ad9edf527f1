import { z } from 'zod';
import type { Bilingual } from '../errors.ts';
import { priorityLaneIds } from '../laneIds.ts';
import { estimate, type Estimate } from './confidence.ts';
import { floorDayLimits, type FloorDayInput, type FloorDayOutcome, type SimulatedVisit } from './floorDay.ts';
import { bookingsFromQuota, denpasarBookingsPerWindow, type BookableLane } from './officeDay.ts';

/**
 * The quota planner's pure part: what a plan must meet (the target), a day with a given quota, the
 * judgement of a quota from its replications, the search for the largest total per window that
 * meets the target, and the constraint that stops it going higher. The replications themselves are
 * run by the service (`services/simulation/quotaPlanner.ts`), here or across worker threads.
 *
 * Choices, written down in docs/simulation.md ("The quota planner"):
 * - the search is on the total bookings per window; the priority lanes keep their share of the
 *   office's current quota (largest remainder), they are not searched one by one;
 * - a quota is judged on the window policy over the same seeds for every candidate (common random
 *   numbers), by the 95% interval's pessimistic end, not the mean: p90 wait's upper bound at most the
 *   target, the inside-window share's lower bound at least it, no seed with a promise at risk;
 * - the search gallops up (or down) from the current total, then bisects: a dozen candidates.
 */

export const bookableLanes = ['regular', ...priorityLaneIds] as const satisfies readonly BookableLane[];
export type LaneQuota = Record<BookableLane, number>;

/** The most bookings a lane may take per window in a plan (the simulator's own bound). */
export const planLaneLimit = 500;

export const quotaTargetSchema = z
  .object({
    /** The p90 wait (first call after the later of arrival and the window's start), minutes. */
    p90WaitMinutes: z
      .number({ error: 'the p90 wait must be a number of minutes' })
      .finite()
      .min(0, 'the p90 wait cannot be negative')
      .max(480, 'the p90 wait is at most 480 minutes'),
    /** Of those who came in time: the share called by their window's end plus the grace. */
    insideWindowShare: z
      .number({ error: 'the inside-window share must be a number' })
      .finite()
      .min(0, 'the inside-window share cannot be negative')
      .max(1, 'the inside-window share is a share: at most 1 (100%)')
      .default(0.95),
    /** Every pickup promise kept: no seed leaves a print job that would miss its promise. */
    promisesKept: z.boolean().default(true),
    /** The last applicant served at most this many minutes after closing; null: not a target. */
    overtimeMinutes: z
      .number({ error: 'overtime must be a number of minutes' })
      .finite()
      .min(0, 'overtime cannot be negative')
      .max(480, 'overtime is at most 480 minutes')
      .nullable()
      .default(null),
  })
  .strict();
export type QuotaTarget = z.output<typeof quotaTargetSchema>;
export type QuotaTargetRequest = z.input<typeof quotaTargetSchema>;

export const targetNames = ['p90Wait', 'insideWindow', 'promises', 'overtime'] as const;
export type TargetName = (typeof targetNames)[number];

/** What a replication tells the planner: a floor day's outcome without its long lists. */
export type PlannerOutcome = Pick<
  FloorDayOutcome,
  | 'booked'
  | 'served'
  | 'waitP90'
  | 'insideWindowShare'
  | 'promisesAtRisk'
  | 'printerBacklogAtClose'
  | 'overtimeMinutes'
  | 'lastServed'
> & {
  /** The p90 of each applicant's whole waiting: to the first call, then between the stages. */
  visitWaitP90: number;
  stages: { stage: string; utilisation: number }[];
};

/**
 * An applicant's whole waiting: the first call after the later of arrival and the window's start (a
 * standby citizen's from arrival, as the simulator counts it), plus the wait in each later stage's
 * line. The simulator's own `waitP90` counts to the first call only, which a short interview stage
 * never moves; the plan judges the whole visit so that it does.
 */
export function visitWait(visit: SimulatedVisit): number {
  const [first, ...later] = visit.stages;
  if (!first) return 0;
  const from = visit.standby ? visit.arrival : Math.max(visit.arrival, visit.windowStart);
  return later.reduce((sum, stage) => sum + (stage.called - stage.enqueued), first.called - from);
}

const nearestRank = (values: readonly number[], p: number): number => {
  if (!values.length) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] as number;
};

/** A day's outcome as the planner needs it; the day must have been run with `keepVisits`. */
export function plannerOutcome(outcome: FloorDayOutcome): PlannerOutcome {
  if (!outcome.visits) throw new Error('the quota planner needs the visits: run the day with keepVisits');
  return {
    booked: outcome.booked,
    served: outcome.served,
    waitP90: outcome.waitP90,
    visitWaitP90: nearestRank(outcome.visits.map(visitWait), 0.9),
    insideWindowShare: outcome.insideWindowShare,
    promisesAtRisk: outcome.promisesAtRisk,
    printerBacklogAtClose: outcome.printerBacklogAtClose,
    overtimeMinutes: outcome.overtimeMinutes,
    lastServed: outcome.lastServed,
    stages: outcome.stages.map((s) => ({ stage: s.stage, utilisation: s.utilisation })),
  };
}

export function windowsOf(input: Pick<FloorDayInput, 'open' | 'close' | 'windowMinutes'>): number {
  return Math.ceil((input.close - input.open) / input.windowMinutes);
}

/** The largest total per window a plan may try: the simulator's bookings a day and each lane's bound. */
export function largestTotal(input: Pick<FloorDayInput, 'open' | 'close' | 'windowMinutes'>): number {
  return Math.min(Math.floor(floorDayLimits.bookings / windowsOf(input)), planLaneLimit);
}

/** The input's bookings per window and lane (a generated day's quota; a real day's average, rounded). */
export function quotaOfInput(input: FloorDayInput): LaneQuota {
  const windows = windowsOf(input);
  const counts: LaneQuota = { regular: 0, lansia: 0, disabilitas: 0, hamil: 0, balita: 0 };
  for (const booking of input.bookings) counts[booking.lane] += 1;
  for (const lane of bookableLanes) counts[lane] = Math.round(counts[lane] / windows);
  return counts;
}

export const totalOf = (quota: LaneQuota): number =>
  bookableLanes.reduce((sum, lane) => sum + quota[lane], 0);

/**
 * `total` bookings a window split in the lanes' shares of `shares` (largest remainder; a tie goes to
 * the lane first in `bookableLanes`, regular before the priority lanes). Shares all zero: Denpasar's.
 */
export function splitTotal(shares: LaneQuota, total: number): LaneQuota {
  const basis = totalOf(shares) > 0 ? shares : denpasarBookingsPerWindow;
  const whole = totalOf(basis);
  const exact = bookableLanes.map((lane) => ({ lane, value: (basis[lane] * total) / whole }));
  const quota: LaneQuota = { regular: 0, lansia: 0, disabilitas: 0, hamil: 0, balita: 0 };
  for (const { lane, value } of exact) quota[lane] = Math.floor(value);
  let left = total - totalOf(quota);
  const byRemainder = [...exact].sort(
    (a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)),
  );
  for (const { lane } of byRemainder) {
    if (left <= 0) break;
    quota[lane] += 1;
    left -= 1;
  }
  return quota;
}

/** The same day with this quota's bookings instead of its own. */
export function dayWithQuota(input: FloorDayInput, quota: LaneQuota): FloorDayInput {
  return { ...input, bookings: bookingsFromQuota(quota, windowsOf(input)) };
}

/** A measure's mean and interval, and the end of the interval the plan is judged on. */
export interface JudgedEstimate extends Estimate {
  judged: number;
}

export interface PlanFigures {
  booked: number;
  served: Estimate;
  /** The p90 of the applicants' whole waiting (first call and between stages): judged against the target. */
  visitWaitP90: JudgedEstimate;
  /** The simulator's p90 wait to the first call (as `loket simulate` shows it), for comparison. */
  waitP90: Estimate;
  insideWindowShare: JudgedEstimate;
  promisesAtRisk: JudgedEstimate;
  overtimeMinutes: JudgedEstimate;
  printerBacklogAtClose: Estimate;
  lastServed: Estimate;
  /** The applicant stages' officers' busy share of their hours. */
  stages: { stage: string; utilisation: Estimate }[];
}

export interface TargetMiss {
  target: TargetName;
  /** The target's limit and the figure judged against it. */
  limit: number;
  judged: number;
  /** How far past the limit, as a share of it (of 1 for a zero limit): the worst miss binds. */
  excess: number;
}

export interface Judgement {
  total: number;
  quota: LaneQuota;
  meets: boolean;
  misses: TargetMiss[];
  figures: PlanFigures;
}

const judgedHigh = (e: Estimate): JudgedEstimate => ({ ...e, judged: e.high ?? e.mean });
const judgedLow = (e: Estimate): JudgedEstimate => ({ ...e, judged: e.low ?? e.mean });

/** The figures of a quota's replications and the targets they miss, each judged on its pessimistic end. */
export function judge(outcomes: readonly PlannerOutcome[], target: QuotaTarget, quota: LaneQuota): Judgement {
  const of = (pick: (o: PlannerOutcome) => number) => estimate(outcomes.map(pick));
  const first = outcomes[0] as PlannerOutcome;
  const atRisk = of((o) => o.promisesAtRisk);
  const figures: PlanFigures = {
    booked: first.booked,
    served: of((o) => o.served),
    visitWaitP90: judgedHigh(of((o) => o.visitWaitP90)),
    waitP90: of((o) => o.waitP90),
    insideWindowShare: judgedLow(of((o) => o.insideWindowShare)),
    // "Every promise kept" is judged on every seed: one seed with a promise at risk fails it.
    promisesAtRisk: { ...atRisk, judged: Math.max(...outcomes.map((o) => o.promisesAtRisk)) },
    overtimeMinutes: judgedHigh(of((o) => o.overtimeMinutes)),
    printerBacklogAtClose: of((o) => o.printerBacklogAtClose),
    lastServed: of((o) => o.lastServed),
    stages: first.stages.map((stage, s) => ({
      stage: stage.stage,
      utilisation: of((o) => o.stages[s]?.utilisation ?? 0),
    })),
  };
  const misses: TargetMiss[] = [];
  const over = (name: TargetName, judged: number, limit: number) => {
    if (judged > limit + 1e-9)
      misses.push({ target: name, limit, judged, excess: (judged - limit) / (limit || 1) });
  };
  over('p90Wait', figures.visitWaitP90.judged, target.p90WaitMinutes);
  if (figures.insideWindowShare.judged < target.insideWindowShare - 1e-9)
    misses.push({
      target: 'insideWindow',
      limit: target.insideWindowShare,
      judged: figures.insideWindowShare.judged,
      excess: (target.insideWindowShare - figures.insideWindowShare.judged) / (target.insideWindowShare || 1),
    });
  if (target.promisesKept) over('promises', figures.promisesAtRisk.judged, 0);
  if (target.overtimeMinutes !== null)
    over('overtime', figures.overtimeMinutes.judged, target.overtimeMinutes);
  misses.sort((a, b) => b.excess - a.excess);
  return { total: totalOf(quota), quota, meets: misses.length === 0, misses, figures };
}

export interface TotalSearch {
  /** The largest total that met the target; null when not even 0 did. */
  best: Judgement | null;
  /** One above the best (or 0 when none met): the first to fail; null when the best is the largest allowed. */
  next: Judgement | null;
  /** Every total tried, in the order tried. */
  tried: Judgement[];
}

/**
 * The largest total in 0…`max` whose quota meets the target, assuming more bookings never make the
 * day easier (monotone enough: common random numbers keep the noise between neighbours small). It
 * gallops from `start` (steps of an eighth of it, doubling) until the answer is bracketed, then
 * bisects; each total is judged once.
 */
export async function searchTotal(
  start: number,
  max: number,
  judgeTotal: (total: number) => Promise<Judgement>,
): Promise<TotalSearch> {
  const tried: Judgement[] = [];
  const known = new Map<number, Judgement>();
  const at = async (total: number) => {
    const seen = known.get(total);
    if (seen) return seen;
    const judgement = await judgeTotal(total);
    known.set(total, judgement);
    tried.push(judgement);
    return judgement;
  };
  const first = Math.max(0, Math.min(max, start));
  let step = Math.max(1, Math.ceil(first / 8));
  // lo met the target (or is -1: nothing has), hi did not (or is max + 1: nothing failed).
  let lo = -1;
  let hi = max + 1;
  if ((await at(first)).meets) {
    lo = first;
    while (lo < max) {
      const total = Math.min(max, lo + step);
      if ((await at(total)).meets) lo = total;
      else {
        hi = total;
        break;
      }
      step *= 2;
    }
  } else {
    hi = first;
    while (hi > 0) {
      const total = Math.max(0, hi - step);
      if ((await at(total)).meets) {
        lo = total;
        break;
      }
      hi = total;
      step *= 2;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await at(mid)).meets) lo = mid;
    else hi = mid;
  }
  return {
    best: lo >= 0 ? (known.get(lo) as Judgement) : null,
    next: hi <= max ? (known.get(hi) as Judgement) : null,
    tried,
  };
}

export type BindingResource = 'counters' | 'printer' | 'hours' | 'limit';

export interface BindingConstraint {
  /** The target the first quota too many fails by the widest margin; null when the limit stopped the search. */
  target: TargetName | null;
  resource: BindingResource;
  /** The busiest applicant stage, when counters bind. */
  stage: string | null;
  /** `interview-counters`, `printer`, `opening-hours`, `quota-limit`. */
  code: string;
  message: Bilingual;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const minutes = (value: number) => `${Math.round(value * 10) / 10}`;

function targetWords(miss: TargetMiss): Bilingual {
  switch (miss.target) {
    case 'p90Wait':
      return {
        id: `waktu tunggu p90 menjadi ${minutes(miss.judged)} menit, melebihi ${minutes(miss.limit)} menit`,
        en: `the p90 wait becomes ${minutes(miss.judged)} minutes, above ${minutes(miss.limit)}`,
      };
    case 'insideWindow':
      return {
        id: `yang dipanggil dalam jadwalnya turun ke ${percent(miss.judged)}, di bawah ${percent(miss.limit)}`,
        en: `the share called inside their window falls to ${percent(miss.judged)}, below ${percent(miss.limit)}`,
      };
    case 'promises':
      return {
        id: `${Math.round(miss.judged)} janji tanggal pengambilan paspor terancam tidak tertepati`,
        en: `${Math.round(miss.judged)} pickup promises would be missed`,
      };
    case 'overtime':
      return {
        id: `pemohon terakhir selesai ${minutes(miss.judged)} menit setelah tutup, melebihi ${minutes(miss.limit)} menit`,
        en: `the last applicant finishes ${minutes(miss.judged)} minutes after closing, above ${minutes(miss.limit)}`,
      };
  }
}

/**
 * Which resource stops a larger quota, read from the first quota that fails (`next`): the target it
 * misses by the widest margin, and behind it the counters of the busiest stage (waits, the window),
 * the passport printer (promises) or the opening hours (overtime). `stageNames` gives the stages'
 * names as the office writes them.
 */
export function bindingConstraint(
  search: Pick<TotalSearch, 'best' | 'next'>,
  max: number,
  stageNames: Record<string, Bilingual> = {},
): BindingConstraint {
  const { next } = search;
  const worst = next?.misses[0];
  if (!next || !worst)
    return {
      target: null,
      resource: 'limit',
      stage: null,
      code: 'quota-limit',
      message: {
        id: `Batas perencanaan tercapai: ${max} pemohon per jadwal memenuhi target; yang membatasi bukan petugas, mesin cetak atau jam layanan.`,
        en: `The planner's limit was reached: ${max} bookings a window meet the target; neither counters, printer nor hours bind.`,
      },
    };
  const because = targetWords(worst);
  const tooMany = next.total
    ? {
        id: `Dengan ${next.total} pemohon per jadwal, ${because.id}.`,
        en: `With ${next.total} a window, ${because.en}.`,
      }
    : { id: `Bahkan tanpa pemohon, ${because.id}.`, en: `Even with no bookings, ${because.en}.` };
  if (worst.target === 'promises')
    return {
      target: worst.target,
      resource: 'printer',
      stage: null,
      code: 'printer',
      message: {
        id: `Yang membatasi: mesin cetak paspor (sisa ${Math.round(next.figures.printerBacklogAtClose.mean)} paspor belum tercetak saat tutup). ${tooMany.id}`,
        en: `Binding: the passport printer (${Math.round(next.figures.printerBacklogAtClose.mean)} passports left to print at closing). ${tooMany.en}`,
      },
    };
  if (worst.target === 'overtime')
    return {
      target: worst.target,
      resource: 'hours',
      stage: null,
      code: 'opening-hours',
      message: {
        id: `Yang membatasi: jam layanan (jadwal terakhir tidak selesai sebelum tutup). ${tooMany.id}`,
        en: `Binding: the opening hours (the last window does not finish by closing). ${tooMany.en}`,
      },
    };
  const busiest = [...next.figures.stages].sort((a, b) => b.utilisation.mean - a.utilisation.mean)[0];
  const stage = busiest?.stage ?? 'counters';
  const name = stageNames[stage] ?? { id: stage, en: stage };
  const busy = percent(busiest?.utilisation.mean ?? 0);
  return {
    target: worst.target,
    resource: 'counters',
    stage,
    code: `${stage}-counters`,
    message: {
      id: `Yang membatasi: loket ${name.id.toLowerCase()} (petugasnya sibuk ${busy} dari jam kerja). ${tooMany.id}`,
      en: `Binding: the ${name.en.toLowerCase()} counters (their officers busy ${busy} of their hours). ${tooMany.en}`,
    },
  };
}
