import type { z } from 'zod';
import type { publicSurveyView } from '../../api/surveyViews.ts';
import type { LocalDate } from '../../domain/localTime.ts';
import { ikmOfTotals } from '../../domain/survey/ikm.ts';
import { quarterOf } from '../../domain/survey/periods.ts';
import type { ServiceContext } from '../context.ts';
import { weightsOf } from './survey.ts';

/**
 * The survey's figure for the board and `/public`: the current quarter up to today, its index and
 * grade with the office's weights, and how many answered. Aggregates only; null before anyone has.
 */
export function currentSurvey(ctx: ServiceContext, today: LocalDate): z.infer<typeof publicSurveyView> {
  const quarter = quarterOf(today);
  const totals = ctx.store.survey.totals({ from: quarter.from, to: today });
  if (totals.responses === 0) return null;
  const figures = ikmOfTotals(totals, weightsOf(ctx.store.office.get()));
  return { label: quarter.label, responses: totals.responses, index: figures.index, grade: figures.grade };
}
