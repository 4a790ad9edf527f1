// The simulate section (issue 23): the floor-day simulator on the default Denpasar day, measured in
// the bench's process: one day, 200 replications across two worker threads and in one thread,
// the policy comparison the issue sets targets for, and a place for the quota planner's time.
// Owns the key `simulate`.
import { ManualClock } from '../../src-main/domain/clock.ts';
import { defaultOfficeConfig } from '../../src-main/domain/office.ts';
import { runFloorDay, type FloorDayInput } from '../../src-main/domain/simulation/floorDay.ts';
import type { PolicySummary } from '../../src-main/domain/simulation/floorSummary.ts';
import { resolvePolicy } from '../../src-main/domain/simulation/policies.ts';
import { closedDaysReadOnly } from '../../src-main/services/calendar.ts';
import { planQuota } from '../../src-main/services/simulation/quotaPlanner.ts';
import { floorDayFor, simulateFloorDay } from '../../src-main/services/simulation/floorDay.ts';
import { openMemoryDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { latencyStats, ms3, type BenchContext, type Section, type SectionResult } from './support.ts';

/** The day simulated: a Monday at Denpasar's configuration and demand (docs/simulation.md). */
export const simulateDate = '2026-11-30';
export const simulateLimits = {
  dayMs: 50,
  replications: 200,
  replicationsMs: 5000,
  threads: 2,
  /** Window-aligned calling's p90 wait over first-come-first-served's, same staff. */
  p90Ratio: 0.5,
  /** Called inside the window + 15 minutes, window-aligned calling. */
  insideShare: 0.95,
  plannerMs: 30_000,
} as const;
const dayRuns = 200;
const dayWarmup = 20;
/** The comparison's variant beside window and fifo: window-aligned, never called before the window. */
const variant = 'no-early';

/** The default Denpasar day as `loket simulate --date 2026-11-30` builds it, with the shipped holiday calendar. */
export function defaultDay(): FloorDayInput {
  const store = new Store(openMemoryDatabase());
  try {
    const ctx = { store, clock: new ManualClock(Date.parse(`${simulateDate}T07:00:00+08:00`)) };
    const calendar = closedDaysReadOnly(ctx, 2026, 2027);
    return floorDayFor({ office: defaultOfficeConfig, calendar }, { date: simulateDate });
  } finally {
    store.close();
  }
}

/**
 * The quota planner's answer for the default day, timed: Denpasar's staff, a p90 ≤ 20 minutes
 * target (and the default 95% inside the window), 50 seeds, in this process and one thread (the
 * planner's own choice under 100 seeds). What it answered is written beside the time.
 */
export async function measurePlanner(
  input: FloorDayInput,
  bench: BenchContext,
): Promise<{ ms: number; answer: unknown } | null> {
  bench.log('simulate: the quota planner (p90 ≤ 20 minutes, 50 seeds)…');
  const started = performance.now();
  const plan = await planQuota(input, { p90WaitMinutes: 20 }, { seeds: 50 });
  const ms = ms3(performance.now() - started);
  return {
    ms,
    answer: {
      quotaPerWindow: plan.total,
      bookingsPerDay: plan.bookingsPerDay,
      meets: plan.meets,
      binding: plan.binding.code,
      candidates: plan.candidates.length,
    },
  };
}

const summaryOf = (p: PolicySummary) => ({
  waitP50: ms3(p.measures.waitP50.mean),
  waitP90: ms3(p.measures.waitP90.mean),
  waitP90Ci: [p.measures.waitP90.low, p.measures.waitP90.high].map((v) => (v === null ? null : ms3(v))),
  waitMax: ms3(p.measures.waitMax.mean),
  insideWindowShare: ms3(p.measures.insideWindowShare.mean),
  served: ms3(p.measures.served.mean),
  lastServed: ms3(p.measures.lastServed.mean),
  stages: p.stages.map((s) => ({
    stage: s.stage,
    waitP50: ms3(s.waitP50.mean),
    waitP90: ms3(s.waitP90.mean),
    utilisation: ms3(s.utilisation.mean),
  })),
});

export const simulateSection: Section = {
  name: 'simulate',
  async run(bench: BenchContext): Promise<SectionResult> {
    const input = defaultDay();
    const window = resolvePolicy('window', input.calling);
    if (!window) throw new Error('no window policy');

    bench.log(`simulate: one day, ${dayWarmup} warm-up and ${dayRuns} measured runs…`);
    for (let seed = 1; seed <= dayWarmup; seed += 1) runFloorDay(input, window, 10_000 + seed);
    const times: number[] = [];
    for (let seed = 1; seed <= dayRuns; seed += 1) {
      const started = performance.now();
      runFloorDay(input, window, seed);
      times.push(performance.now() - started);
    }
    const day = { runs: dayRuns, warmup: dayWarmup, ...latencyStats(times) };

    // Wall time of the whole run, and until the first seed's answer (a worker's start: tsx
    // registering and the model's modules loading in the thread).
    const replicate = async (threads: number) => {
      const started = performance.now();
      let firstSeedMs = 0;
      await simulateFloorDay(
        input,
        { policies: ['window'], seeds: simulateLimits.replications },
        {
          threads,
          progress: (done) => {
            if (done === 1) firstSeedMs = ms3(performance.now() - started);
          },
        },
      );
      return { ms: ms3(performance.now() - started), firstSeedMs };
    };
    bench.log(`simulate: ${simulateLimits.replications} replications on ${simulateLimits.threads} threads…`);
    const threaded = await replicate(simulateLimits.threads);
    const threadsMs = threaded.ms;
    bench.log(`simulate: ${simulateLimits.replications} replications in one thread…`);
    const oneThread = await replicate(1);
    const oneThreadMs = oneThread.ms;

    bench.log(`simulate: window, fifo and ${variant} on ${simulateLimits.replications} seeds…`);
    const started = performance.now();
    const compared = await simulateFloorDay(
      input,
      { policies: ['window', 'fifo', variant], seeds: simulateLimits.replications },
      { threads: simulateLimits.threads },
    );
    const comparisonMs = ms3(performance.now() - started);
    const policies = Object.fromEntries(compared.policies.map((p) => [p.policy, summaryOf(p)]));
    const p90Ratio = compared.comparison ? ms3(compared.comparison.p90Ratio) : null;
    const insideShare = compared.comparison ? ms3(compared.comparison.windowInsideShare) : null;

    const planner = await measurePlanner(input, bench);
    const simulate = {
      date: simulateDate,
      bookings: input.bookings.length,
      officers: compared.officers,
      day,
      replications: {
        seeds: simulateLimits.replications,
        policy: 'window',
        threads: simulateLimits.threads,
        threadsMs,
        threadsFirstSeedMs: threaded.firstSeedMs,
        oneThreadMs,
        speedup: ms3(oneThreadMs / threadsMs),
      },
      comparison: {
        seeds: simulateLimits.replications,
        threads: simulateLimits.threads,
        ms: comparisonMs,
        p90Ratio,
        windowInsideShare: insideShare,
        fifoInsideShare: compared.comparison ? ms3(compared.comparison.fifoInsideShare) : null,
        policies,
      },
      planner,
    };
    const targets: Record<string, boolean> = {
      simulateDayP99: day.p99 <= simulateLimits.dayMs,
      simulateReplications: threadsMs <= simulateLimits.replicationsMs,
      simulateWindowP90Ratio: p90Ratio !== null && p90Ratio <= simulateLimits.p90Ratio,
      simulateWindowInsideShare: insideShare !== null && insideShare >= simulateLimits.insideShare,
      ...(planner ? { simulatePlanner: planner.ms <= simulateLimits.plannerMs } : {}),
    };
    const line = (name: string, p: ReturnType<typeof summaryOf> | undefined) =>
      p
        ? `  ${name}: wait p50 ${p.waitP50} min, p90 ${p.waitP90} min [${p.waitP90Ci.join(', ')}], inside window + 15 ${Math.round(p.insideWindowShare * 1000) / 10}%, last served minute ${p.lastServed}`
        : `  ${name}: not run`;
    return {
      keys: { simulate },
      targets,
      failures: [],
      summary: [
        `simulate (${simulateDate}, ${input.bookings.length} bookings, officers ${JSON.stringify(compared.officers)}):`,
        `  one day: p50 ${day.p50} ms, p99 ${day.p99} ms (target ≤ ${simulateLimits.dayMs} ms)`,
        `  ${simulateLimits.replications} replications: ${threadsMs} ms on ${simulateLimits.threads} threads (target ≤ ${simulateLimits.replicationsMs} ms; first seed back after ${threaded.firstSeedMs} ms), ${oneThreadMs} ms in one`,
        `  comparison (${simulateLimits.replications} seeds, ${comparisonMs} ms): p90 window/fifo ${p90Ratio} (target ≤ ${simulateLimits.p90Ratio}), window inside + 15 ${insideShare} (target ≥ ${simulateLimits.insideShare})`,
        line('window', policies.window),
        line('fifo', policies.fifo),
        line(variant, policies[variant]),
        planner
          ? `  planner: ${ms3(planner.ms)} ms (target ≤ ${simulateLimits.plannerMs} ms)`
          : '  planner: not measured (not built in this tree)',
      ],
    };
  },
};
