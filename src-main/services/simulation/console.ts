import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CalendarDay } from '../../domain/calendar.ts';
import { isLoketError, LoketError } from '../../domain/errors.ts';
import { localDateOf, minutesOf, plusDays, type LocalDate } from '../../domain/localTime.ts';
import { closureOn, openingHoursOn, type OfficeConfig } from '../../domain/office.ts';
import type { FloorDayInput } from '../../domain/simulation/floorDay.ts';
import type { FloorDaySummary } from '../../domain/simulation/floorSummary.ts';
import { applicantStages, denpasarBookingsPerWindow } from '../../domain/simulation/officeDay.ts';
import { namedPolicies, resolvePolicy } from '../../domain/simulation/policies.ts';
import { closedDaysReadOnly } from '../calendar.ts';
import type { ServiceContext } from '../context.ts';
import { floorDayFor, floorSimulationLimits, policiesNamed, simulateFloorDay } from './floorDay.ts';

/**
 * The supervisor console's Simulator: a floor day started from the console, run on the hub beside
 * the floor (worker threads, so no check-in waits for it), polled for its progress and answer, and
 * kept in the hub's memory only. It reads the office's configuration, calendar and bookings (window
 * and lane, never a name) and writes nothing: no row, no event.
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

/** The hub's runs; a runtime without them (a station's replica) has none to start or show. */
export function consoleRuns(ctx: ServiceContext): ConsoleSimulations {
  if (!ctx.simulations)
    throw new LoketError('CONFLICT', {
      id: 'Simulator hanya berjalan di hub lantai.',
      en: 'The simulator runs on the floor hub only.',
    });
  return ctx.simulations;
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

interface ConsoleRun extends ConsoleRunView {
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

/** Where the simulation worker lives: absent from a bundle that left it out (then runs stay in this thread). */
const workerPresent = fs.existsSync(fileURLToPath(new URL('./replicationWorker.mjs', import.meta.url)));

/**
 * The hub's runs, in memory: one at a time per officer (a new start stops the officer's earlier
 * run), at most `maxRunning` on the hub, each visible to its own officer only, each dropped
 * `keepMs` after it ends whether or not anyone came back for it.
 */
export class ConsoleSimulations {
  readonly #runs = new Map<string, ConsoleRun>();
  readonly #threads: number;
  readonly #keepMs: number;
  readonly #maxRunning: number;

  constructor(options: ConsoleSimulationOptions = {}) {
    this.#threads = workerPresent ? (options.threads ?? 2) : 1;
    this.#keepMs = options.keepMs ?? 10 * 60_000;
    this.#maxRunning = options.maxRunning ?? 2;
  }

  start(officerId: string, input: FloorDayInput, choices: { policies: string[]; seeds: number }) {
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
      officerId,
      state: 'running',
      done: 0,
      total: choices.seeds,
      summary: null,
      error: null,
      stop: new AbortController(),
      dropTimer: null,
    };
    this.#runs.set(run.runId, run);
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
    ).then(
      (summary) => {
        if (run.state !== 'running') return;
        run.summary = summary;
        this.#end(run, 'done');
      },
      (error: unknown) => {
        if (run.state !== 'running') return;
        run.error = isLoketError(error)
          ? { code: error.code, message: error.text }
          : {
              code: 'INTERNAL',
              message: {
                id: 'Simulasi berhenti karena kesalahan di hub.',
                en: 'The simulation stopped on an error at the hub.',
              },
            };
        this.#end(run, 'failed');
      },
    );
    return viewOf(run);
  }

  /** The officer's run, as it stands. */
  view(officerId: string, runId: string): ConsoleRunView {
    return viewOf(this.#own(officerId, runId));
  }

  /** Stops the officer's run between two seeds; a run already over is answered as it is. */
  cancel(officerId: string, runId: string): ConsoleRunView {
    const run = this.#own(officerId, runId);
    if (run.state === 'running') this.#end(run, 'cancelled');
    return viewOf(run);
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

  #own(officerId: string, runId: string): ConsoleRun {
    const run = this.#runs.get(runId);
    if (!run || run.officerId !== officerId)
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
