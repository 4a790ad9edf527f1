import { z } from 'zod';
import { laneIds } from './laneIds.ts';
import { ticketStatuses } from './states.ts';
import { minutesOf, timeOfDayFrom, type TimeOfDay } from './localTime.ts';

/** A queue number: lane prefix, arrival window, and the sequence within them — `A2-014`. */
export function ticketNumber(prefix: string, windowNumber: number, sequence: number): string {
  return `${prefix}${windowNumber}-${String(sequence).padStart(3, '0')}`;
}

/**
 * When a ticket can expect its call: the lane's quota spread evenly over the window, so the n-th
 * ticket of a window of 60 minutes with a quota of 24 expects its call 2.5 × (n − 1) minutes into
 * it — never earlier than the moment of check-in. A standby ticket waits for its window to end.
 */
export function expectedCallTime(args: {
  window: { start: TimeOfDay; end: TimeOfDay };
  sequence: number;
  quotaPerWindow: number;
  minuteOfDay: number;
  standby: boolean;
}): TimeOfDay {
  const start = minutesOf(args.window.start);
  const end = minutesOf(args.window.end);
  if (args.standby) return timeOfDayFrom(Math.max(end, args.minuteOfDay));
  const slot = (end - start) / Math.max(1, args.quotaPerWindow);
  const planned = start + slot * (args.sequence - 1);
  return timeOfDayFrom(Math.ceil(Math.max(planned, args.minuteOfDay)));
}

/** The initials shown on a screen the person behind may read: "Ni Made Ayu Lestari" → "N. M. A. L.". */
export function initialsOf(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${Array.from(word)[0]?.toLocaleUpperCase('id-ID')}.`)
    .join(' ');
}

/** The text of the QR printed on a ticket, which every later station scans. */
export function ticketQr(officeCode: string, ticketId: string): string {
  return `LOKET:T:${officeCode}:${ticketId}`;
}

export const arrivalKinds = ['on_time', 'early', 'late'] as const;
export type ArrivalKind = (typeof arrivalKinds)[number];

const timeOfDay = z.string().regex(/^\d{2}:\d{2}$/);

/** A queue ticket as the floor keeps it and the `ticket.issued` event carries it. */
export const ticketRecordSchema = z.object({
  id: z.string().min(1).max(64),
  officeDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  number: z.string().min(1).max(20),
  lane: z.enum(laneIds),
  windowNumber: z.number().int().min(0),
  sequence: z.number().int().min(0),
  bookingCode: z.string().min(1).max(40),
  status: z.enum(ticketStatuses),
  arrival: z.enum(arrivalKinds),
  windowStart: timeOfDay,
  windowEnd: timeOfDay,
  expectedCall: timeOfDay,
  issuedAt: z.number().int(),
  issuedBy: z.string().nullable(),
  /** Issued by a kiosk from its leased numbers while the hub was out of reach. */
  issuedOffline: z.boolean(),
  /** Issued for a booking code the floor did not know while the appointment feed was down. */
  unverified: z.boolean().optional(),
});
export type TicketRecord = z.infer<typeof ticketRecordSchema>;
