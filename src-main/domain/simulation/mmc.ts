import { z } from 'zod';
import { estimate, type Estimate } from './confidence.ts';
import { erlangC, isStable, utilisationOf, type ErlangC } from './erlang.ts';
import { EventQueue } from './events.ts';
import { randomStreams, type RandomStream } from './random.ts';

/**
 * The textbook queue: one stage, c counters, arrivals at λ per minute (Poisson, or one every 1/λ
 * minutes), service at μ per minute per counter (exponential, or exactly 1/μ minutes), first come
 * first served, for a run of `minutes` of which the first `warmup` are not measured. For validating
 * the simulator against Erlang C and for teaching; the floor day is another model.
 */
export const simulationModels = ['mmc'] as const;
export const serviceKinds = ['exponential', 'deterministic'] as const;
export const arrivalKinds = ['poisson', 'deterministic'] as const;

/** How big a run may be: every replication's customers are simulated one by one, in memory. */
export const mmcLimits = {
  counters: 50,
  minutes: 10_000_000,
  seeds: 1000,
  rate: 1000,
  /** Arrivals expected over all replications (λ × minutes × seeds): about a minute's work at most. */
  arrivals: 50_000_000,
  /** Arrivals expected in the measured part of one run (λ × (minutes − warm-up)): enough to measure. */
  measuredArrivals: 10,
} as const;

const rate = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .finite(`${what} must be a finite number`)
    .positive(`${what} must be a rate above 0 per minute`)
    .max(mmcLimits.rate, `${what} must be at most ${mmcLimits.rate} per minute`);

export const mmcInput = z
  .object({
    lambda: rate('the arrival rate λ'),
    mu: rate('the service rate μ'),
    counters: z
      .number({ error: 'counters must be a number' })
      .int('counters must be a whole number')
      .min(1, 'counters must be at least 1')
      .max(mmcLimits.counters, `counters must be at most ${mmcLimits.counters}`),
    minutes: z
      .number({ error: 'minutes must be a number' })
      .finite('minutes must be a finite number')
      .positive('minutes must be above 0')
      .max(mmcLimits.minutes, `minutes must be at most ${mmcLimits.minutes.toLocaleString('en')}`),
    warmup: z
      .number({ error: 'warm-up must be a number' })
      .finite('warm-up must be a finite number')
      .min(0, 'warm-up must be 0 or more minutes')
      .default(0),
    seeds: z
      .number({ error: 'seeds must be a number' })
      .int('seeds must be a whole number')
      .min(1, 'seeds must be at least 1')
      .max(mmcLimits.seeds, `seeds must be at most ${mmcLimits.seeds}`),
    seed: z
      .number({ error: 'the first seed must be a number' })
      .int('the first seed must be a whole number')
      .min(0, 'the first seed must be 0 or more')
      .max(2_000_000_000, 'the first seed must be at most 2000000000')
      .default(1),
    service: z
      .enum(serviceKinds, { error: `service must be one of ${serviceKinds.join(', ')}` })
      .default('exponential'),
    arrivals: z
      .enum(arrivalKinds, { error: `arrivals must be one of ${arrivalKinds.join(', ')}` })
      .default('poisson'),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.warmup >= input.minutes)
      context.addIssue({
        code: 'custom',
        path: ['warmup'],
        message: `the warm-up (${input.warmup} minutes) must be shorter than the run (${input.minutes} minutes)`,
      });
    else if (input.lambda * (input.minutes - input.warmup) < mmcLimits.measuredArrivals)
      context.addIssue({
        code: 'custom',
        path: ['minutes'],
        message: `too short to measure: λ × (minutes − warm-up) expects fewer than ${mmcLimits.measuredArrivals} customers`,
      });
    const expected = input.lambda * input.minutes * input.seeds;
    if (expected > mmcLimits.arrivals)
      context.addIssue({
        code: 'custom',
        path: ['seeds'],
        message: `too big a run: λ × minutes × seeds expects ${Math.round(expected).toLocaleString('en')} customers, at most ${mmcLimits.arrivals.toLocaleString('en')} (fewer minutes or seeds)`,
      });
  });

export type MmcInput = z.output<typeof mmcInput>;

/** One replication's measures, over the measured part of the run (after the warm-up). */
export interface MmcReplication {
  seed: number;
  /** Customers who arrived after the warm-up and began service before the close. */
  measured: number;
  /** Their mean wait in queue, minutes (Wq). */
  meanWait: number;
  /** The share of them who waited at all (P(W > 0)). */
  probabilityOfWaiting: number;
  /** Busy counter-minutes / (c × measured minutes). */
  utilisation: number;
  /** The time-average number waiting (Lq). */
  meanQueueLength: number;
  /** Services finished after the warm-up. */
  served: number;
  /** Still waiting when the run ends: grows with the run when ρ ≥ 1. */
  waitingAtClose: number;
}

/** One customer, arrival and wait, when a trace is asked for (tests, teaching). */
export interface MmcCustomer {
  arrival: number;
  wait: number;
}

