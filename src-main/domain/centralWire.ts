import { z } from 'zod';
import { pseudonymPattern } from './eventShipping.ts';

/**
 * What a hub sends the central service and what it answers (issue 25, docs/central.md). A batch is
 * the office's events after `after`, in log order, each already reduced to what leaves the office
 * (eventShipping.ts) and carrying the central chain's hash (store/eventChain.ts `shippedHash`).
 * The body is signed with the office's key: `x-loket-office` names the office and
 * `x-loket-signature` is the hex HMAC-SHA256 of the raw body under that key.
 */
export const officeCodePattern = /^[A-Z0-9]{2,10}$/;
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const shippedEventSchema = z.strictObject({
  seq: z.number().int().min(1),
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(60),
  at: z.number().int().min(0),
  actor: z.string().regex(pseudonymPattern).nullable(),
  station: z.string().min(1).max(100).nullable(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  /**
   * The logged payload did not fit what the catalogue ships today (an event written by an older
   * version): it stays in the office and the event goes without it, so the link never stalls.
   */
  withheld: z.literal(true).optional(),
  floorHash: hash,
  floorPrevHash: hash,
  hash,
});
export type WireEvent = z.infer<typeof shippedEventSchema>;

/** At most this many events in one batch (and the hub sends no more). */
export const maxBatchEvents = 2000;

export const ingestBatchSchema = z.strictObject({
  office: z.string().regex(officeCodePattern),
  /** The last event the hub believes the central store holds (0 for none). */
  after: z.number().int().min(0),
  /** The office's IANA time zone, for the reports' local days. */
  timeZone: z.string().min(1).max(60),
  /** The hub's own newest event when it sent, and its time: the lag the central store shows. */
  hubSeq: z.number().int().min(0),
  hubAt: z.number().int().min(0).nullable(),
  events: z.array(shippedEventSchema).max(maxBatchEvents),
});
export type IngestBatch = z.infer<typeof ingestBatchSchema>;

/** The answer: where the office's log now stands in the central store. */
export interface IngestAnswer {
  cursor: number;
  hash: string;
  applied: number;
}

export const officeHeader = 'x-loket-office';
export const signatureHeader = 'x-loket-signature';
