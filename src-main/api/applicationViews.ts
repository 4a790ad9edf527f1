import { z } from 'zod';
import { applicationKinds } from '../domain/appointment.ts';
import { approvalSubjects, documentIds, interviewOutcomes } from '../domain/interview.ts';
import { applicationStatuses } from '../domain/states.ts';
import { bilingualView } from './views.ts';
import { bookingView } from './counterViews.ts';
import { jpegInput } from './imageInput.ts';
import { exceptionReasons, fingerIds } from '../domain/fingerprints.ts';

/** What the interview, capture, receipt and pickup operations take and answer with. */

const warningView = z.object({ code: z.string(), text: bilingualView });
const applicationId = z.uuid();
const reason = z.string().trim().min(3).max(500);

export const pickupView = z.object({
  /** The promised pickup date (YYYY-MM-DD); null while a lost or damaged passport waits for its BAP. */
  date: z.string().nullable(),
  /** Why it is this date: the working days counted, each day skipped and why. */
  reasons: z.array(bilingualView),
  /** Shown beside the date: what the citizen is told. */
  summary: bilingualView,
  override: z.object({ computed: z.string().nullable(), reason: z.string() }).nullable(),
  /** Final once the interview has ended; until then a preview that may still move. */
  final: z.boolean(),
});

export const fingerprintView = z.object({
  state: z.enum(['capturing', 'needs_exception', 'awaiting_approval', 'complete']),
  minQuality: z.number().int(),
  maxAttempts: z.number().int(),
  capture: z.enum(['single', 'slap']),
  /** The fingers the next capture takes (one, or the pending fingers of a slap). */
  next: z.array(z.enum(fingerIds)),
  fingers: z.array(
    z.object({
      finger: z.enum(fingerIds),
      name: bilingualView,
      state: z.enum(['pending', 'captured', 'low_quality', 'failed', 'exception']),
      attempts: z.number().int(),
      bestQuality: z.number().nullable(),
      exception: z
        .object({
          reason: z.enum(exceptionReasons),
          reasonName: bilingualView,
          note: z.string().nullable(),
          approved: z.boolean(),
        })
        .nullable(),
    }),
  ),
  exceptions: z.array(z.enum(fingerIds)),
  blockers: z.array(bilingualView),
});
export type FingerprintView = z.infer<typeof fingerprintView>;

export const applicationView = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(applicationStatuses),
  applicationKind: z.enum(applicationKinds),
  passportType: z.string(),
  ticketNumber: z.string(),
  booking: bookingView,
  documents: z.array(
    z.object({ id: z.enum(documentIds), name: bilingualView, seen: z.boolean(), note: z.string() }),
  ),
  nikOnKtp: z.string().nullable(),
  nikWarnings: z.array(warningView),
  expectsOldPassport: z.boolean(),
  oldPassport: z
    .object({ documentNumber: z.string(), expirationDate: z.string(), warnings: z.array(warningView) })
    .nullable(),
  notes: z.string(),
  fingerprints: fingerprintView,
  face: z
    .object({
      imageId: z.string(),
      checks: z.array(z.object({ id: z.string(), passed: z.boolean() })),
      override: z.object({ reason: z.string() }).nullable(),
    })
    .nullable(),
  approvals: z.array(
    z.object({ subject: z.enum(approvalSubjects), supervisorName: z.string(), at: z.string() }),
  ),
  pickup: pickupView,
  outcomeReason: z.string().nullable(),
  finishedAt: z.string().nullable(),
  receiptPrints: z.number().int(),
});
export type ApplicationView = z.infer<typeof applicationView>;

export const interviewInput = z
  .object({
    applicationId,
    documents: z
      .array(z.object({ id: z.enum(documentIds), seen: z.boolean(), note: z.string().max(300) }).strict())
      .max(documentIds.length),
    nikOnKtp: z
      .string()
      .regex(/^\d{16}$/, 'a NIK is 16 digits')
      .nullable(),
    notes: z.string().max(2000),
  })
  .strict();