type Happening = 'arrival' | 'departure';

/**
 * Runs one replication from `seed`. Arrivals and service draw from separate streams, so a seed's
 * arrivals are the same whatever the service. With `trace`, every measured customer is returned.
 */
export function runMmcReplication(
  input: MmcInput,
  seed: number,
  trace = false,
): MmcReplication & { customers?: MmcCustomer[] } {
  const [arrivalStream, serviceStream] = randomStreams(seed, 2) as [RandomStream, RandomStream];
  const { lambda, mu, counters, minutes: end, warmup } = input;
  const interarrival =
    input.arrivals === 'poisson' ? () => arrivalStream.exponential(lambda) : () => 1 / lambda;
  const serviceTime = input.service === 'exponential' ? () => serviceStream.exponential(mu) : () => 1 / mu;

  const events = new EventQueue<Happening>();
  const waiting: number[] = [];
  let head = 0;
  let busy = 0;
  let last = 0;
  let busyArea = 0;
  let queueArea = 0;
  let measured = 0;
  let waited = 0;
  let waitSum = 0;
  let served = 0;
  const customers: MmcCustomer[] = [];

  // Time-weighted areas over [warmup, end] only.
  const advance = (to: number) => {
    const from = Math.max(last, warmup);
    const upTo = Math.min(to, end);
    if (upTo > from) {
      busyArea += busy * (upTo - from);
      queueArea += (waiting.length - head) * (upTo - from);
    }
    last = to;
  };
  const start = (arrival: number, now: number) => {
    if (arrival >= warmup) {
      const wait = now - arrival;
      measured += 1;
      waitSum += wait;
      if (wait > 0) waited += 1;
      if (trace) customers.push({ arrival, wait });
    }
    events.schedule(now + serviceTime(), 'departure');
  };

  events.schedule(interarrival(), 'arrival');
  for (let next = events.next(); next && next.at <= end; next = events.next()) {
    const now = next.at;
    advance(now);
    if (next.event === 'arrival') {
      events.schedule(now + interarrival(), 'arrival');
      if (busy < counters) {
        busy += 1;
        start(now, now);
      } else waiting.push(now);
    } else {
      if (now >= warmup) served += 1;
      if (head < waiting.length) {
        start(waiting[head] as number, now);
        head += 1;
        // Drop the served front now and then, so a long run holds only who still waits.
        if (head > 4096 && head * 2 > waiting.length) {
          waiting.splice(0, head);
          head = 0;
        }
      } else busy -= 1;
    }
  }
  advance(end);
  const span = end - warmup;
  return {
    seed,
    measured,
    meanWait: measured ? waitSum / measured : 0,
    probabilityOfWaiting: measured ? waited / measured : 0,
    utilisation: busyArea / (counters * span),
    meanQueueLength: queueArea / span,
    served,
    waitingAtClose: waiting.length - head,
    ...(trace ? { customers } : {}),
  };
}

export const mmcMeasures = [
  'meanWait',
  'probabilityOfWaiting',
  'utilisation',
  'meanQueueLength',
  'served',
  'waitingAtClose',
] as const;
export type MmcMeasure = (typeof mmcMeasures)[number];

export interface MmcSummary {
  model: 'mmc';
  input: MmcInput;
  /** ρ = λ/(cμ) as offered; ≥ 1 means the queue grows through the run. */
  offeredUtilisation: number;
  stable: boolean;
  replications: number;
  /** Each measure's mean across replications, its 95% interval, and the closed form where one holds. */
  measures: Record<MmcMeasure, Estimate & { closedForm: number | null }>;
  /** M/M/c's Erlang C values: exponential service and Poisson arrivals with ρ < 1 only. */
  closedForm: ErlangC | null;
}

/** The replications' measures summarised: means, 95% intervals, and Erlang C beside them. */
export function summariseMmc(input: MmcInput, replications: readonly MmcReplication[]): MmcSummary {
  const offeredUtilisation = utilisationOf(input.lambda, input.mu, input.counters);
  const closedForm =
    input.service === 'exponential' && input.arrivals === 'poisson'
      ? erlangC(input.lambda, input.mu, input.counters)
      : null;
  const closed: Record<MmcMeasure, number | null> = {
    meanWait: closedForm?.meanWait ?? null,
    probabilityOfWaiting: closedForm?.probabilityOfWaiting ?? null,
    utilisation: closedForm?.utilisation ?? null,
    meanQueueLength: closedForm?.meanQueueLength ?? null,
    served: closedForm ? input.lambda * (input.minutes - input.warmup) : null,
    waitingAtClose: closedForm?.meanQueueLength ?? null,
  };
  const measures = Object.fromEntries(
    mmcMeasures.map((measure) => [
      measure,
      { ...estimate(replications.map((r) => r[measure])), closedForm: closed[measure] },
    ]),
  ) as MmcSummary['measures'];
  return {
    model: 'mmc',
    input,
    offeredUtilisation,
    stable: isStable(offeredUtilisation),
    replications: replications.length,
    measures,
    closedForm,
  };
}
