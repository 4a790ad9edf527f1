import { describe, expect, it } from 'vitest';
import { erlangC } from '../../../../src-main/domain/simulation/erlang.ts';
import { estimate, tQuantile975 } from '../../../../src-main/domain/simulation/confidence.ts';

describe('Erlang C, the closed form the simulator is checked against', () => {
  it('gives M/M/1 its textbook values: P(W>0) = ρ, Wq = ρ/(μ − λ)', () => {
    const mm1 = erlangC(0.5, 1, 1);
    expect(mm1?.probabilityOfWaiting).toBeCloseTo(0.5, 12);
    expect(mm1?.meanWait).toBeCloseTo(1, 12);
    expect(mm1?.meanQueueLength).toBeCloseTo(0.5, 12);
  });

  it('gives M/M/3 with a = 2 erlangs C = 4/9 and Wq = 40/9 minutes (worked by hand)', () => {
    // Σ_{k<3} 2^k/k! = 5; 2^3/3! · 3/(3−2) = 4; C = 4/(5+4).
    const mm3 = erlangC(0.2, 0.1, 3);
    expect(mm3?.utilisation).toBeCloseTo(2 / 3, 12);
    expect(mm3?.probabilityOfWaiting).toBeCloseTo(4 / 9, 12);
    expect(mm3?.meanWait).toBeCloseTo(40 / 9, 10);
  });

  it('stays finite for fifty counters, where factorials would overflow a naive sum', () => {
    const big = erlangC(4.5, 0.1, 50);
    expect(big?.probabilityOfWaiting).toBeGreaterThan(0);
    expect(big?.probabilityOfWaiting).toBeLessThan(1);
    expect(Number.isFinite(big?.meanWait)).toBe(true);
  });

  it('has no steady state to state at ρ ≥ 1', () => {
    expect(erlangC(0.3, 0.1, 3)).toBeNull();
    expect(erlangC(0.5, 0.1, 3)).toBeNull();
  });
});

describe('the 95% interval across replications', () => {
  it('uses Student’s t for n − 1 degrees of freedom, never narrower than the table', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(9)).toBe(2.262);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(49)).toBe(2.021);
    expect(tQuantile975(999)).toBe(1.98);
  });

  it('is mean ± t·s/√n on a sample worked by hand', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, s² = 32/7; t(7) = 2.365.
    const e = estimate([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(e.mean).toBe(5);
    expect(e.halfWidth).toBeCloseTo((2.365 * Math.sqrt(32 / 7)) / Math.sqrt(8), 12);
    expect(estimate([3]).halfWidth).toBeNull();
  });
});