export const oldPassportInput = z.object({ applicationId, text: z.string().min(1).max(200) }).strict();

export const facePhotoInput = z
  .object({
    applicationId,
    jpeg: jpegInput,
    checks: z
      .array(z.object({ id: z.string().regex(/^[a-zA-Z_]{2,30}$/), passed: z.boolean() }).strict())
      .max(20),
    override: z.object({ reason }).strict().nullable(),
  })
  .strict();

export const approvalInput = z
  .object({
    applicationId,
    subject: z.enum(approvalSubjects),
    username: z.string().min(1).max(64),
    secret: z.string().min(1).max(128),
  })
  .strict();

export const finishInput = z
  .object({
    applicationId,
    outcome: z.enum(interviewOutcomes),
    /** Required to postpone or refuse: what the citizen is told. */
    reason: reason.nullable(),
    /** The officer gives another pickup date than the promise, with why; logged. */
    pickupOverride: z
      .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), reason })
      .strict()
      .nullable(),
  })
  .strict();

export const receiptView = z.object({
  applicationNumber: z.string(),
  office: z.object({ code: z.string(), name: z.string() }),
  fullName: z.string(),
  passportType: z.string(),
  applicationKind: z.enum(applicationKinds),
  pickupDate: z.string().nullable(),
  pickupSummary: bilingualView,
  pickupHours: z.object({ open: z.string(), close: z.string() }).nullable(),
  interviewedAt: z.string(),
  qr: z.string(),
});
export type ReceiptView = z.infer<typeof receiptView>;

/** What the kiosk shows for a scanned receipt: no name, the status and the same date. */
export const pickupStatusView = z.object({
  applicationNumber: z.string(),
  initials: z.string(),
  /** `ready`: collect it now; `ready_later`: printed, but its date or today's pickup hours have not come. */
  status: z.enum([...applicationStatuses, 'ready', 'ready_later', 'handed_over']),
  statusText: bilingualView,
  pickupDate: z.string().nullable(),
  pickupSummary: bilingualView,
  pickupHours: z.object({ open: z.string(), close: z.string() }).nullable(),
  /** When to come for a `ready_later` passport: the first day it can be collected, in the pickup hours. */
  comeOn: z.object({ date: z.string(), open: z.string(), close: z.string() }).nullable(),
});
export type PickupStatusView = z.infer<typeof pickupStatusView>;

export const receiptPrintView = z.object({
  receipt: receiptView,
  printed: z.boolean(),
  reprint: z.number().int(),
  problem: z.string().nullable(),
  message: bilingualView.nullable(),
});

export const captureFingerprintInput = z
  .object({ applicationId, finger: z.enum(fingerIds).optional() })
  .strict();

export const fingerExceptionInput = z
  .object({
    applicationId,
    finger: z.enum(fingerIds),
    reason: z.enum(exceptionReasons),
    note: z.string().trim().max(300).nullable(),
    /** The photo of the hand (JPEG, base64). */
    photo: jpegInput,
  })
  .strict();

export const fingerprintRequestView = z.object({
  fingers: z.array(z.enum(fingerIds)),
  requestedScore: z.number().int(),
  timeoutMs: z.number().int(),
  previousHash: z.string().nullable(),
});

/** What a counter captured at the reader in its own cabinet: the ISO records as the reader sent them. */
export const fingerprintCaptureInput = z
  .object({
    applicationId,
    finger: z.enum(fingerIds).optional(),
    captures: z
      .array(
        z
          .object({
            finger: z.enum(fingerIds),
            iso: z
              .string()
              .max(2_000_000)
              .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
          })
          .strict(),
      )
      .max(4),
    failed: z.array(z.string().max(40)).max(10),
    transactionId: z.string().max(100).nullable(),
  })
  .strict();
