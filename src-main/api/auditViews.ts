import { z } from 'zod';
import { chainBreakKinds } from '../store/audit.ts';

/** The event chain's verdict: intact, or the first broken row and how it broke. */
export const auditVerdictView = z.object({
  intact: z.boolean(),
  /** False for a log from before the chain: nothing to verify. */
  chained: z.boolean(),
  events: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  broken: z.object({ seq: z.number().int(), kind: z.enum(chainBreakKinds), message: z.string() }).nullable(),
  /** Anchors the chain was compared with. */
  anchors: z.number().int(),
  /** When, in the office's time (ISO 8601 with offset). */
  checkedAt: z.string(),
});
