import { z } from 'zod';
import { bilingualSchema, errorCodes } from '../domain/errors.ts';
import { priorityLaneIds } from '../domain/laneIds.ts';
import { isValidLocalDate, localDatePattern } from '../domain/localTime.ts';
import { floorMeasures } from '../domain/simulation/floorSummary.ts';
import { namedPolicies } from '../domain/simulation/policies.ts';
import { floorSimulationLimits } from '../services/simulation/floorDay.ts';

/**
 * The supervisor console's Simulator (issue 23): what a run is asked with, and the run as the
 * console polls it (progress, then the policies side by side). A run reads the office's
 * configuration, calendar and bookings and writes nothing; its answer names no citizen.
 */

const localDate = z.string().regex(localDatePattern).refine(isValidLocalDate, 'not a calendar date');

export const simulationLanes = ['regular', ...priorityLaneIds] as const;

/** The console's bound on seeds: a bigger run is the command line's (`loket simulate`). */
export const consoleSeedLimit = floorSimulationLimits.consoleSeeds;

export const startSimulationInput = z
  .object({
    /** A working day of the office; absent: the next working day after today. */
    date: localDate.optional(),
    policies: z
      .array(z.enum(namedPolicies))
      .min(1)
      .max(namedPolicies.length)
      .refine((p) => new Set(p).size === p.length, 'a policy named twice')
      .default(['window', 'fifo']),
    /** Officers per stage; absent stages keep the counters the floor configuration has. */
    officers: z
      .record(z.string().regex(/^[a-z][a-z0-9_]{1,30}$/), z.number().int().min(0).max(30))
      .optional(),
    /** Bookings per arrival window per lane; absent: the Denpasar demand (docs/simulation.md). */
    bookingsPerWindow: z.partialRecord(z.enum(simulationLanes), z.number().int().min(0).max(500)).optional(),
    /** The bookings imported for the date instead of generated ones (window and lane only). */
    bookedDay: z.boolean().default(false),
    seeds: z.number().int().min(1).max(consoleSeedLimit).default(50),
  })
  .strict()
  .refine((r) => !(r.bookedDay && r.bookingsPerWindow), {
    message: 'the imported bookings or a quota, not both',
    path: ['bookingsPerWindow'],
  });
export type StartSimulationInput = z.infer<typeof startSimulationInput>;

export const simulationRunInput = z.object({ runId: z.uuid() }).strict();

/** What the form starts from: the hub's next working day, the floor's officers, the Denpasar demand. */
export const simulationChoicesView = z.object({
  date: z.string(),
  stages: z.array(z.object({ id: z.string(), name: bilingualSchema, officers: z.number().int() })),
  bookingsPerWindow: z.record(z.enum(simulationLanes), z.number().int()),
  windows: z.number().int(),
  policies: z.array(z.object({ id: z.enum(namedPolicies), label: bilingualSchema })),
  defaultPolicies: z.array(z.enum(namedPolicies)),
  seeds: z.number().int(),
  maxSeeds: z.number().int(),
});
export type SimulationChoicesView = z.infer<typeof simulationChoicesView>;

const estimateView = z.object({
  mean: z.number(),
  halfWidth: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type EstimateView = z.infer<typeof estimateView>;

const policySummaryView = z.object({
  policy: z.string(),
  label: bilingualSchema,
  measures: z.record(z.enum(floorMeasures), estimateView),
  stages: z.array(
    z.object({ stage: z.string(), waitP50: estimateView, waitP90: estimateView, utilisation: estimateView }),
  ),
  handover: z.object({ waitP50: estimateView, waitP90: estimateView, utilisation: estimateView }).nullable(),
  queueLength: z.array(z.object({ minute: z.number(), mean: z.number() })),
  waitDistribution: z.array(z.object({ from: z.number(), to: z.number().nullable(), share: z.number() })),
});

/** `FloorDaySummary` (domain/simulation/floorSummary.ts) as the contract carries it. */
export const floorDaySummaryView = z.object({
  model: z.literal('floor'),
  date: z.string(),
  open: z.number(),
  close: z.number(),
  bookings: z.number().int(),
  officers: z.record(z.string(), z.number()),
  seeds: z.object({ first: z.number().int(), count: z.number().int() }),
  policies: z.array(policySummaryView),
  comparison: z
    .object({ p90Ratio: z.number(), windowInsideShare: z.number(), fifoInsideShare: z.number() })
    .nullable(),
});
export type FloorDaySummaryView = z.infer<typeof floorDaySummaryView>;

export const simulationStates = ['running', 'done', 'failed', 'cancelled'] as const;

/** A run as its officer polls it: seeds done of the total, then the summary or why it stopped. */
export const simulationRunView = z.object({
  runId: z.uuid(),
  state: z.enum(simulationStates),
  done: z.number().int(),
  total: z.number().int(),
  summary: floorDaySummaryView.nullable(),
  error: z.object({ code: z.enum(errorCodes), message: bilingualSchema }).nullable(),
});
export type SimulationRunView = z.infer<typeof simulationRunView>;
