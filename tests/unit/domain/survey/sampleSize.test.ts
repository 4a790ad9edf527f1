import { describe, expect, it } from 'vitest';
import { samplesNeeded } from '../../../../src-main/domain/survey/sampleSize.ts';

describe('the responses a period needs (Krejcie & Morgan 1970)', () => {
  // Rows of the published table (Educational and Psychological Measurement 30, p. 608).
  it.each([
    [10, 10],
    [50, 44],
    [100, 80],
    [200, 132],
    [500, 217],
    [1000, 278],
    [3000, 341],
    [5000, 357],
    [10000, 370],
    [20000, 377],
    [50000, 381],
    [75000, 382],
    [1000000, 384],
  ])('N = %i needs %i', (population, needed) => {
    expect(samplesNeeded(population)).toBe(needed);
  });

  it('rounds to the nearest as the table does: N = 500 gives s = 217.47, which rounded up would be 218', () => {
    const s = (3.841 * 500 * 0.25) / (0.0025 * 499 + 3.841 * 0.25);
    expect(s).toBeCloseTo(217.47, 2);
    expect(samplesNeeded(500)).toBe(217);
  });

  it('gives 383 for N = 100,000 (s = 382.63): the table has no such row, its 384 is N = 1,000,000', () => {
    expect(samplesNeeded(100000)).toBe(383);
  });

  it('needs nothing of a period without service users, and never more than there were', () => {
    expect(samplesNeeded(0)).toBe(0);
    expect(samplesNeeded(1)).toBe(1);
    expect(samplesNeeded(5)).toBeLessThanOrEqual(5);
  });
});
