import { z } from 'zod';
import { applicationKinds } from '../domain/appointment.ts';
import { laneIds } from '../domain/office.ts';
import { applicationStatuses, entryStatuses, printJobStates, ticketStatuses } from '../domain/states.ts';
import { bilingualView, ticketView } from './views.ts';

/**
 * What the help desk sees of a citizen: the booking, and the day as every other screen knows it —
 * checked in or not, which ticket and how often it came out of a printer, where the visit is (called?
 * at which counter?), the application and its pickup date. Personal data: only the help desk (and
 * no public screen) receives it.
 */
export const helpDeskCitizenView = z.object({
  bookingCode: z.string(),
  fullName: z.string(),
  nik: z.string(),
  birthDate: z.string(),
  applicationKind: z.enum(applicationKinds),
  appointmentDate: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  lane: z.enum(laneIds),
  /** The booking is for the office's today. */
  today: z.boolean(),
  /** A placeholder made for an unverified ticket, not yet in the appointment list. */
  unverified: z.boolean(),
  ticket: z
    .object({
      id: z.string(),
      number: z.string(),
      status: z.enum(ticketStatuses),
      lane: bilingualView,
      issuedAt: z.string(),
      arrival: z.enum(['on_time', 'early', 'late']),
      unverified: z.boolean(),
      /** How often it came out of a printer (the first print and the reprints). */
      printed: z.number().int(),
      /** Reprints left before a supervisor must approve one. */
      reprintsLeft: z.number().int(),
    })
    .nullable(),
  visit: z
    .object({
      stage: z.object({ id: z.string(), name: bilingualView }),
      status: z.enum(entryStatuses),
      counter: z.number().int().nullable(),
      /** Called at a counter at least once today (at this stage or an earlier one). */
      called: z.boolean(),
    })
    .nullable(),
  application: z
    .object({
      number: z.string(),
      status: z.enum(applicationStatuses),
      pickupDate: z.string().nullable(),
      printState: z.enum(printJobStates).nullable(),
      handedOver: z.boolean(),
    })
    .nullable(),
});
export type HelpDeskCitizenView = z.infer<typeof helpDeskCitizenView>;

export const helpDeskSearchInput = z
  .object({
    /** A booking code (dashes, spaces and case do not matter), a 16-digit NIK, or part of a name. */
    query: z.string().trim().min(2).max(80),
  })
  .strict();

export const helpDeskSearchView = z.object({
  officeDate: z.string(),
  /** How the query was read. */
  kind: z.enum(['code', 'nik', 'name']),
  results: z.array(helpDeskCitizenView).max(20),
  /**
   * The appointment list may be incomplete (the feed is down): a booking code the floor does not
   * know can still get an unverified ticket.
   */
  unverifiedAllowed: z.boolean(),
});
export type HelpDeskSearchView = z.infer<typeof helpDeskSearchView>;

export const helpDeskCheckInInput = z
  .object({
    /** A booking code found by the look-up, or typed (an unknown one gets an unverified ticket while the feed is down). */
    bookingCode: z.string().trim().min(6).max(40),
    priority: z.enum(['lansia', 'disabilitas', 'hamil', 'balita']).optional(),
  })
  .strict();

export const helpDeskCheckInView = z.object({ ticket: ticketView, citizen: helpDeskCitizenView.nullable() });

export const helpDeskPrintInput = z
  .object({
    ticketId: z.uuid(),
    /** A supervisor's username and PIN, typed at the desk: needed past the reprint limit. */
    approval: z
      .object({ username: z.string().min(1).max(40), secret: z.string().min(1).max(128) })
      .strict()
      .optional(),
  })
  .strict();
