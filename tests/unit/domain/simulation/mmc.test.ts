import { describe, expect, it } from 'vitest';
import { erlangC } from '../../../../src-main/domain/simulation/erlang.ts';
import {
  mmcInput,
  runMmcReplication,
  summariseMmc,
  type MmcInput,
} from '../../../../src-main/domain/simulation/mmc.ts';

const model = (input: Partial<MmcInput> & Pick<MmcInput, 'lambda' | 'mu' | 'counters' | 'minutes'>) =>
  mmcInput.parse({ seeds: 1, ...input });

/** Seeds s, s+1, … as the service runs them. */
function replicate(input: MmcInput) {
  const runs = Array.from({ length: input.seeds }, (_, i) => runMmcReplication(input, input.seed + i));
  return summariseMmc(input, runs);
}

describe('one counter, a citizen every 5 minutes and 6 minutes each (worked by hand)', () => {
  const dd1 = model({
    lambda: 1 / 5,
    mu: 1 / 6,
    counters: 1,
    minutes: 60,
    arrivals: 'deterministic',
    service: 'deterministic',
  });

  it('makes the k-th citizen wait k − 1 minutes', () => {
    // Citizen k arrives at 5k and starts at 5 + 6(k − 1): a wait of k − 1. At minute 60 nine have
    // left, citizen 10 (started at 59) is at the counter, 11 (at 55) and 12 (at 60) still wait.
    const run = runMmcReplication(dd1, 1, true);
    expect(run.customers?.map((c) => c.arrival)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(run.customers?.map((c) => c.wait)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(run.meanWait).toBeCloseTo(4.5, 12);
    expect(run.probabilityOfWaiting).toBeCloseTo(9 / 10, 12);
    expect(run.served).toBe(9);
    expect(run.waitingAtClose).toBe(2);
    // Busy from minute 5 to 60; the waiting line's area is 0+1+…+9 plus citizen 11's 5 minutes.
    expect(run.utilisation).toBeCloseTo(55 / 60, 12);
    expect(run.meanQueueLength).toBeCloseTo(50 / 60, 12);
  });

  it('leaves the warm-up’s citizens out of the figures', () => {
    const run = runMmcReplication({ ...dd1, warmup: 20 }, 1, true);
    expect(run.customers?.map((c) => c.wait)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(run.meanWait).toBeCloseTo(6, 12);
    expect(run.utilisation).toBeCloseTo(1, 12);
  });
});

describe('a seed is a day that replays', () => {
  const input = model({ lambda: 0.2, mu: 0.1, counters: 3, minutes: 5000, warmup: 100, seeds: 5, seed: 7 });

  it('gives the same JSON, byte for byte, for the same seeds, and another answer for others', () => {
    const first = JSON.stringify(replicate(input));
    expect(JSON.stringify(replicate(input))).toBe(first);
    expect(JSON.stringify(replicate({ ...input, seed: 8 }))).not.toBe(first);
  });

  it('keeps a seed’s arrivals whatever the service, so policies compare on the same citizens', () => {
    const exponential = runMmcReplication(input, 3, true).customers ?? [];
    const deterministic = runMmcReplication({ ...input, service: 'deterministic' }, 3, true).customers ?? [];
    const arrivals = (list: { arrival: number }[]) => list.map((c) => c.arrival).sort((a, b) => a - b);
    const common = Math.min(exponential.length, deterministic.length) - 20;
    expect(arrivals(exponential).slice(0, common)).toEqual(arrivals(deterministic).slice(0, common));
  });
});

/*
 * Against Erlang C. The seeds are fixed, so each test gives the same numbers every time; the
 * tolerance says how close a correct model must come. With these run lengths the 95% interval's
 * half-width across replications is about 1% of Wq for M/M/1 and 2% for M/M/3 (0.003 on P(W>0)
 * and on utilisation), so the tolerances (5% of Wq, 0.01 on the shares) are 2.5–3 half-widths: a
 * correct simulator meets them, a service rate 5% off does not. The test also asserts the interval
 * is narrower than the tolerance, so a run made too short cannot pass by noise. (The line's order
 * does not move a mean wait — last-come-first-served has the same Wq — so the hand-worked D/D/1
 * case above is what holds the order to first come, first served.)
 */
describe('the textbook queue against its closed form', () => {
  it('M/M/1 (λ = 0.5, μ = 1): Wq ≈ 1 minute and P(W>0) ≈ 0.5', () => {
    const summary = replicate(
      model({ lambda: 0.5, mu: 1, counters: 1, minutes: 50_000, warmup: 500, seeds: 40 }),
    );
    const { meanWait, probabilityOfWaiting, utilisation } = summary.measures;
    expect(meanWait.closedForm).toBeCloseTo(1, 12);
    expect(Math.abs(meanWait.mean - 1)).toBeLessThan(0.05);
    expect(meanWait.halfWidth).toBeLessThan(0.05);
    expect(Math.abs(probabilityOfWaiting.mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(utilisation.mean - 0.5)).toBeLessThan(0.01);
  });

  it('M/M/3 (λ = 0.2, μ = 0.1, ρ ≈ 0.667): Wq ≈ 40/9 minutes and P(W>0) ≈ 4/9', () => {
    const summary = replicate(
      model({ lambda: 0.2, mu: 0.1, counters: 3, minutes: 100_000, warmup: 1000, seeds: 40 }),
    );
    const { meanWait, probabilityOfWaiting, utilisation, meanQueueLength } = summary.measures;
    expect(summary.closedForm?.meanWait).toBeCloseTo(40 / 9, 10);
    expect(Math.abs(meanWait.mean / (40 / 9) - 1)).toBeLessThan(0.05);
    expect(meanWait.halfWidth).toBeLessThan(0.05 * (40 / 9));
    expect(Math.abs(probabilityOfWaiting.mean - 4 / 9)).toBeLessThan(0.01);
    expect(Math.abs(utilisation.mean - 2 / 3)).toBeLessThan(0.01);
    expect(Math.abs(meanQueueLength.mean / (0.2 * (40 / 9)) - 1)).toBeLessThan(0.05);
  });

  it('shows the published bottleneck: three interview counters at 81% utilisation', () => {
    // An interview of 10 minutes on average (μ = 0.1) and λ = 0.243 a minute: λ/(3μ) = 0.81, the
    // utilisation a study of an Indonesian immigration office measured at its photo and interview stage.
    const summary = replicate(
      model({ lambda: 0.243, mu: 0.1, counters: 3, minutes: 100_000, warmup: 1000, seeds: 40 }),
    );
    const closed = erlangC(0.243, 0.1, 3);
    expect(summary.offeredUtilisation).toBeCloseTo(0.81, 12);
    expect(Math.abs(summary.measures.utilisation.mean - 0.81)).toBeLessThan(0.01);
    // At 81% two citizens in three wait, and the mean wait is more than an interview's length.
    expect(
      Math.abs(summary.measures.probabilityOfWaiting.mean - (closed?.probabilityOfWaiting ?? 0)),
    ).toBeLessThan(0.01);
    expect(summary.measures.meanWait.mean).toBeGreaterThan(10);
    // At ρ = 0.81 the waits vary more: the interval's half-width is about 3% of Wq, so 8% here.
    expect(Math.abs(summary.measures.meanWait.mean / (closed?.meanWait ?? 0) - 1)).toBeLessThan(0.08);
  });

  it('runs an unstable queue (ρ ≥ 1) for its bounded day and shows it growing, with no closed form', () => {
    const unstable = (minutes: number) =>
      replicate(model({ lambda: 0.4, mu: 0.1, counters: 3, minutes, seeds: 3 }));
    const short = unstable(2000);
    const long = unstable(8000);
    expect(long.stable).toBe(false);
    expect(long.closedForm).toBeNull();
    expect(long.measures.meanWait.closedForm).toBeNull();
    expect(long.measures.utilisation.mean).toBeGreaterThan(0.97);
    // The line grows by about λ − cμ = 0.1 citizens a minute: some 800 after 8000 minutes.
    expect(long.measures.waitingAtClose.mean).toBeGreaterThan(3 * short.measures.waitingAtClose.mean);
    expect(long.measures.waitingAtClose.mean).toBeGreaterThan(600);
  });
});

describe('what the model refuses', () => {
  const good = { lambda: 0.2, mu: 0.1, counters: 3, minutes: 1000, seeds: 5 };
  const refusal = (change: Record<string, unknown>) => {
    const checked = mmcInput.safeParse({ ...good, ...change });
    return checked.success
      ? null
      : { field: checked.error.issues[0]?.path[0], message: checked.error.issues[0]?.message };
  };

  it('takes a sound request with its defaults', () => {
    expect(mmcInput.parse(good)).toMatchObject({
      warmup: 0,
      seed: 1,
      service: 'exponential',
      arrivals: 'poisson',
    });
  });

  it.each([
    [{ lambda: -0.2 }, 'lambda', /above 0/],
    [{ mu: 0 }, 'mu', /above 0/],
    [{ counters: 0 }, 'counters', /at least 1/],
    [{ counters: 51 }, 'counters', /at most 50/],
    [{ counters: 2.5 }, 'counters', /whole number/],
    [{ minutes: 20_000_000 }, 'minutes', /at most 10,000,000/],
    [{ seeds: 0 }, 'seeds', /at least 1/],
    [{ seeds: 1001 }, 'seeds', /at most 1000/],
    [{ warmup: 1000 }, 'warmup', /shorter than the run/],
    [{ service: 'gamma' }, 'service', /exponential, deterministic/],
    [{ lambda: 100, minutes: 10_000_000, seeds: 1000 }, 'seeds', /too big a run/],
    [{ lambda: 0.001, minutes: 100 }, 'minutes', /too short to measure/],
  ])('refuses %j with a message on %s', (change, field, message) => {
    const refused = refusal(change);
    expect(refused?.field).toBe(field);
    expect(refused?.message).toMatch(message);
  });
});
