import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CalendarDay } from '../../domain/calendar.ts';
import { isLoketError, LoketError, type Bilingual } from '../../domain/errors.ts';
import { localDateOf, minutesOf, plusDays, type LocalDate } from '../../domain/localTime.ts';
import { closureOn, openingHoursOn, type OfficeConfig } from '../../domain/office.ts';
import type { FloorDayInput } from '../../domain/simulation/floorDay.ts';
import type { FloorDaySummary } from '../../domain/simulation/floorSummary.ts';
import { applicantStages, denpasarBookingsPerWindow, quotaOf } from '../../domain/simulation/officeDay.ts';
import { namedPolicies, resolvePolicy } from '../../domain/simulation/policies.ts';
import {
  largestTotal,
  quotaOfInput,
  searchTotal,
  totalOf,
  type Judgement,
  type QuotaTargetRequest,
} from '../../domain/simulation/quotaPlanner.ts';
import { closedDaysReadOnly } from '../calendar.ts';
import type { ServiceContext } from '../context.ts';
import { floorDayFor, floorSimulationLimits, policiesNamed, simulateFloorDay } from './floorDay.ts';
import { planQuota, type QuotaPlan } from './quotaPlanner.ts';

/**
 * The supervisor console's Simulator: a floor day started from the console, run on the hub beside
 * the floor (worker threads, so no check-in waits for it), polled for its progress and answer, and
 * kept in the hub's memory only. It reads the office's configuration, calendar and bookings (window
 * and lane, never a name) and writes nothing: no row, no event. The quota planner runs the same way
 * (one run per officer, whichever kind); applying its plan is `applyQuota` (services/office.ts).
 */

/** The first day from `from` on that the office is open (the calendar's closed days and closures skipped). */
export function firstWorkingDayFrom(
  office: OfficeConfig,
  calendar: readonly CalendarDay[],
  from: LocalDate,
): LocalDate {
  let date = from;
  for (let i = 0; i < 60 && (closureOn(office, date) || calendar.some((d) => d.date === date)); i += 1)
    date = plusDays(date, 1);
  return date;
}

/** The office's configuration and closed days from last year to two years on, read without writing. */
function daySource(ctx: ServiceContext) {
  const office = ctx.store.office.get();
  const year = Number(localDateOf(ctx.clock.now(), office.timeZone).slice(0, 4));
  return { office, calendar: closedDaysReadOnly(ctx, year - 1, year + 2) };
}

/** The day the console simulates when none is named: the next working day after today. */
function nextWorkingDay(ctx: ServiceContext, office: OfficeConfig, calendar: readonly CalendarDay[]) {
  return firstWorkingDayFrom(office, calendar, plusDays(localDateOf(ctx.clock.now(), office.timeZone), 1));
}

/** What the console's form starts from. */
export function simulationChoices(ctx: ServiceContext) {
  const { office, calendar } = daySource(ctx);
  const date = nextWorkingDay(ctx, office, calendar);
  const hours = openingHoursOn(office, date);
  const windows = hours
    ? Math.ceil((minutesOf(hours.close) - minutesOf(hours.open)) / office.windowMinutes)
    : 0;
  const counters = (stage: string) => office.floor.counters.filter((c) => c.stages.includes(stage)).length;
  const stageIds = [...applicantStages(office), office.pickup.stage];
  return {
    date,
    stages: stageIds.flatMap((id) => {
      const stage = office.floor.stages.find((s) => s.id === id);
      return stage ? [{ id, name: stage.name, officers: counters(id) }] : [];
    }),
    bookingsPerWindow: denpasarBookingsPerWindow,
    windows,
    policies: namedPolicies.map((id) => ({
      id,
      label: resolvePolicy(id, office.floor.calling)?.label ?? { id, en: id },
    })),
    defaultPolicies: ['window', 'fifo'] as ('window' | 'fifo')[],
    seeds: 50,
    maxSeeds: floorSimulationLimits.consoleSeeds,
  };
}

export interface ConsoleRunRequest {
  date?: string | undefined;
  policies: string[];
  officers?: Record<string, number> | undefined;
  bookingsPerWindow?: Partial<Record<string, number>> | undefined;
  bookedDay: boolean;
  seeds: number;
}

