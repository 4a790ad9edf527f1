import { describe, expect, it } from 'vitest';
import { randomStreams } from '../../../../src-main/domain/simulation/random.ts';

describe('the simulator’s seeded randomness', () => {
  it('draws the same numbers from the same seed, and other numbers from another', () => {
    const draws = (seed: number) => {
      const [stream] = randomStreams(seed, 1);
      return Array.from({ length: 20 }, () => stream?.unit());
    };
    expect(draws(42)).toEqual(draws(42));
    expect(draws(43)).not.toEqual(draws(42));
  });

  it('gives each stream of a seed its own numbers', () => {
    const [arrivals, service] = randomStreams(7, 2);
    const a = Array.from({ length: 50 }, () => arrivals?.unit());
    const b = Array.from({ length: 50 }, () => service?.unit());
    expect(new Set([...a, ...b]).size).toBe(100);
  });

  it('draws uniforms in (0, 1] and exponentials of the asked mean', () => {
    const [stream] = randomStreams(1, 1);
    const n = 200_000;
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i += 1) {
      const u = stream?.unit() as number;
      if (!(u > 0 && u <= 1)) outside += 1;
      sum += stream?.exponential(0.1) as number;
    }
    expect(outside).toBe(0);
    // Mean 10 minutes, standard deviation 10: the mean of 200,000 draws is within 0.1 (4.5 σ/√n).
    expect(Math.abs(sum / n - 10)).toBeLessThan(0.1);
  });
});
