import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { LoketError, type Bilingual } from '../../domain/errors.ts';
import { runFloorDay, type FloorDayInput } from '../../domain/simulation/floorDay.ts';
import { resolvePolicy, type ResolvedPolicy } from '../../domain/simulation/policies.ts';
import {
  bindingConstraint,
  bookableLanes,
  dayWithQuota,
  judge,
  largestTotal,
  plannerOutcome,
  quotaOfInput,
  quotaTargetSchema,
  searchTotal,
  splitTotal,
  totalOf,
  windowsOf,
  type BindingConstraint,
  type Judgement,
  type LaneQuota,
  type PlanFigures,
  type PlannerOutcome,
  type QuotaTarget,
  type TargetMiss,
} from '../../domain/simulation/quotaPlanner.ts';
import { floorSimulationLimits } from './floorDay.ts';
import { maxSimulationThreads } from './textbookQueue.ts';

/**
 * The quota planner as a service: the largest quota per window (regular and priority lanes in the
 * office's current shares) that meets a target on the window policy over N seeds, with the figures
 * it gives and the constraint that stops a larger one. Each candidate runs on the same seeds, in this
 * thread or across worker threads that live for the whole search. It reads what it is given and
 * writes nothing; applying a plan is `applyQuota` (services/office.ts).
 */

export interface QuotaPlanRun {
  /** Seeds each candidate is judged on (default 50), from `seed` (default 1). */
  seeds?: number;
  seed?: number;
  threads?: number;
  /** The most seeds this caller may ask for (the console's bound); the command line's limit otherwise. */
  maxSeeds?: number;
  /** The stages' names as the office writes them, for the binding constraint's sentence. */
  stageNames?: Record<string, Bilingual>;
  /** After each candidate: how many were judged so far, and the total just judged. */
  progress?: (candidates: number, total: number) => void;
  signal?: AbortSignal;
}

export interface PlanCandidate {
  total: number;
  meets: boolean;
  misses: TargetMiss[];
}

export interface QuotaPlan {
  model: 'plan';
  date: string;
  officers: Record<string, number>;
  target: QuotaTarget;
  /** Every candidate is judged on these seeds under this policy, by the 95% interval's pessimistic end. */
  seeds: { first: number; count: number };
  policy: 'window';
  judgedOn: 'bound95';
  /** The priority lanes keep their share of the current quota; only the total is searched. */
  laneSplit: 'current-shares';
  windows: number;
  current: { quota: LaneQuota; total: number; meets: boolean | null };
  /** The plan: per lane, in the office configuration's format (what `loket simulate --quota` reads). */
  lanes: { id: (typeof bookableLanes)[number]; quotaPerWindow: number }[];
  quota: LaneQuota;
  total: number;
  bookingsPerDay: number;
  /** False when not even an empty day meets the target (the quota is then 0). */
  meets: boolean;
  figures: PlanFigures;
  binding: BindingConstraint;
  /** The first quota too many (best + 1): its figures and the targets it misses. */
  next: { total: number; quota: LaneQuota; misses: TargetMiss[]; figures: PlanFigures } | null;
  candidates: PlanCandidate[];
}

const runChoices = z
  .object({
    seeds: z
      .number({ error: 'seeds must be a number' })
      .int('seeds must be a whole number')
      .min(2, 'seeds must be at least 2 (an interval needs a spread)')
      .max(floorSimulationLimits.seeds, `seeds must be at most ${floorSimulationLimits.seeds}`)
      .default(50),
    seed: z.number().int().min(0).max(2_000_000_000).default(1),
    threads: z
      .number()
      .int('threads must be a whole number')
      .min(1, 'threads must be at least 1')
      .max(maxSimulationThreads, `threads must be at most ${maxSimulationThreads}`)
      .default(1),
  })
  .strip();

function invalid(field: string, message: string): LoketError {
  return new LoketError(
    'INVALID_INPUT',
    { id: `Masukan perencanaan kuota tidak sah (${field}): ${message}`, en: `${field}: ${message}` },
    { field, message },
  );
}

function parsed<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw invalid(
    field ? `${prefix}${field}` : prefix.replace(/\.$/, '') || 'input',
    issue?.message ?? 'not valid',
  );
}

/** Runs a quota's seeds: here, or on worker threads kept for the whole search. */
interface Replicator {
  run(quota: LaneQuota, seeds: number[]): Promise<PlannerOutcome[]>;
  close(): Promise<void>;
}

function here(input: FloorDayInput, policy: ResolvedPolicy, signal?: AbortSignal): Replicator {
  return {
    async run(quota, seeds) {
      const day = dayWithQuota(input, quota);
      const outcomes: PlannerOutcome[] = [];
      for (const seed of seeds) {
        signal?.throwIfAborted();
        outcomes.push(plannerOutcome(runFloorDay(day, policy, seed, { keepVisits: true })));
        // Lets a hub answer other calls between seeds of a long search.
        if (signal) await new Promise((resolve) => setImmediate(resolve));
      }
      return outcomes;
    },
    close: async () => {},
  };
}