/**
 * Starts a run for the officer: the day is built and checked here, before anything runs, so a
 * closed day, an unknown stage or an empty imported day is refused at once with what is wrong.
 */
export function startConsoleSimulation(
  ctx: ServiceContext,
  officerId: string,
  request: ConsoleRunRequest,
): ConsoleRunView {
  const runs = consoleRuns(ctx);
  const { office, calendar } = daySource(ctx);
  const date = request.date ?? nextWorkingDay(ctx, office, calendar);
  const input = floorDayFor(
    { office, calendar, bookingsOf: (day) => ctx.store.bookings.fromDate(day) },
    {
      date,
      ...(request.officers ? { officers: request.officers } : {}),
      ...(request.bookingsPerWindow ? { bookingsPerWindow: request.bookingsPerWindow } : {}),
      bookedDay: request.bookedDay,
    },
  );
  policiesNamed(request.policies, input);
  return runs.start(officerId, input, { policies: request.policies, seeds: request.seeds });
}

export interface ConsolePlanRequest {
  date?: string | undefined;
  officers?: Record<string, number> | undefined;
  target: QuotaTargetRequest;
  seeds: number;
}

/**
 * Starts a quota plan for the officer: the day as the office has it (its officers, or those asked
 * for; its current quota gives the lanes' shares), checked here before anything runs.
 */
export function startConsolePlan(
  ctx: ServiceContext,
  officerId: string,
  request: ConsolePlanRequest,
): ConsolePlanView {
  const runs = consoleRuns(ctx);
  const { office, calendar } = daySource(ctx);
  const date = request.date ?? nextWorkingDay(ctx, office, calendar);
  const input = floorDayFor(
    { office, calendar },
    {
      date,
      bookingsPerWindow: quotaOf(office),
      ...(request.officers ? { officers: request.officers } : {}),
    },
  );
  return runs.startPlan(officerId, input, {
    target: request.target,
    seeds: request.seeds,
    stageNames: Object.fromEntries(office.floor.stages.map((s) => [s.id, s.name])),
  });
}

/** The hub's runs; a runtime without them (a station's replica) has none to start or show. */
export function consoleRuns(ctx: ServiceContext): ConsoleSimulations {
  if (!ctx.simulations)
    throw new LoketError('CONFLICT', {
      id: 'Simulator hanya berjalan di hub lantai.',
      en: 'The simulator runs on the floor hub only.',
    });
  // Only the hub sets it, and it sets a ConsoleSimulations (hub/server.ts).
  return ctx.simulations as ConsoleSimulations;
}

export type ConsoleRunState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ConsoleRunView {
  runId: string;
  state: ConsoleRunState;
  done: number;
  total: number;
  summary: FloorDaySummary | null;
  error: { code: LoketError['code']; message: { id: string; en: string } } | null;
}

/** A quota plan as its officer polls it: candidates judged (each on `seeds` seeds) of at most `total`, then the plan. */
export interface ConsolePlanView {
  runId: string;
  state: ConsoleRunState;
  done: number;
  total: number;
  seeds: number;
  plan: QuotaPlan | null;
  error: ConsoleRunView['error'];
}

type RunKind = 'floor' | 'plan';

interface ConsoleRun extends ConsoleRunView {
  kind: RunKind;
  seeds: number;
  plan: QuotaPlan | null;
  officerId: string;
  stop: AbortController;
  dropTimer: ReturnType<typeof setTimeout> | null;
}

export interface ConsoleSimulationOptions {
  /** Worker threads per run (2 on the hub); 1 runs in the hub's thread, a seed at a time. */
  threads?: number;
  /** How long a finished run waits for its officer before it is dropped (10 minutes). */
  keepMs?: number;
  /** Runs at once on the hub, all officers together (2). */
  maxRunning?: number;
}

/** Where the simulation workers live: absent from a bundle that left them out (then runs stay in this thread). */
const workerPresent = fs.existsSync(fileURLToPath(new URL('./replicationWorker.mjs', import.meta.url)));
const plannerWorkerPresent = fs.existsSync(
  fileURLToPath(new URL('./quotaPlannerWorker.mjs', import.meta.url)),
);

