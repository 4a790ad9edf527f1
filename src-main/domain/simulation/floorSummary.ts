import type { Bilingual } from '../errors.ts';
import { estimate, type Estimate } from './confidence.ts';
import type { FloorDayInput, FloorDayOutcome } from './floorDay.ts';
import type { ResolvedPolicy } from './policies.ts';

/**
 * A floor day's replications summarised per policy: each measure's mean across seeds with its 95%
 * interval, the queue over the day, and the waits' distribution, side by side for the policies run
 * on the same citizens.
 */

export const floorMeasures = [
  'waitP50',
  'waitP90',
  'waitMax',
  'insideWindowShare',
  'meanQueueLength',
  'lastServed',
  'overtimeMinutes',
  'printed',
  'printerBacklogAtClose',
  'promisesAtRisk',
  'served',
  'arrived',
  'cameTooEarly',
  'turnedAway',
  'standby',
  'afterBap',
] as const;
export type FloorMeasure = (typeof floorMeasures)[number];

/** Width of the wait distribution's bars, minutes. */
export const waitBinMinutes = 5;

export interface PolicySummary {
  policy: string;
  label: Bilingual;
  measures: Record<FloorMeasure, Estimate>;
  stages: { stage: string; waitP50: Estimate; waitP90: Estimate; utilisation: Estimate }[];
  handover: { waitP50: Estimate; waitP90: Estimate; utilisation: Estimate } | null;
  /** Applicants waiting at each sample minute, the mean across seeds. */
  queueLength: { minute: number; mean: number }[];
  /** Every replication's waits pooled: the share in each bar of `waitBinMinutes` (the last holds the rest). */
  waitDistribution: { from: number; to: number | null; share: number }[];
}

export interface FloorDaySummary {
  model: 'floor';
  date: string;
  open: number;
  close: number;
  bookings: number;
  officers: Record<string, number>;
  seeds: { first: number; count: number };
  policies: PolicySummary[];
  /** Loket's window-aligned calling against first-come-first-served, when both ran. */
  comparison: { p90Ratio: number; windowInsideShare: number; fifoInsideShare: number } | null;
}

const bins = 12;

export function summariseFloorDay(
  input: FloorDayInput,
  policies: readonly ResolvedPolicy[],
  outcomes: readonly (readonly FloorDayOutcome[])[],
  firstSeed: number,
): FloorDaySummary {
  const summaries = policies.map((policy, p): PolicySummary => {
    const runs = outcomes[p] as readonly FloorDayOutcome[];
    const measures = Object.fromEntries(
      floorMeasures.map((measure) => [measure, estimate(runs.map((run) => run[measure]))]),
    ) as Record<FloorMeasure, Estimate>;
    const first = runs[0] as FloorDayOutcome;
    const stages = first.stages.map((stage, s) => ({
      stage: stage.stage,
      waitP50: estimate(runs.map((run) => run.stages[s]?.waitP50 ?? 0)),
      waitP90: estimate(runs.map((run) => run.stages[s]?.waitP90 ?? 0)),
      utilisation: estimate(runs.map((run) => run.stages[s]?.utilisation ?? 0)),
    }));
    const handover = first.handover
      ? {
          waitP50: estimate(runs.map((run) => run.handover?.waitP50 ?? 0)),
          waitP90: estimate(runs.map((run) => run.handover?.waitP90 ?? 0)),
          utilisation: estimate(runs.map((run) => run.handover?.utilisation ?? 0)),
        }
      : null;
    const queueLength = first.queueLength.map((_, i) => ({
      minute: input.open + i * input.sampleEveryMinutes,
      mean: runs.reduce((sum, run) => sum + (run.queueLength[i] ?? 0), 0) / runs.length,
    }));
    const counts = new Array<number>(bins).fill(0);
    let total = 0;
    for (const run of runs)
      for (const wait of run.waits) {
        const bin = Math.min(bins - 1, Math.floor(Math.max(0, wait) / waitBinMinutes));
        counts[bin] = (counts[bin] as number) + 1;
        total += 1;
      }
    const waitDistribution = counts.map((count, i) => ({
      from: i * waitBinMinutes,
      to: i === bins - 1 ? null : (i + 1) * waitBinMinutes,
      share: total ? count / total : 0,
    }));
    return {
      policy: policy.id,
      label: policy.label,
      measures,
      stages,
      handover,
      queueLength,
      waitDistribution,
    };
  });
  const window = summaries.find((s) => s.policy === 'window');
  const fifo = summaries.find((s) => s.policy === 'fifo');
  return {
    model: 'floor',
    date: input.date,
    open: input.open,
    close: input.close,
    bookings: input.bookings.length,
    officers: Object.fromEntries(input.stages.map((s) => [s.id, s.officers])),
    seeds: { first: firstSeed, count: outcomes[0]?.length ?? 0 },
    policies: summaries,
    comparison:
      window && fifo
        ? {
            p90Ratio:
              fifo.measures.waitP90.mean > 0 ? window.measures.waitP90.mean / fifo.measures.waitP90.mean : 0,
            windowInsideShare: window.measures.insideWindowShare.mean,
            fifoInsideShare: fifo.measures.insideWindowShare.mean,
          }
        : null,
  };
}
