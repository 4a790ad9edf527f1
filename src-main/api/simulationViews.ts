import { z } from 'zod';
import { bilingualSchema, errorCodes } from '../domain/errors.ts';
import { priorityLaneIds } from '../domain/laneIds.ts';
import { isValidLocalDate, localDatePattern } from '../domain/localTime.ts';
import { floorSimulationLimits } from '../domain/simulation/floorDay.ts';
import { floorMeasures } from '../domain/simulation/floorSummary.ts';
import { namedPolicies } from '../domain/simulation/policies.ts';

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

/** The quota planner on the console: the target the plan must meet, over 2–200 seeds. */
export const startQuotaPlanInput = z
  .object({
    /** A working day of the office; absent: the next working day after today. */
    date: localDate.optional(),
    /** Officers per stage; absent stages keep the counters the floor configuration has. */
    officers: z
      .record(z.string().regex(/^[a-z][a-z0-9_]{1,30}$/), z.number().int().min(0).max(30))
      .optional(),
    /** The p90 of the applicants' whole waiting the plan must keep, minutes. */
    targetP90Minutes: z.number().min(1).max(240),
    /** Of those who came in time, the share called inside their window (+ grace) at least. */
    insideWindowShare: z.number().min(0.5).max(1).default(0.95),
    /** The last applicant served at most this many minutes after closing; absent: not a target. */
    overtimeMinutes: z.number().min(0).max(480).optional(),
    seeds: z.number().int().min(2).max(consoleSeedLimit).default(30),
  })
  .strict();
export type StartQuotaPlanInput = z.infer<typeof startQuotaPlanInput>;

const judgedEstimateView = estimateView.extend({ judged: z.number() });
const planTargets = z.enum(['p90Wait', 'insideWindow', 'promises', 'overtime']);
const laneQuotaView = z.record(z.enum(simulationLanes), z.number().int());
const targetMissView = z.object({
  target: planTargets,
  limit: z.number(),
  judged: z.number(),
  excess: z.number(),
});

/** The figures at a quota: each measure's mean and 95% interval, and the end the target is judged on. */
const planFiguresView = z.object({
  booked: z.number(),
  served: estimateView,
  visitWaitP90: judgedEstimateView,
  waitP90: estimateView,
  insideWindowShare: judgedEstimateView,
  promisesAtRisk: judgedEstimateView,
  overtimeMinutes: judgedEstimateView,
  printerBacklogAtClose: estimateView,
  lastServed: estimateView,
  stages: z.array(z.object({ stage: z.string(), utilisation: estimateView })),
});

/** `QuotaPlan` (services/simulation/quotaPlanner.ts) as the contract carries it: what `loket plan-quota --format json` prints. */
export const quotaPlanView = z.object({
  model: z.literal('plan'),
  date: z.string(),
  officers: z.record(z.string(), z.number()),
  target: z.object({
    p90WaitMinutes: z.number(),
    insideWindowShare: z.number(),
    promisesKept: z.boolean(),
    overtimeMinutes: z.number().nullable(),
  }),
  seeds: z.object({ first: z.number().int(), count: z.number().int() }),
  policy: z.literal('window'),
  judgedOn: z.literal('bound95'),
  laneSplit: z.literal('current-shares'),
  windows: z.number().int(),
  /** The quota now (the office's), and whether it meets the target (null: not judged). */
  current: z.object({ quota: laneQuotaView, total: z.number().int(), meets: z.boolean().nullable() }),
  /** The plan per lane, in the office configuration's format: what `applyQuota` takes. */
  lanes: z.array(z.object({ id: z.enum(simulationLanes), quotaPerWindow: z.number().int() })),
  quota: laneQuotaView,
  total: z.number().int(),
  bookingsPerDay: z.number().int(),
  meets: z.boolean(),
  figures: planFiguresView,
  binding: z.object({
    target: planTargets.nullable(),
    resource: z.enum(['counters', 'printer', 'hours', 'limit']),
    stage: z.string().nullable(),
    code: z.string(),
    message: bilingualSchema,
  }),
  next: z
    .object({
      total: z.number().int(),
      quota: laneQuotaView,
      misses: z.array(targetMissView),
      figures: planFiguresView,
    })
    .nullable(),
  candidates: z.array(
    z.object({
      total: z.number().int(),
      meets: z.boolean(),
      misses: z.array(targetMissView),
    }),
  ),
});
export type QuotaPlanView = z.infer<typeof quotaPlanView>;

/** A quota plan as its officer polls it: candidates judged of at most `total` (each on `seeds` seeds), then the plan. */
export const quotaPlanRunView = z.object({
  runId: z.uuid(),
  state: z.enum(simulationStates),
  done: z.number().int(),
  total: z.number().int(),
  seeds: z.number().int(),
  plan: quotaPlanView.nullable(),
  error: z.object({ code: z.enum(errorCodes), message: bilingualSchema }).nullable(),
});
export type QuotaPlanRunView = z.infer<typeof quotaPlanRunView>;

/** A plan's lanes, applied to the office configuration (audited, `office.updated`). */
export const applyQuotaInput = z
  .object({
    lanes: z
      .array(
        z
          .object({
            id: z.enum(simulationLanes),
            quotaPerWindow: z.number().int().min(0).max(10_000),
          })
          .strict(),
      )
      .min(1)
      .max(simulationLanes.length)
      .refine((lanes) => new Set(lanes.map((l) => l.id)).size === lanes.length, 'a lane named twice'),
  })
  .strict();

/** Each lane's quota before and after, and the officer who applied it. */
export const appliedQuotaView = z.object({
  lanes: z.array(z.object({ id: z.string(), before: z.number().int(), after: z.number().int() })),
  /** False when every lane already had its quota: nothing saved, no event. */
  changed: z.boolean(),
  by: z.object({ username: z.string(), name: z.string() }),
});
export type AppliedQuotaView = z.infer<typeof appliedQuotaView>;
