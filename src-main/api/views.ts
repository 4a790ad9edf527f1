import { stationModes } from '../domain/roles.ts';
import { z } from 'zod';
import { updateStates } from '../domain/updates.ts';
import { applicationKinds } from '../domain/appointment.ts';
import { laneIds, officeConfigSchema } from '../domain/office.ts';
import { ticketStatuses } from '../domain/states.ts';

/**
 * What operations answer with. Services build these values; the contract declares them as outputs,
 * and the renderer's client derives its types from them — so no shape is written twice.
 */
export const bilingualView = z.object({ id: z.string(), en: z.string() });

export const ticketView = z.object({
  id: z.string(),
  number: z.string(),
  officeDate: z.string(),
  office: z.object({ code: z.string(), name: z.string() }),
  lane: z.object({ id: z.enum(laneIds), name: bilingualView, priority: z.boolean() }),
  /** The window the number belongs to (for standby: the window current at check-in). */
  window: z.object({ number: z.number().int(), start: z.string(), end: z.string() }),
  bookedWindow: z.object({ start: z.string(), end: z.string() }),
  arrival: z.enum(['on_time', 'early', 'late']),
  standbyReason: bilingualView.nullable(),
  expectedCallAt: z.string(),
  area: bilingualView,
  issuedAt: z.string(),
  status: z.enum(ticketStatuses),
  citizen: z.object({ initials: z.string() }),
  booking: z.object({ code: z.string(), applicationKind: z.enum(applicationKinds) }),
  /** The text of the ticket's QR code. */
  qr: z.string(),
  /** True when this booking already held the ticket: a repeated scan returns it unchanged. */
  repeated: z.boolean(),
  /** Issued by a kiosk from its leased numbers while the hub was out of reach. */
  issuedOffline: z.boolean(),
  /** The closing line printed and shown in both languages. */
  notice: bilingualView,
  /** Issued for a booking code the floor did not know while the appointment feed was down. */
  unverified: z.boolean(),
  /** What an unverified ticket says on screen and on paper; null on a verified one. */
  unverifiedNotice: bilingualView.nullable(),
});
export type TicketView = z.infer<typeof ticketView>;

export const rowProblemView = z.object({ field: z.string(), reason: z.string(), message: bilingualView });

export const importSummaryView = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(
    z.object({
      line: z.number().int(),
      bookingCode: z.string().nullable(),
      problems: z.array(rowProblemView),
    }),
  ),
  warnings: z.array(
    z.object({ line: z.number().int(), bookingCode: z.string(), problems: z.array(rowProblemView) }),
  ),
});
export type ImportSummary = z.infer<typeof importSummaryView>;

export const officeView = z.object({
  config: officeConfigSchema,
  today: z.string(),
  now: z.string(),
  closedToday: bilingualView.nullable(),
});
export type OfficeView = z.infer<typeof officeView>;

export const stationView = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(stationModes),
});
export type StationView = z.infer<typeof stationView>;

/** What the supervisor reads a code off: the code, until when it is good, and the hub's fingerprint. */
export const pairingCodeView = z.object({
  station: stationView,
  code: z.string(),
  expiresAt: z.number().int(),
  /** SHA-256 of the hub's certificate, for the IT person to compare on the station; null over plain HTTP. */
  fingerprint: z.string().nullable(),
});

export const floorStationsView = z.object({
  fingerprint: z.string().nullable(),
  stations: z.array(
    stationView.extend({
      createdAt: z.number().int(),
      revokedAt: z.number().int().nullable(),
      /** A counter station's desk number, fixed by the hub. */
      counter: z.number().int().nullable(),
      /** The station's last word on its update (`reportUpdate`, or the hub seeing it check); null before any. */
      update: z
        .object({
          /** The version it runs (null when it has only checked so far). */
          version: z.string().nullable(),
          /** The version it found, downloads, downloaded or failed on. */
          target: z.string().nullable(),
          state: z.enum(updateStates),
          error: z.string().nullable(),
          /** When it said so, in office time (ISO 8601 with the office's offset). */
          at: z.string(),
        })
        .nullable(),
    }),
  ),
});

export const quotaView = z.object({
  officeDate: z.string(),
  windows: z.array(
    z.object({
      number: z.number().int(),
      start: z.string(),
      end: z.string(),
      /** The window has ended (office time): the kiosk no longer lists it. */
      past: z.boolean(),
      lanes: z.array(z.object({ lane: z.enum(laneIds), used: z.number().int(), total: z.number().int() })),
    }),
  ),
});
export type QuotaView = z.infer<typeof quotaView>;

/** Why a slip did not come out, as the station's printer said it. */
export const printProblems = [
  'paper_out',
  'cover_open',
  'error',
  'offline',
  'write_failed',
  'no_printer',
] as const;
export type PrintProblemCode = (typeof printProblems)[number];

export const printResultView = z.object({
  ticketId: z.string(),
  number: z.string(),
  /** 0 for the first print, then 1, 2, … */
  reprint: z.number().int(),
  printed: z.boolean(),
  problem: z.enum(printProblems).nullable(),
  message: bilingualView.nullable(),
});
export type PrintResult = z.infer<typeof printResultView>;

const feedCountsView = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

/** The appointment feed as the supervisor sees it: its host only, never its token or full URL. */
export const feedStatusView = z.object({
  configured: z.boolean(),
  host: z.string().nullable(),
  intervalMinutes: z.number().int().nullable(),
  timeoutSeconds: z.number().int().nullable(),
  /** Office local time (ISO with offset) of the last pull, good or not; null before the first. */
  lastAttemptAt: z.string().nullable(),
  /** Office local time of the last good pull: "last synced". */
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: bilingualView }).nullable(),
  /** What the last good pull found. */
  counts: feedCountsView.nullable(),
  /** Whether the endpoint answered the last pull (null before the first). */
  reachable: z.boolean().nullable(),
  /** While true, a booking code the floor does not know gets an unverified ticket. */
  unverifiedCheckIns: z.boolean(),
});
export type FeedStatusView = z.infer<typeof feedStatusView>;

/** The hub's link to the central store (issue 25): never its key. Times in office local ISO. */
export const centralLinkView = z.object({
  linked: z.boolean(),
  url: z.string().nullable(),
  office: z.string().nullable(),
  /** The last event the central store confirmed, and the hub's newest. */
  shipped: z.number().int(),
  hubSeq: z.number().int(),
  lagEvents: z.number().int(),
  lagMinutes: z.number().int(),
  lastOkAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  failures: z.number().int(),
});
export type CentralLinkView = z.infer<typeof centralLinkView>;