/** `candidatesAtMost`'s answers, by start and largest total: the same office asks the same again. */
const candidateBounds = new Map<string, number>();

/**
 * The most candidates the planner's search judges from the current total `start` up to `max`,
 * whatever total turns out to be the largest that meets the target (the search itself replayed for
 * each possible answer): the progress bar's end. It lets the hub answer other calls as it goes.
 */
export async function candidatesAtMost(start: number, max: number): Promise<number> {
  const key = `${start}/${max}`;
  const known = candidateBounds.get(key);
  if (known !== undefined) return known;
  let most = 0;
  for (let threshold = 0; threshold <= max + 1; threshold += 1) {
    const search = await searchTotal(
      start,
      max,
      async (total) => ({ total, meets: total < threshold }) as Judgement,
    );
    most = Math.max(most, search.tried.length);
    if (threshold % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
  }
  candidateBounds.set(key, most);
  return most;
}

/**
 * The hub's runs, in memory: one at a time per officer, whichever kind (a new start stops the
 * officer's earlier run), at most `maxRunning` on the hub, each visible to its own officer only,
 * each dropped `keepMs` after it ends whether or not anyone came back for it.
 */
export class ConsoleSimulations {
  readonly #runs = new Map<string, ConsoleRun>();
  readonly #threads: number;
  readonly #plannerThreads: number;
  readonly #keepMs: number;
  readonly #maxRunning: number;

  constructor(options: ConsoleSimulationOptions = {}) {
    this.#threads = workerPresent ? (options.threads ?? 2) : 1;
    this.#plannerThreads = plannerWorkerPresent ? (options.threads ?? 2) : 1;
    this.#keepMs = options.keepMs ?? 10 * 60_000;
    this.#maxRunning = options.maxRunning ?? 2;
  }

  start(officerId: string, input: FloorDayInput, choices: { policies: string[]; seeds: number }) {
    const run = this.#launch(officerId, 'floor', choices.seeds, choices.seeds);
    this.#follow(
      run,
      simulateFloorDay(
        input,
        { policies: choices.policies, seeds: choices.seeds },
        {
          threads: this.#threads,
          maxSeeds: floorSimulationLimits.consoleSeeds,
          signal: run.stop.signal,
          progress: (done) => {
            if (run.state === 'running') run.done = done;
          },
        },
      ).then((summary) => {
        run.summary = summary;
      }),
      'Simulasi berhenti karena kesalahan di hub.',
      'The simulation stopped on an error at the hub.',
    );
    return viewOf(run);
  }

  /**
   * Starts the quota planner for the officer: the target is checked before anything runs (a bad
   * one is refused at once); the progress is the candidates judged, each on `seeds` seeds.
   */
  startPlan(
    officerId: string,
    input: FloorDayInput,
    choices: { target: QuotaTargetRequest; seeds: number; stageNames?: Record<string, Bilingual> },
  ): ConsolePlanView {
    const max = largestTotal(input);
    const start = Math.min(max, totalOf(quotaOfInput(input)));
    // The bar's end: the most candidates the search can judge from here (about a dozen).
    const run = this.#launch(officerId, 'plan', 2 * Math.ceil(Math.log2(max + 2)) + 2, choices.seeds);
    const work = candidatesAtMost(start, max).then((most) => {
      run.stop.signal.throwIfAborted();
      run.total = most;
      return planQuota(input, choices.target, {
        seeds: choices.seeds,
        threads: Math.min(this.#plannerThreads, choices.seeds),
        maxSeeds: floorSimulationLimits.consoleSeeds,
        ...(choices.stageNames ? { stageNames: choices.stageNames } : {}),
        signal: run.stop.signal,
        progress: (candidates) => {
          if (run.state !== 'running') return;
          run.done = candidates;
          run.total = Math.max(run.total, candidates);
        },
      });
    });
    this.#follow(
      run,
      work.then((plan) => {
        run.plan = plan;
        // The search is over: the bar is full whatever its bound was.
        run.total = run.done = plan.candidates.length;
      }),
      'Perencanaan kuota berhenti karena kesalahan di hub.',
      'The quota planner stopped on an error at the hub.',
    );
    return planViewOf(run);
  }

  /** The officer's run, as it stands. */
  view(officerId: string, runId: string): ConsoleRunView {
    return viewOf(this.#own(officerId, runId, 'floor'));
  }

  /** Stops the officer's run between two seeds; a run already over is answered as it is. */
  cancel(officerId: string, runId: string): ConsoleRunView {
    const run = this.#own(officerId, runId, 'floor');
    if (run.state === 'running') this.#end(run, 'cancelled');
    return viewOf(run);
  }

  /** The officer's quota plan, as it stands. */
  planView(officerId: string, runId: string): ConsolePlanView {
    return planViewOf(this.#own(officerId, runId, 'plan'));
  }

  /** Stops the officer's quota plan between two seeds; a plan already over is answered as it is. */
  cancelPlan(officerId: string, runId: string): ConsolePlanView {
    const run = this.#own(officerId, runId, 'plan');
    if (run.state === 'running') this.#end(run, 'cancelled');
    return planViewOf(run);
  }

  /** Runs still running (for the hub's log and tests). */
  get running(): number {
    return [...this.#runs.values()].filter((r) => r.state === 'running').length;
  }

  /** The hub closes: every run stops, nothing is kept. */
  close(): void {
    for (const run of this.#runs.values()) {
      if (run.state === 'running') run.stop.abort(new Error('the hub is closing'));
      if (run.dropTimer) clearTimeout(run.dropTimer);
    }
    this.#runs.clear();
  }

  /** A new run for the officer (their earlier one stopped), refused when the hub is busy with others'. */
  #launch(officerId: string, kind: RunKind, total: number, seeds: number): ConsoleRun {
    for (const run of this.#runs.values())
      if (run.officerId === officerId && run.state === 'running') this.#end(run, 'cancelled');
    const running = [...this.#runs.values()].filter((r) => r.state === 'running').length;
    if (running >= this.#maxRunning)
      throw new LoketError(
        'CONFLICT',
        {
          id: `${running} simulasi petugas lain sedang berjalan di hub; coba lagi setelah selesai.`,
          en: `${running} other officers' simulations are running on the hub; try again once they finish.`,
        },
        { running },
      );
    const run: ConsoleRun = {
      runId: randomUUID(),
      kind,
      officerId,
      state: 'running',
      done: 0,
      total,
      seeds,
      summary: null,
      plan: null,
      error: null,
      stop: new AbortController(),
      dropTimer: null,
    };
    this.#runs.set(run.runId, run);
    return run;
  }

  /** Ends the run when its work does: done, or failed with the hub's words. */
  #follow(run: ConsoleRun, work: Promise<void>, failedId: string, failedEn: string): void {
    work.then(
      () => {
        if (run.state === 'running') this.#end(run, 'done');
      },
      (error: unknown) => {
        if (run.state !== 'running') return;
        run.error = isLoketError(error)
          ? { code: error.code, message: error.text }
          : { code: 'INTERNAL', message: { id: failedId, en: failedEn } };
        this.#end(run, 'failed');
      },
    );
  }

  #own(officerId: string, runId: string, kind: RunKind): ConsoleRun {
    const run = this.#runs.get(runId);
    if (!run || run.officerId !== officerId || run.kind !== kind)
      throw new LoketError('NOT_FOUND', {
        id: 'Simulasi ini tidak ada lagi di hub (sudah lama selesai, atau hub dimulai ulang). Jalankan lagi.',
        en: 'This simulation is no longer on the hub (it ended a while ago, or the hub restarted). Run it again.',
      });
    return run;
  }

  #end(run: ConsoleRun, state: Exclude<ConsoleRunState, 'running'>): void {
    run.state = state;
    if (state === 'cancelled') run.stop.abort(new Error('the simulation was stopped'));
    run.dropTimer = setTimeout(() => this.#runs.delete(run.runId), this.#keepMs);
    run.dropTimer.unref();
  }
}

function viewOf(run: ConsoleRun): ConsoleRunView {
  const { runId, state, done, total, summary, error } = run;
  return { runId, state, done, total, summary, error };
}

function planViewOf(run: ConsoleRun): ConsolePlanView {
  const { runId, state, done, total, seeds, plan, error } = run;
  return { runId, state, done, total, seeds, plan, error };
}
