import { z } from 'zod';
import type { Appointment } from '../../domain/appointment.ts';
import type { CalendarDay } from '../../domain/calendar.ts';
import { LoketError } from '../../domain/errors.ts';
import { isValidLocalDate, localDatePattern, minutesOf, type LocalDate } from '../../domain/localTime.ts';
import { closureOn, windowNumberAt, type OfficeConfig } from '../../domain/office.ts';
import {
  floorDayInput,
  floorSimulationLimits,
  runFloorDay,
  type FloorDayInput,
  type FloorDayOutcome,
} from '../../domain/simulation/floorDay.ts';
import { summariseFloorDay, type FloorDaySummary } from '../../domain/simulation/floorSummary.ts';
import { officeDay, type BookableLane } from '../../domain/simulation/officeDay.ts';
import { namedPolicies, resolvePolicy, type ResolvedPolicy } from '../../domain/simulation/policies.ts';
import { runSeeds } from './seeds.ts';

/**
 * The floor-day simulator as a service: a day built from the office's configuration and choices
 * (officers per stage, a quota, a real day's bookings), validated, run under each policy for each
 * seed (in this thread or across worker threads), and summarised. It reads what it is given and
 * writes nothing: the floor's data is never touched here.
 */

export { floorSimulationLimits } from '../../domain/simulation/floorDay.ts';

const bookableLanes = ['regular', 'lansia', 'disabilitas', 'hamil', 'balita'] as const;

export const floorDayChoices = z
  .object({
    date: z
      .string()
      .regex(localDatePattern, 'expected YYYY-MM-DD')
      .refine(isValidLocalDate, 'not a calendar date'),
    officers: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, 'a stage id'),
        z
          .number({ error: 'officers must be a number' })
          .int('officers must be a whole number')
          .min(0, 'officers cannot be negative')
          .max(30, 'at most 30 officers a stage'),
      )
      .optional(),
    /** Bookings per window per lane (a quota); absent: the Denpasar demand, or the day's bookings. */
    bookingsPerWindow: z
      .partialRecord(
        z.enum(bookableLanes),
        z
          .number({ error: 'a quota must be a number' })
          .int('a quota must be a whole number')
          .min(0, 'a quota cannot be negative')
          .max(500, 'at most 500 bookings a window per lane'),
      )
      .optional(),
    /** Simulate the bookings imported for the date instead of generated ones. */
    bookedDay: z.boolean().default(false),
    handoverVisits: z.number().int().min(0).max(5000).optional(),
  })
  .strict();
export type FloorDayChoices = z.input<typeof floorDayChoices>;

export const floorRunChoices = z
  .object({
    policies: z
      .array(z.string())
      .min(1, 'name at least one policy')
      .max(floorSimulationLimits.policies, `at most ${floorSimulationLimits.policies} policies at once`)
      .default(['window', 'fifo']),
    seeds: z
      .number({ error: 'seeds must be a number' })
      .int('seeds must be a whole number')
      .min(1, 'seeds must be at least 1')
      .max(floorSimulationLimits.seeds, `seeds must be at most ${floorSimulationLimits.seeds}`)
      .default(50),
    seed: z.number().int().min(0).max(2_000_000_000).default(1),
  })
  .strict();
export type FloorRunChoices = z.input<typeof floorRunChoices>;

function invalid(field: string, message: string): LoketError {
  return new LoketError(
    'INVALID_INPUT',
    { id: `Masukan simulasi tidak sah (${field}): ${message}`, en: `${field}: ${message}` },
    { field, message },
  );
}

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid(issue?.path.join('.') || 'input', issue?.message ?? 'not valid');
}

/**
 * The simulator's input for a day at this office: its configuration, its calendar, and the
 * choices; the day's imported bookings when `bookedDay` is asked for. A day the office is shut, a
 * stage the office does not have, or a quota beyond the day's windows is refused with what is wrong.
 */
