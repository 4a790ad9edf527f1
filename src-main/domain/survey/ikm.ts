import { z } from 'zod';
import { LoketError } from '../errors.ts';
import { surveyElements, type SurveyElement } from './elements.ts';

/**
 * The Indeks Kepuasan Masyarakat as PermenPANRB No. 14 Tahun 2017 computes it: per element the
 * NRR (nilai rata-rata, the mean of the answers given), the IKM (the weighted sum of the nine NRR)
 * and the index (IKM × 25, from 25 to 100), graded A–D. Unrounded throughout: round only to show.
 */

/** One form's answers: an element left out was not answered (1–4 otherwise). */
export type SurveyForm = Partial<Record<SurveyElement, number | null | undefined>>;

export type SurveyGrade = 'A' | 'B' | 'C' | 'D';

export interface ElementFigure {
  element: SurveyElement;
  /** How many forms answered the element: its divisor. */
  answered: number;
  /** The mean of the answers given; null when none answered. */
  nrr: number | null;
}

export interface IkmResult {
  responses: number;
  elements: ElementFigure[];
  ikm: number | null;
  index: number | null;
  grade: SurveyGrade | null;
}

/** The regulation's weights: each element 1/9 (kept exact, never the printed 0.111). */
export const equalWeights: readonly number[] = surveyElements.map(() => 1 / 9);

/** The tolerance of an office's weights around 1 (floating-point sums of ninths and the like). */
export const weightsTolerance = 1e-9;

/** An office's own weights: nine numbers from 0 to 1, in element order, summing to 1. */
export const surveyWeightsSchema = z
  .array(z.number().finite().min(0).max(1))
  .length(surveyElements.length)
  .refine((weights) => Math.abs(weights.reduce((sum, w) => sum + w, 0) - 1) <= weightsTolerance, {
    message: 'the nine weights must sum to 1',
  });

/** Weights checked as `surveyWeightsSchema` does, refused in words otherwise. */
export function checkedWeights(weights: readonly number[]): readonly number[] {
  const parsed = surveyWeightsSchema.safeParse(weights);
  if (!parsed.success)
    throw new LoketError(
      'INVALID_INPUT',
      {
        id: 'Bobot unsur survei harus sembilan angka 0–1 yang jumlahnya 1.',
        en: "The survey's element weights must be nine numbers from 0 to 1 that sum to 1.",
      },
      { weights },
    );
  return parsed.data;
}

/**
 * The figures of a set of forms. An element nobody answered in the set has no NRR; its weight is
 * spread over the answered elements in proportion (IKM = Σ wᵢ·NRRᵢ / Σ wᵢ over the answered
 * elements), so nine answered elements give the regulation's sum and a form set that skips U4 is
 * not pulled towards zero. No element answered: no IKM, index or grade.
 */
export function ikmOf(forms: readonly SurveyForm[], weights: readonly number[] = equalWeights): IkmResult {
  checkedWeights(weights);
  const sums = surveyElements.map(() => 0);
  const counts = surveyElements.map(() => 0);
  for (const form of forms)
    surveyElements.forEach((element, i) => {
      const value = form[element];
      if (value === undefined || value === null) return;
      sums[i] = (sums[i] as number) + value;
      counts[i] = (counts[i] as number) + 1;
    });
  return ikmOfTotals({ responses: forms.length, sums, counts }, weights);
}

/** Per element the sum and the count of its answers, in element order (what the store adds up). */
export interface ElementTotals {
  responses: number;
  sums: readonly number[];
  counts: readonly number[];
}

/** `ikmOf` from totals already added up (the store's `SUM` and `COUNT` per element). */
export function ikmOfTotals(totals: ElementTotals, weights: readonly number[] = equalWeights): IkmResult {
  const elements = surveyElements.map((element, i) => {
    const answered = totals.counts[i] ?? 0;
    return { element, answered, nrr: answered ? (totals.sums[i] ?? 0) / answered : null };
  });
  let weighted = 0;
  let weightAnswered = 0;
  elements.forEach(({ nrr }, i) => {
    if (nrr === null) return;
    const weight = weights[i] ?? 0;
    weighted += weight * nrr;
    weightAnswered += weight;
  });
  const ikm = weightAnswered > 0 ? weighted / weightAnswered : null;
  const index = ikm === null ? null : ikm * 25;
  return { responses: totals.responses, elements, ikm, index, grade: index === null ? null : gradeOf(index) };
}

/**
 * The index in hundredths, rounded half up: 76.605 → 7661. A hair of slack (10⁻⁶ of a hundredth)
 * absorbs the binary noise of sums of thirds and ninths (76.605 is 76.60499… as a double).
 */
export function indexHundredths(index: number): number {
  return Math.round(index * 100 + 1e-6);
}

/** The index as printed: two decimals, half up (the UI puts the Indonesian comma). */
export function shownIndex(index: number): string {
  return (indexHundredths(index) / 100).toFixed(2);
}

/**
 * The grade of an index, decided on the index rounded to two decimals (so 76.605 → 76.61 → B):
 * 25.00–64.99 D (tidak baik), 65.00–76.60 C (kurang baik), 76.61–88.30 B (baik), 88.31–100.00 A
 * (sangat baik).
 */
export function gradeOf(index: number): SurveyGrade {
  const hundredths = indexHundredths(index);
  if (hundredths <= 6499) return 'D';
  if (hundredths <= 7660) return 'C';
  if (hundredths <= 8830) return 'B';
  return 'A';
}

/** The grade's words, as the regulation's table names the unit's performance. */
export const gradeWords: Record<SurveyGrade, { id: string; en: string }> = {
  A: { id: 'Sangat baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang baik', en: 'Not quite good' },
  D: { id: 'Tidak baik', en: 'Not good' },
};
