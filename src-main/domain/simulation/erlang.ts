/**
 * Closed forms of the M/M/c queue (Poisson arrivals at λ per minute, c servers each serving at μ
 * per minute, exponential service, FIFO, unlimited room) for checking the simulator. Sources:
 * A. K. Erlang (1917), "Solution of some problems in the theory of probabilities of significance
 * in automatic telephone exchanges"; Gross, Shortle, Thompson & Harris, "Fundamentals of Queueing
 * Theory" (4th ed., 2008), §2.3 (M/M/c): r = λ/μ, ρ = r/c, the Erlang C probability of waiting
 * C(c, r), Wq = C(c, r)/(cμ − λ), Lq = λ·Wq (Little's law).
 */
export interface ErlangC {
  /** Offered load in erlangs, a = λ/μ. */
  offeredLoad: number;
  /** Server utilisation ρ = λ/(cμ). */
  utilisation: number;
  /** P(W > 0): the Erlang C formula. */
  probabilityOfWaiting: number;
  /** Mean wait in queue Wq, minutes. */
  meanWait: number;
  /** Mean number waiting Lq. */
  meanQueueLength: number;
}

/** ρ = λ/(cμ), the share of the counters' time the arrivals ask for. */
export function utilisationOf(lambda: number, mu: number, counters: number): number {
  return lambda / (counters * mu);
}

/**
 * Whether a queue at ρ settles: below 1. At or above it the queue grows without end. ρ within a
 * billionth of 1 counts as 1: 0.3/(3 × 0.1) is 0.9999999999999999 in floating point, not stable.
 */
export function isStable(rho: number): boolean {
  return rho < 1 - 1e-9;
}

/**
 * M/M/c's steady state, or null when ρ ≥ 1 (no steady state: the queue grows without bound, so
 * there is no mean wait to state; the simulation still runs a bounded day and shows the growth).
 */
export function erlangC(lambda: number, mu: number, counters: number): ErlangC | null {
  if (!(lambda > 0) || !(mu > 0) || !Number.isInteger(counters) || counters < 1)
    throw new RangeError('erlangC needs λ > 0, μ > 0 and a whole number of counters ≥ 1');
  const a = lambda / mu;
  const rho = a / counters;
  if (!isStable(rho)) return null;
  // Erlang B by its recurrence B(k) = a·B(k−1) / (k + a·B(k−1)), stable for any c (no factorials),
  // then C = c·B / (c − a·(1 − B)).
  let b = 1;
  for (let k = 1; k <= counters; k += 1) b = (a * b) / (k + a * b);
  const probabilityOfWaiting = (counters * b) / (counters - a * (1 - b));
  const meanWait = probabilityOfWaiting / (counters * mu - lambda);
  return {
    offeredLoad: a,
    utilisation: rho,
    probabilityOfWaiting,
    meanWait,
    meanQueueLength: lambda * meanWait,
  };
}