export function floorDayFor(
  source: {
    office: OfficeConfig;
    calendar: readonly CalendarDay[];
    bookingsOf?: (date: LocalDate) => Appointment[];
  },
  request: unknown,
): FloorDayInput {
  const choices = parsed(floorDayChoices, request);
  const { office } = source;
  const closed =
    closureOn(office, choices.date) ?? source.calendar.find((d) => d.date === choices.date)?.name.en;
  if (closed)
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: `Kantor tutup pada ${choices.date} (${closed}); pilih hari kerja.`,
        en: `The office is closed on ${choices.date} (${closed}); pick a working day.`,
      },
      { field: 'date', message: `the office is closed on ${choices.date} (${closed})` },
    );
  const stageIds = office.floor.stages.map((s) => s.id);
  for (const stage of Object.keys(choices.officers ?? {}))
    if (!stageIds.includes(stage))
      throw invalid(`officers.${stage}`, `no stage ${stage}; the stages are ${stageIds.join(', ')}`);
  for (const [stage, count] of Object.entries(choices.officers ?? {}))
    if (count === 0 && stage !== office.pickup.stage)
      throw invalid(`officers.${stage}`, `a stage needs at least 1 officer, or no one is ever served`);
  let bookings: FloorDayInput['bookings'] | undefined;
  if (choices.bookedDay) {
    const day = (source.bookingsOf?.(choices.date) ?? []).filter((b) => b.appointmentDate === choices.date);
    if (!day.length) throw invalid('date', `no bookings are imported for ${choices.date}`);
    bookings = day.map((b) => ({
      window: windowNumberAt(office, choices.date, minutesOf(b.windowStart)),
      lane: b.lane,
      kind: b.applicationKind,
    }));
  }
  const built = officeDay(office, choices.date, source.calendar, {
    ...(choices.officers ? { officers: choices.officers } : {}),
    ...(choices.bookingsPerWindow
      ? { bookingsPerWindow: choices.bookingsPerWindow as Partial<Record<BookableLane, number>> }
      : {}),
    ...(bookings ? { bookings } : {}),
    ...(choices.handoverVisits !== undefined ? { handoverVisits: choices.handoverVisits } : {}),
  });
  return parsed(floorDayInput, built);
}

/** The policies named, resolved over the office's calling; an unknown name is refused with the known ones. */
export function policiesNamed(names: readonly string[], input: FloorDayInput): ResolvedPolicy[] {
  const seen = new Set<string>();
  return names.map((name) => {
    const policy = resolvePolicy(name.trim(), input.calling);
    if (!policy)
      throw invalid(
        'policies',
        `unknown policy ${name}: one of ${namedPolicies.join(', ')}, or ratio-P-R (P and R 1–20)`,
      );
    if (seen.has(policy.id)) throw invalid('policies', `policy ${policy.id} named twice`);
    seen.add(policy.id);
    return policy;
  });
}

export interface FloorRun {
  threads?: number;
  progress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** The most seeds this caller may ask for (the console's bound); the command line's limit otherwise. */
  maxSeeds?: number;
}

/** Runs every policy on the same citizens of each seed and summarises them side by side. */
export async function simulateFloorDay(
  input: FloorDayInput,
  request: unknown,
  run: FloorRun = {},
): Promise<FloorDaySummary> {
  const choices = parsed(floorRunChoices, request);
  const maxSeeds = run.maxSeeds ?? floorSimulationLimits.seeds;
  if (choices.seeds > maxSeeds)
    throw invalid('seeds', `at most ${maxSeeds} seeds here (asked for ${choices.seeds})`);
  const policies = policiesNamed(choices.policies, input);
  const bySeed = await runSeeds<FloorDayOutcome[]>({
    first: choices.seed,
    count: choices.seeds,
    threads: run.threads ?? 1,
    workerData: { model: 'floor', input, policies },
    here: (seed) => policies.map((policy) => runFloorDay(input, policy, seed)),
    progress: run.progress,
    signal: run.signal,
  });
  const byPolicy = policies.map((_, p) => bySeed.map((outcomes) => outcomes[p] as FloorDayOutcome));
  return summariseFloorDay(input, policies, byPolicy, choices.seed);
}
