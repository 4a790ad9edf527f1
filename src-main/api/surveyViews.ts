import { z } from 'zod';
import { surveyElements, type SurveyElement } from '../domain/survey/elements.ts';

/**
 * The Survei Kepuasan Masyarakat (PermenPANRB No. 14 Tahun 2017) as the contract carries it: a
 * citizen's answer to the nine elements U1–U9 after a visit, and the office's IKM per period.
 *
 * An answer is tied to the visit's stage, counter, office day and hour, never to the person: no
 * NIK, name, booking code or ticket number is stored with it or shown beside it.
 */

export { surveyElements, type SurveyElement } from '../domain/survey/elements.ts';

/** One element's answer on the regulation's 1–4 scale (1 the worst, 4 the best). */
const answer = z.number().int().min(1).max(4);

/** The answers of one form: each element optional (left out of that element's divisor), at least one given. */
export const surveyAnswers = z
  .object(
    Object.fromEntries(surveyElements.map((e) => [e, answer.optional()])) as Record<
      SurveyElement,
      z.ZodOptional<typeof answer>
    >,
  )
  .strict()
  .refine((a) => surveyElements.some((e) => a[e] !== undefined), { message: 'no element answered' });
export type SurveyAnswers = z.infer<typeof surveyAnswers>;

/** The respondent's profile, every field optional. */
export const surveySexes = ['laki-laki', 'perempuan'] as const;
export const surveyAgeBands = ['<20', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
export const surveyEducations = ['sd', 'smp', 'sma', 'diploma', 's1', 's2+'] as const;
export const surveyOccupations = ['pns', 'tni-polri', 'swasta', 'wirausaha', 'pelajar', 'lainnya'] as const;
export const surveyProfile = z
  .object({
    sex: z.enum(surveySexes).optional(),
    ageBand: z.enum(surveyAgeBands).optional(),
    education: z.enum(surveyEducations).optional(),
    occupation: z.enum(surveyOccupations).optional(),
  })
  .strict();
export type SurveyProfile = z.infer<typeof surveyProfile>;

/** The service the visit received, known from the visit itself (the citizen is not asked). */
export const surveyServices = ['paspor-baru', 'penggantian', 'pengambilan', 'lainnya'] as const;

/**
 * Where the form is about: the ticket or receipt QR the citizen scans, or (a feedback station
 * that stands at a counter) the visit that just finished at that counter.
 */
export const startSurveyInput = z.union([
  z.object({ code: z.string().min(1).max(200) }).strict(),
  z.object({ lastAtCounter: z.literal(true) }).strict(),
]);
export const startSurveyView = z.object({
  /** Sealed by the hub: names the visit without carrying its ticket; good for one submission, briefly. */
  token: z.string(),
  stage: z.string(),
  counter: z.number().int().nullable(),
  service: z.enum(surveyServices),
});
export type StartSurveyView = z.infer<typeof startSurveyView>;

export const submitSurveyInput = z
  .object({
    token: z.string().min(1).max(1000),
    answers: surveyAnswers,
    profile: surveyProfile.optional(),
    /** U9's follow-up: a complaint or suggestion in the citizen's words. */
    comment: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();
export const submitSurveyView = z.object({ recorded: z.literal(true) });

/** A period the regulation reports on: a month, quarter, semester or year, or any range of office days. */
export const surveyPeriodKinds = ['month', 'quarter', 'semester', 'year'] as const;
export const surveyReportInput = z
  .object({
    period: z.enum(surveyPeriodKinds),
    year: z.number().int().min(2000).max(2100),
    /** Which month (1–12), quarter (1–4) or semester (1–2); absent for a year. */
    index: z.number().int().min(1).max(12).optional(),
    stage: z.string().min(1).max(40).optional(),
    counter: z.number().int().min(1).max(30).optional(),
  })
  .strict();
export type SurveyReportInput = z.infer<typeof surveyReportInput>;

export const surveyGrades = ['A', 'B', 'C', 'D'] as const;

/** The index of a set of answers: per element the NRR, the IKM, the index (IKM × 25) and the grade. */
export const ikmFigures = z.object({
  responses: z.number().int(),
  elements: z.array(
    z.object({
      element: z.enum(surveyElements),
      /** How many forms answered this element (its divisor). */
      answered: z.number().int(),
      /** Nilai rata-rata: the mean of the answers given, unrounded; null when none answered. */
      nrr: z.number().nullable(),
    }),
  ),
  /** The weighted sum of the nine NRR, unrounded; null when nothing was answered. */
  ikm: z.number().nullable(),
  /** IKM × 25 (25–100), unrounded: round only to show. */
  index: z.number().nullable(),
  grade: z.enum(surveyGrades).nullable(),
});
export type IkmFigures = z.infer<typeof ikmFigures>;

const countRow = z.object({ value: z.string(), count: z.number().int() });

export const surveyComplaint = z.object({
  id: z.number().int(),
  day: z.string(),
  hour: z.number().int(),
  stage: z.string(),
  counter: z.number().int().nullable(),
  text: z.string(),
  followUps: z.array(z.object({ at: z.string(), officer: z.string(), note: z.string() })),
});
export type SurveyComplaint = z.infer<typeof surveyComplaint>;

export const surveyReportView = z.object({
  period: z.object({ kind: z.enum(surveyPeriodKinds), label: z.string(), from: z.string(), to: z.string() }),
  /** The weights used, in element order (1/9 each unless the office set its own). */
  weights: z.array(z.number()),
  overall: ikmFigures,
  byStage: z.array(z.object({ stage: z.string() }).merge(ikmFigures)),
  byCounter: z.array(z.object({ counter: z.number().int() }).merge(ikmFigures)),
  /** Service users in the period (visits finished), and the responses Krejcie & Morgan's table asks for. */
  sample: z.object({ population: z.number().int(), needed: z.number().int(), responses: z.number().int() }),
  profile: z.object({
    sex: z.array(countRow),
    ageBand: z.array(countRow),
    education: z.array(countRow),
    occupation: z.array(countRow),
    service: z.array(countRow),
  }),
  /** Complaints and suggestions with their follow-up notes (only for the supervisor and admin). */
  complaints: z.array(surveyComplaint),
  /** Refused bursts of answers from a station without visits, in the period. */
  bursts: z.array(z.object({ at: z.string(), station: z.string(), refused: z.number().int() })),
});
export type SurveyReportView = z.infer<typeof surveyReportView>;

export const answerComplaintInput = z
  .object({ id: z.number().int().min(1), note: z.string().trim().min(1).max(1000) })
  .strict();
export const answerComplaintView = surveyComplaint;

export const exportSurveyInput = surveyReportInput.extend({ format: z.enum(['pdf', 'xlsx']) }).strict();

/** The current index for the board and `/public`: aggregates only. */
export const publicSurveyView = z
  .object({
    label: z.string(),
    responses: z.number().int(),
    index: z.number().nullable(),
    grade: z.enum(surveyGrades).nullable(),
  })
  .nullable();
