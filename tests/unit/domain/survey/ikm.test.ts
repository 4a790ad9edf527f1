import { describe, expect, it } from 'vitest';
import {
  checkedWeights,
  equalWeights,
  gradeOf,
  ikmOf,
  ikmOfTotals,
  shownIndex,
  type SurveyForm,
} from '../../../../src-main/domain/survey/ikm.ts';
import { surveyElements } from '../../../../src-main/domain/survey/elements.ts';

const allOf = (value: number): SurveyForm => Object.fromEntries(surveyElements.map((e) => [e, value]));

describe('the IKM of PermenPANRB 14/2017', () => {
  it('gives exactly 100.00 and grade A when every citizen answers 4 to every element', () => {
    const figures = ikmOf([allOf(4), allOf(4), allOf(4)]);
    expect(figures.ikm).toBe(4);
    expect(figures.index).toBe(100);
    expect(shownIndex(figures.index as number)).toBe('100.00');
    expect(figures.grade).toBe('A');
    // The printed weight 0.111 would not: 9 × 0.111 × 4 × 25 = 99.9.
    expect(9 * 0.111 * 4 * 25).toBeCloseTo(99.9, 9);
  });

  it('gives 25.00 and grade D when every answer is 1', () => {
    const figures = ikmOf([allOf(1)]);
    expect(figures.index).toBe(25);
    expect(figures.grade).toBe('D');
  });

  it('leaves an unanswered element out of its own divisor instead of counting it as zero', () => {
    const forms: SurveyForm[] = [allOf(4), { ...allOf(4), u3: undefined }, { ...allOf(4), u3: 2 }];
    const figures = ikmOf(forms);
    const u3 = figures.elements.find((e) => e.element === 'u3');
    expect(u3).toEqual({ element: 'u3', answered: 2, nrr: 3 });
    expect(figures.elements.find((e) => e.element === 'u1')).toEqual({ element: 'u1', answered: 3, nrr: 4 });
    // (8 × 4 + 3) / 9 × 25
    expect(figures.index).toBeCloseTo((35 / 9) * 25, 12);
  });

  it('spreads the weight of an element nobody answered over the others', () => {
    const figures = ikmOf([
      { ...allOf(4), u4: undefined },
      { ...allOf(4), u4: null },
    ]);
    expect(figures.elements.find((e) => e.element === 'u4')).toEqual({
      element: 'u4',
      answered: 0,
      nrr: null,
    });
    expect(figures.index).toBe(100);
    expect(figures.grade).toBe('A');
  });

  it('has no index and no grade without answers', () => {
    const figures = ikmOf([]);
    expect(figures).toMatchObject({ responses: 0, ikm: null, index: null, grade: null });
    expect(figures.elements.every((e) => e.nrr === null && e.answered === 0)).toBe(true);
  });

  it('computes a worked example of three mixed forms as by hand: 74.54, grade C', () => {
    const forms: SurveyForm[] = [
      { u1: 4, u2: 3, u3: 2, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 2 },
      { u1: 3, u2: 3, u3: 3, u4: 4, u5: 3, u6: 3, u7: 4, u8: 2 },
      { u1: 2, u2: 4, u3: 1, u4: 4, u5: 4, u6: 3, u7: 3, u8: 3, u9: 1 },
    ];
    const figures = ikmOf(forms);
    // NRR: 9/3, 10/3, 6/3, 12/3, 10/3, 10/3, 11/3, 8/3 and U9 (2 + 1) / 2 — one form left it blank.
    expect(figures.elements.map((e) => e.nrr)).toEqual([3, 10 / 3, 2, 4, 10 / 3, 10 / 3, 11 / 3, 8 / 3, 1.5]);
    expect(figures.elements.map((e) => e.answered)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 2]);
    // Σ NRR = 76/3 + 3/2 = 161/6; IKM = 161/54; index = 4025/54 = 74.537…
    expect(figures.ikm).toBeCloseTo(161 / 54, 12);
    expect(figures.index).toBeCloseTo(4025 / 54, 12);
    expect(shownIndex(figures.index as number)).toBe('74.54');
    expect(figures.grade).toBe('C');
    expect(figures.responses).toBe(3);
  });

  it('uses an office’s own weights, exactly', () => {
    const weights = [0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const form: SurveyForm = { ...allOf(2), u1: 4 };
    const custom = ikmOf([form], weights);
    expect(custom.ikm).toBeCloseTo(0.2 * 4 + 0.8 * 2, 12);
    expect(custom.index).toBeCloseTo(60, 10);
    const equal = ikmOf([form]);
    expect(equal.index).toBeCloseTo((20 / 9) * 25, 12);
    expect(custom.index).not.toBeCloseTo(equal.index as number, 3);
  });

  it('refuses weights that are not nine numbers from 0 to 1 summing to 1', () => {
    expect(() => checkedWeights([0.5, 0.5])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => checkedWeights([0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => checkedWeights([-0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2])).toThrow();
    expect(() =>
      ikmOf([allOf(4)], [0.111, 0.111, 0.111, 0.111, 0.111, 0.111, 0.111, 0.111, 0.111]),
    ).toThrow();
    expect(checkedWeights(equalWeights)).toHaveLength(9);
  });

  it('computes the same from the store’s sums and counts', () => {
    const forms: SurveyForm[] = [allOf(3), { ...allOf(2), u9: undefined }];
    const fromForms = ikmOf(forms);
    const fromTotals = ikmOfTotals({
      responses: 2,
      sums: [5, 5, 5, 5, 5, 5, 5, 5, 3],
      counts: [2, 2, 2, 2, 2, 2, 2, 2, 1],
    });
    expect(fromTotals).toEqual(fromForms);
  });
});

describe('the grades, decided on the index rounded to two decimals', () => {
  it.each([
    [25, 'D'],
    [64.99, 'D'],
    [65.0, 'C'],
    [76.6, 'C'],
    [76.61, 'B'],
    [88.3, 'B'],
    [88.31, 'A'],
    [100, 'A'],
  ] as const)('an index of %s is grade %s', (index, grade) => {
    expect(gradeOf(index)).toBe(grade);
  });

  it('rounds half up before grading: 76.605 → 76.61 → B, 76.6049 → 76.60 → C, 64.995 → 65.00 → C', () => {
    expect(shownIndex(76.605)).toBe('76.61');
    expect(gradeOf(76.605)).toBe('B');
    expect(gradeOf(76.6049)).toBe('C');
    expect(gradeOf(64.995)).toBe('C');
    expect(gradeOf(64.9949)).toBe('D');
    expect(gradeOf(88.305)).toBe('A');
  });

  it('is not fooled by binary noise: 76.6 + 0.005 is 76.60499… as a double, and still 76.61 → B', () => {
    expect(76.6 + 0.005).toBeLessThan(76.605);
    expect(gradeOf(76.6 + 0.005)).toBe('B');
    expect(shownIndex(76.6 + 0.005)).toBe('76.61');
    expect(gradeOf(64.99 + 0.005)).toBe('C');
    expect(gradeOf(1532.1 / 20)).toBe('B');
  });
});