function workerPool(
  input: FloorDayInput,
  policy: ResolvedPolicy,
  threads: number,
  signal?: AbortSignal,
): Replicator {
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./quotaPlannerWorker.mjs', import.meta.url), { workerData: { input, policy } }),
  );
  let closed = false;
  // A worker that fails between candidates would leave the next one waiting for ever: remembered.
  let broken: Error | null = null;
  for (const worker of workers) {
    worker.on('error', (error) => (broken ??= error));
    worker.on('exit', (code) => {
      if (!closed) broken ??= new Error(`a quota planner worker stopped early (exit code ${code})`);
    });
  }
  return {
    run(quota, seeds) {
      return new Promise((resolve, reject) => {
        if (broken) return reject(broken);
        const results = new Array<PlannerOutcome>(seeds.length);
        let next = 0;
        let done = 0;
        let over = false;
        const listeners: (() => void)[] = [];
        const finish = (error?: unknown) => {
          if (over) return;
          over = true;
          for (const off of listeners) off();
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve(results);
        };
        const onAbort = () => finish(signal?.reason ?? new Error('the quota plan was stopped'));
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort);
        listeners.push(() => signal?.removeEventListener('abort', onAbort));
        for (const worker of workers) {
          let current = -1;
          const give = () => {
            if (next >= seeds.length) return;
            current = next;
            next += 1;
            worker.postMessage({ quota, seed: seeds[current] });
          };
          const onMessage = (outcome: PlannerOutcome) => {
            results[current] = outcome;
            done += 1;
            if (done === seeds.length) finish();
            else give();
          };
          const onError = (error: unknown) => finish(error);
          const onExit = (code: number) =>
            finish(new Error(`a quota planner worker stopped early (exit code ${code})`));
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
          listeners.push(() => {
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
          });
          give();
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * The largest quota per window that meets `target` on `input`'s day (its officers, breaks, printer,
 * hours and windows; its bookings give only the lanes' shares), judged on the window policy over
 * `run.seeds` seeds by the 95% interval's pessimistic end; with the figures it gives and the
 * constraint that binds. A plain JSON answer.
 */
export async function planQuota(
  input: FloorDayInput,
  targetRequest: unknown,
  run: QuotaPlanRun = {},
): Promise<QuotaPlan> {
  const target = parsed(quotaTargetSchema, targetRequest, 'target.');
  const choices = parsed(runChoices, { seeds: run.seeds, seed: run.seed, threads: run.threads });
  const maxSeeds = run.maxSeeds ?? floorSimulationLimits.seeds;
  if (choices.seeds > maxSeeds)
    throw invalid('seeds', `at most ${maxSeeds} seeds here (asked for ${choices.seeds})`);
  const policy = resolvePolicy('window', input.calling) as ResolvedPolicy;
  const current = quotaOfInput(input);
  const max = largestTotal(input);
  const seeds = Array.from({ length: choices.seeds }, (_, i) => choices.seed + i);
  const threads = Math.min(choices.threads, choices.seeds);
  const replicator =
    threads > 1 ? workerPool(input, policy, threads, run.signal) : here(input, policy, run.signal);
  let judged = 0;
  let search;
  try {
    search = await searchTotal(totalOf(current), max, async (total) => {
      const quota = splitTotal(current, total);
      const judgement = judge(await replicator.run(quota, seeds), target, quota);
      judged += 1;
      run.progress?.(judged, total);
      return judgement;
    });
  } finally {
    await replicator.close();
  }
  const chosen = search.best ?? (search.next as Judgement);
  const quota = search.best ? search.best.quota : splitTotal(current, 0);
  const windows = windowsOf(input);
  return {
    model: 'plan',
    date: input.date,
    officers: Object.fromEntries(input.stages.map((s) => [s.id, s.officers])),
    target,
    seeds: { first: choices.seed, count: choices.seeds },
    policy: 'window',
    judgedOn: 'bound95',
    laneSplit: 'current-shares',
    windows,
    current: {
      quota: current,
      total: totalOf(current),
      meets: search.tried.find((j) => j.total === totalOf(current))?.meets ?? null,
    },
    lanes: bookableLanes.map((id) => ({ id, quotaPerWindow: quota[id] })),
    quota,
    total: totalOf(quota),
    bookingsPerDay: totalOf(quota) * windows,
    meets: search.best !== null,
    figures: chosen.figures,
    binding: bindingConstraint(search, max, run.stageNames),
    next: search.next
      ? {
          total: search.next.total,
          quota: search.next.quota,
          misses: search.next.misses,
          figures: search.next.figures,
        }
      : null,
    candidates: search.tried.map((j) => ({ total: j.total, meets: j.meets, misses: j.misses })),
  };
}
