import { z } from 'zod';
import { appointmentSchema, kioskBookingSchema } from '../domain/appointment.ts';
import { laneIds, officeConfigSchema, priorityLaneIds } from '../domain/office.ts';
import { localDatePattern, timeOfDayPattern } from '../domain/localTime.ts';
import type { TicketRecord } from '../store/tickets.ts';
import { ticketView } from './views.ts';
import { ticketStatuses } from '../domain/states.ts';

/** The schemas of the floor working apart: leases, offline tickets, conflicts, replica snapshots. */

const lane = z.enum(laneIds);
const uuid = z.uuid();

export const numberLeaseView = z.object({
  id: uuid,
  stationId: uuid,
  officeDate: z.string().regex(localDatePattern),
  lane,
  windowNumber: z.number().int().min(1).max(100),
  firstSeq: z.number().int().min(1),
  lastSeq: z.number().int().min(1),
  grantedAt: z.number().int(),
  usedUpTo: z.number().int().nullable(),
});

export const leaseRequest = z
  .object({
    exhausted: z
      .array(z.object({ lane, windowNumber: z.number().int().min(1).max(100) }).strict())
      .max(200)
      .optional(),
  })
  .strict();

export const leasesView = z.object({
  officeDate: z.string(),
  leases: z.array(numberLeaseView),
});

/** A ticket as a kiosk issued it while apart (the hub checks its number against the kiosk's leases). */
export const offlineTicketInput = z
  .object({
    id: uuid,
    officeDate: z.string().regex(localDatePattern),
    number: z.string().regex(/^[A-Z]{1,3}\d{1,3}-\d{3,5}$/),
    lane,
    windowNumber: z.number().int().min(1).max(100),
    sequence: z.number().int().min(1).max(99_999),
    bookingCode: appointmentSchema.shape.bookingCode,
    arrival: z.enum(['on_time', 'early', 'late']),
    windowStart: z.string().regex(timeOfDayPattern),
    windowEnd: z.string().regex(timeOfDayPattern),
    expectedCall: z.string().regex(timeOfDayPattern),
    issuedAt: z.number().int().min(0),
  })
  .strict();

/** What of a ticket record travels in `checkInOffline`: exactly the fields its schema names. */
export function offlineTicketOf(ticket: TicketRecord): z.infer<typeof offlineTicketInput> {
  const fields = Object.keys(offlineTicketInput.shape) as (keyof z.infer<typeof offlineTicketInput>)[];
  return Object.fromEntries(fields.map((field) => [field, ticket[field]])) as z.infer<
    typeof offlineTicketInput
  >;
}

export const offlineCheckInInput = z
  .object({ ticket: offlineTicketInput, priorityClaimed: z.enum(priorityLaneIds).optional() })
  .strict();

export const offlineCheckInView = z.object({
  outcome: z.enum(['accepted', 'already', 'renumbered', 'conflict_kept', 'conflict_voided']),
  ticket: ticketView,
});

const conflictTicket = z.object({
  id: z.string(),
  number: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string().nullable(),
});

export const offlineConflictsView = z.object({
  officeDate: z.string(),
  conflicts: z.array(
    z.object({
      id: z.string(),
      bookingCode: z.string(),
      foundAt: z.string(),
      kept: conflictTicket,
      voided: conflictTicket,
    }),
  ),
  /** Commands from stations' outboxes the hub turned away today (kept, never dropped). */
  refused: z.array(
    z.object({
      id: z.string(),
      station: z.string(),
      operation: z.string(),
      code: z.string(),
      message: z.object({ id: z.string(), en: z.string() }),
      at: z.string(),
    }),
  ),
  /**
   * Commands a station's outbox has been failing on for minutes, as the station reported them
   * (`reportStuckCommand`), until the hub applies or refuses them: the station, the command, the
   * hub's answer, since when (office-local) and how many attempts.
   */
  stuck: z.array(
    z.object({
      id: z.string(),
      station: z.string(),
      operation: z.string(),
      status: z.number().int(),
      code: z.string(),
      message: z.object({ id: z.string(), en: z.string() }),
      since: z.string(),
      attempts: z.number().int(),
      at: z.string(),
    }),
  ),
});

/** What a station says of a command its outbox keeps failing on (`reportStuckCommand`). */
export const stuckCommandInput = z
  .object({
    commandId: z.uuid(),
    operation: z.string().min(1).max(60),
    /** When the first attempt failed (epoch ms, the station's clock). */
    since: z.number().int().min(0),
    attempts: z.number().int().min(1).max(1_000_000),
    /** The hub's last answer to it. */
    answer: z
      .object({
        status: z.number().int().min(0).max(599),
        code: z.string().max(60),
        message: z.object({ id: z.string().max(500), en: z.string().max(500) }).strict(),
      })
      .strict(),
  })
  .strict();

const ticketRecordView = offlineTicketInput.extend({
  status: z.enum(ticketStatuses),
  issuedBy: z.string().nullable(),
  issuedOffline: z.boolean(),
  unverified: z.boolean().optional(),
});

export const replicaSnapshotView = z.object({
  lastSeq: z.number().int(),
  officeDate: z.string(),
  office: officeConfigSchema,
  /** What check-in uses of each booking, the NIK as a keyed hash (UU 27/2022). */
  bookings: z.array(kioskBookingSchema),
  /** The key of those hashes, to hash a NIK typed at the kiosk while apart. */
  nikKey: z.string().regex(/^[0-9a-f]{64}$/),
  tickets: z.array(ticketRecordView),
});
