/**
 * The office's state lists, each a closed union: the store keeps them, the contract names them.
 * The store's CHECK constraints (migrations) hold the same lists.
 */

/** A ticket as issued: waiting for its stages, cancelled by the citizen, or voided by a supervisor. */
export const ticketStatuses = ['waiting', 'cancelled', 'void'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** A ticket's place in one stage's queue. */
export const entryStatuses = [
  'waiting',
  'called',
  'serving',
  'held',
  'done',
  'no_show',
  'transferred',
  'cancelled',
] as const;
export type EntryStatus = (typeof entryStatuses)[number];

/** A counter, as the officer at it sets it. */
export const counterStates = ['available', 'serving', 'on_break', 'closed'] as const;
export type CounterState = (typeof counterStates)[number];

/** Why a counter is on a break: the officer names it, the supervisor sees the day's time per reason. */
export const breakReasons = ['istirahat', 'sholat', 'rapat', 'gangguan'] as const;
export type BreakReason = (typeof breakReasons)[number];

/** What an officer decided about a priority a citizen claimed at the kiosk. */
export const claimDecisions = ['confirmed', 'refused'] as const;
export type ClaimDecision = (typeof claimDecisions)[number];

/** An application opened at the interview, until it leaves for adjudication. */
export const applicationStatuses = ['interview', 'postponed', 'refused', 'adjudication'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** A passport's job in the print queue. */
export const printJobStates = ['queued', 'printing', 'printed', 'ready', 'collected'] as const;
export type PrintJobState = (typeof printJobStates)[number];

/**
 * The passport printer, as the print station shows it (the drivers' own list says the same; the
 * contract takes it from here, so the station bundles never pull in a driver).
 */
export const passportPrinterStates = ['idle', 'busy', 'paused', 'offline', 'error'] as const;

/** How a row of the event log's hash chain was found broken (`loket audit verify`). */
export const chainBreakKinds = ['deleted', 'edited', 'inserted', 'reordered', 'anchor'] as const;
export type ChainBreakKind = (typeof chainBreakKinds)[number];
