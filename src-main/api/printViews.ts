import { z } from 'zod';
import { passportTypes } from '../domain/appointment.ts';
import { applicationKinds } from '../domain/applicationKinds.ts';
import { passportPrinterStates as printerStates, printJobStates } from '../domain/states.ts';
import { bilingualView } from './views.ts';

/** What the adjudication, print station, booklet and handover operations take and answer with. */

const id = z.uuid();
const secret = z.string().min(1).max(128);
const username = z.string().trim().min(1).max(64);
const reason = z.string().trim().min(3).max(500);
const scanText = z.string().min(1).max(200);

export const printJobView = z.object({
  id: z.string(),
  applicationId: z.string(),
  applicationNumber: z.string(),
  fullName: z.string(),
  passportType: z.enum(passportTypes),
  promisedDate: z.string(),
  approvedAt: z.string(),
  state: z.enum(printJobStates),
  bookletSerial: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** Queued jobs: when the printer's pace puts it off the printer, and whether that misses the promise. */
  position: z.number().int().nullable(),
  projectedFinish: z.string().nullable(),
  deadline: z.string().nullable(),
  atRisk: z.boolean(),
});
export type PrintJobView = z.infer<typeof printJobView>;

export const printerStatusView = z.object({
  state: z.enum(printerStates),
  reason: z.string().nullable(),
  currentJobId: z.string().nullable(),
  paused: z.boolean(),
  address: z.string().nullable(),
});

export const printQueueView = z.object({
  now: z.string(),
  printer: printerStatusView.nullable(),
  pace: z.object({
    secondsPerPassport: z.number(),
    basis: z.enum(['measured', 'configured']),
    samples: z.number().int(),
  }),
  /** Waiting and printing, earliest promise first. */
  queue: z.array(printJobView),
  /** Printed, waiting for the quality check. */
  printed: z.array(printJobView),
  /**
   * The station prints on a simulated passport printer and reads with a simulated document reader
   * (training): a printed page can be laid on the reader from the screen (`readPrintedPage`).
   */
  simulatedReader: z.boolean(),
  ready: z.number().int(),
  /** Promises the projection misses: the supervisor's warning. */
  atRisk: z.array(
    z.object({
      applicationNumber: z.string(),
      promisedDate: z.string(),
      projectedFinish: z.string().nullable(),
    }),
  ),
});
export type PrintQueueView = z.infer<typeof printQueueView>;

export const printResultView = z.object({
  job: printJobView,
  printed: z.boolean(),
  message: bilingualView.nullable(),
});

export const qualityCheckView = z.object({
  job: printJobView,
  passed: z.boolean(),
  differences: z.array(z.object({ field: z.string(), expected: z.string(), scanned: z.string() })),
  /** The outcome in words, and each differing field with the application's value and the value read. */
  message: bilingualView,
  findings: z.array(bilingualView),
});

export const adjudicationListView = z.array(
  z.object({
    applicationId: z.string(),
    number: z.string(),
    fullName: z.string(),
    applicationKind: z.enum(applicationKinds),
    passportType: z.enum(passportTypes),
    pickupDate: z.string().nullable(),
    interviewedAt: z.string(),
    sentBack: z.object({ reason: z.string(), at: z.string() }).nullable(),
  }),
);

export const decisionInput = z.object({ applicationId: id }).strict();
export const sendBackInput = z.object({ applicationId: id, reason }).strict();
export const jobInput = z.object({ jobId: id }).strict();
export const jobScanInput = z.object({ jobId: id, text: scanText }).strict();
export const spoilInput = z.object({ jobId: id, reason, username, secret }).strict();

export const receiveBookletsInput = z
  .object({
    passportType: z.enum(passportTypes),
    first: z.string().trim().max(12),
    last: z.string().trim().max(12),
  })
  .strict();
export const confirmBookletsInput = z.object({ rangeId: id, username, secret }).strict();

const serialRangeText = z.string();
export const bookletStockView = z.object({
  ranges: z.array(
    z.object({
      rangeId: z.string(),
      passportType: z.string(),
      first: z.string(),
      last: z.string(),
      count: z.number().int(),
      receivedBy: z.string(),
      confirmedBy: z.string().nullable(),
      used: z.number().int(),
      spoiled: z.number().int(),
      remaining: z.number().int(),
    }),
  ),
  inStock: z.record(z.string(), z.number().int()),
  awaitingSignOff: z.array(
    z.object({ serial: z.string(), reason: z.string().nullable(), jobId: z.string() }),
  ),
});

export const reconciliationView = z.object({
  date: z.string(),
  types: z.array(
    z.object({
      passportType: z.string(),
      opening: z.number().int(),
      received: z.number().int(),
      used: z.number().int(),
      spoiled: z.number().int(),
      closing: z.number().int(),
      balances: z.boolean(),
      /** The serials behind each figure, as runs (`X0000001–X0000050`). */
      openingSerials: z.array(serialRangeText),
      receivedSerials: z.array(serialRangeText),
      usedSerials: z.array(z.string()),
      spoiledSerials: z.array(
        z.object({ serial: z.string(), reason: z.string().nullable(), signedOff: z.boolean() }),
      ),
      closingSerials: z.array(serialRangeText),
      unaccounted: z.array(z.string()),
    }),
  ),
});

export const handoverCaseView = z.object({
  jobId: z.string(),
  applicationId: z.string(),
  applicationNumber: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  state: z.enum(printJobStates),
  passportNumber: z.string().nullable(),
  hasPhoto: z.boolean(),
  handover: z
    .object({
      receiver: z.enum(['applicant', 'representative']),
      representativeName: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
});

export const handoverInput = z
  .object({
    jobId: id,
    applicantNik: z
      .string()
      .trim()
      .regex(/^\d{16}$/, 'NIK is 16 digits'),
    receiver: z.enum(['applicant', 'representative']),
    representative: z
      .object({
        name: z.string().trim().min(1).max(100),
        nik: z
          .string()
          .trim()
          .regex(/^\d{16}$/, 'NIK is 16 digits'),
        letterReference: z.string().trim().min(1).max(100),
      })
      .strict()
      .optional(),
  })
  .strict();

export const uncollectedView = z.array(
  z.object({ jobId: z.string(), applicationNumber: z.string(), readyAt: z.string(), days: z.number().int() }),
);

export const smsProblemsView = z.array(
  z.object({
    id: z.string(),
    applicationNumber: z.string().nullable(),
    /** Masked: `+62812****7890`. */
    phone: z.string(),
    state: z.enum(['failed', 'retrying']),
    attempts: z.number().int(),
    lastError: z.string(),
    nextAttemptAt: z.string().nullable(),
    updatedAt: z.string(),
  }),
);
