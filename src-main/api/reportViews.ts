import { z } from 'zod';
import { publicSurveyView } from './surveyViews.ts';
import { breakReasons } from '../domain/states.ts';
import { isValidLocalDate, localDatePattern } from '../domain/localTime.ts';

/**
 * The office's reports, as the contract carries them: the KPIs from the period rows, the officers'
 * time, the issuance table in the study's format, promises kept, and the public daily figures.
 * Every duration is in milliseconds (start-inclusive, end-exclusive); every share is 0..1, or null
 * when nothing was counted.
 */

const localDate = z.string().regex(localDatePattern).refine(isValidLocalDate, 'not a calendar date');

/** A period of office days, both ends included, at most a year and a bit (a leap year's 366 days). */
export const reportRangeInput = z
  .object({
    from: localDate,
    to: localDate,
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from is after to', path: ['to'] });

/** What a KPI report counts: a range, narrowed to one stage, counter or officer, with its two thresholds. */
export const kpiReportInput = z
  .object({
    from: localDate,
    to: localDate,
    stage: z.string().min(1).max(40).optional(),
    counter: z.number().int().min(1).max(30).optional(),
    /** The officer's username. */
    officer: z.string().min(1).max(64).optional(),
    /** Called "inside the window" means by window start + this many minutes (default 15). */
    windowGraceMinutes: z.number().int().min(0).max(240).optional(),
    /** A wait longer than this many minutes counts "above the threshold" (default 20). */
    waitThresholdMinutes: z.number().int().min(1).max(600).optional(),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from is after to', path: ['to'] });

/** p50 / p90 / max / mean of a set of durations, with the same figures once the outliers are left out. */
const durations = z.object({
  count: z.number().int(),
  p50Ms: z.number().nullable(),
  p90Ms: z.number().nullable(),
  maxMs: z.number().nullable(),
  meanMs: z.number().nullable(),
});
export const durationStats = durations.extend({
  /** How many of `count` are outliers (|z| ≥ 3 against the rest of the same report). */
  outliers: z.number().int(),
  withoutOutliers: durations,
});
export type DurationStats = z.infer<typeof durationStats>;

const share = z.object({ count: z.number().int(), of: z.number().int(), share: z.number().nullable() });
export type Share = z.infer<typeof share>;

/** The figures of one group of stage visits (a ticket's time at one stage's queue and counter). */
export const kpiFigures = z.object({
  /** Stage visits that joined the queue (at check-in, from the stage before, or by a transfer). */
  arrived: z.number().int(),
  /** Stage visits completed. */
  served: z.number().int(),
  noShows: z.number().int(),
  /** Checked in and never called before the day ended (still waiting at its close). */
  walkOuts: z.number().int(),
  cancelled: z.number().int(),
  transferred: z.number().int(),
  /** Stage visits that were held at least once. */
  held: z.number().int(),
  /** From the later of joining the queue and the window's start, until called. */
  wait: durationStats,
  /** From called until service started (the citizen's walk to the desk). */
  walkUp: durationStats,
  service: durationStats,
  /** First stage only: called by window start + the grace minutes. */
  calledInsideWindow: share,
  aboveWaitThreshold: share,
  unverifiedCheckIns: z.number().int(),
  priorityClaimsConfirmed: z.number().int(),
  priorityClaimsRefused: z.number().int(),
  /** Stage visits in a priority lane, and their wait. */
  priorityLane: z.object({ share, wait: durationStats }),
});
export type KpiFigures = z.infer<typeof kpiFigures>;

const group = <K extends z.ZodRawShape>(key: K) => z.object({ ...key, figures: kpiFigures });

export const kpiReportView = z.object({
  from: z.string(),
  to: z.string(),
  filters: z.object({
    stage: z.string().nullable(),
    counter: z.number().int().nullable(),
    officer: z.string().nullable(),
  }),
  settings: z.object({
    windowGraceMinutes: z.number().int(),
    waitThresholdMinutes: z.number().int(),
    outlierZ: z.number(),
  }),
  total: kpiFigures,
  byDay: z.array(group({ date: z.string() })),
  byStage: z.array(group({ stage: z.string() })),
  byCounter: z.array(group({ counter: z.number().int() })),
  /** Username and name: personal figures, for supervisors and admins only. */
  byOfficer: z.array(group({ officer: z.string(), name: z.string() })),
  /** The local hour (0–23) the wait started. */
  byHour: z.array(group({ hour: z.number().int() })),
  /** The booked arrival window, "08:00–09:00". */
  byWindow: z.array(group({ window: z.string() })),
  /** Stage visits far outside the rest: listed by ticket number and day, never by name. */
  outliers: z.array(
    z.object({
      date: z.string(),
      number: z.string(),
      stage: z.string(),
      measure: z.enum(['wait', 'walkUp', 'service']),
      ms: z.number(),
      z: z.number(),
    }),
  ),
});
export type KpiReportView = z.infer<typeof kpiReportView>;

/** Each officer's time at the counters, out-of-order calls with their reasons, and claims decided. */
export const officersReportView = z.object({
  from: z.string(),
  to: z.string(),
  officers: z.array(
    z.object({
      officer: z.string(),
      name: z.string(),
      /** A counter serving (a ticket called or in service). */
      busyMs: z.number(),
      /** A counter open and available with no ticket. */
      idleMs: z.number(),
      breakMs: z.number(),
      breaks: z.array(
        z.object({ reason: z.enum(breakReasons).nullable(), ms: z.number(), count: z.number().int() }),
      ),
      called: z.number().int(),
      served: z.number().int(),
      outOfOrder: z.array(z.object({ reason: z.string(), calls: z.number().int() })),
      priorityClaimsConfirmed: z.number().int(),
      priorityClaimsRefused: z.number().int(),
    }),
  ),
});
export type OfficersReportView = z.infer<typeof officersReportView>;

export const issuanceReportInput = z.object({ year: z.number().int().min(2000).max(2100) }).strict();

const issuanceCounts = z.object({
  biasaBaru: z.number().int(),
  biasaPenggantian: z.number().int(),
  elektronikBaru: z.number().int(),
  elektronikPenggantian: z.number().int(),
  total: z.number().int(),
});
export type IssuanceCounts = z.infer<typeof issuanceCounts>;

/** The study's Figure 2: per month, ordinary and electronic passports, new and replacement, and JUMLAH. */
export const issuanceReportView = z.object({
  year: z.number().int(),
  months: z.array(
    issuanceCounts.extend({
      month: z.number().int().min(1).max(12),
      /** "floor" from the floor's own print jobs and handovers, "imported" from the office's history, null: none. */
      source: z.enum(['floor', 'imported']).nullable(),
    }),
  ),
  jumlah: issuanceCounts,
});
export type IssuanceReportView = z.infer<typeof issuanceReportView>;

/** The office's history in the format of shared/data (year,month,biasa_baru,…,total), imported once per month. */
export const importIssuanceInput = z.object({ content: z.string().min(1).max(1_000_000) }).strict();
export const importIssuanceView = z.object({
  imported: z.array(z.object({ year: z.number().int(), month: z.number().int(), total: z.number().int() })),
});

/** Promises kept: by promised pickup date, printed on or before it, late with the cause, collected. */
export const promisesReportView = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(
    z.object({
      /** The promised pickup date. */
      date: z.string(),
      promised: z.number().int(),
      printedOnTime: z.number().int(),
      late: z.number().int(),
      /** Still not printed, the promise already past. */
      notPrinted: z.number().int(),
      lateBy: z.object({
        printerBacklog: z.number().int(),
        spoils: z.number().int(),
        pausedPrinter: z.number().int(),
        adjudication: z.number().int(),
      }),
      collected: z.number().int(),
      uncollectedAfter30Days: z.number().int(),
    }),
  ),
  total: z.object({
    promised: z.number().int(),
    printedOnTime: z.number().int(),
    late: z.number().int(),
    notPrinted: z.number().int(),
    onTimeShare: z.number().nullable(),
    collected: z.number().int(),
    uncollectedAfter30Days: z.number().int(),
  }),
});
export type PromisesReportView = z.infer<typeof promisesReportView>;

/** What anyone may see, day by day: nothing that identifies a citizen or an officer. */
export const publicDay = z.object({
  date: z.string(),
  visits: z.number().int(),
  averageWaitMs: z.number().nullable(),
  p90WaitMs: z.number().nullable(),
  calledInsideWindowShare: z.number().nullable(),
  /** Passports promised for this day, and how many were ready by it. */
  readyOnTime: share,
});
export const publicFiguresInput = z.object({ days: z.number().int().min(1).max(92).optional() }).strict();
export const publicFiguresView = z.object({
  office: z.string(),
  today: z.string(),
  days: z.array(publicDay),
  /** The satisfaction survey's current index and grade (issue 22), when it has answers. */
  survey: publicSurveyView.optional(),
});
export type PublicFiguresView = z.infer<typeof publicFiguresView>;

export const reportKinds = ['kpi', 'issuance', 'promises', 'officers', 'public'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const exportFormats = ['csv', 'xlsx', 'pdf'] as const;

/** A report as a file to download: the same figures as the screen, in CSV, XLSX or PDF. */
export const exportReportInput = z
  .object({
    report: z.enum(reportKinds),
    format: z.enum(exportFormats),
    from: localDate.optional(),
    to: localDate.optional(),
    year: z.number().int().min(2000).max(2100).optional(),
    stage: z.string().min(1).max(40).optional(),
    counter: z.number().int().min(1).max(30).optional(),
    officer: z.string().min(1).max(64).optional(),
  })
  .strict();
export const exportReportView = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  /** The file's bytes, base64. */
  content: z.string(),
});
