/**
 * The sidecar's JSON job API (README.md, "Sidecar API"), as schemas both the client and the
 * reference sidecar use, so the two cannot drift.
 */
import { z } from 'zod';

export const printerStates = ['idle', 'busy', 'paused', 'offline', 'error'] as const;

/** GET /status → 200 */
export const statusAnswer = z.object({
  state: z.enum(printerStates),
  reason: z.string().optional(),
  currentJob: z.string().optional(),
});

/** POST /jobs, body */
export const jobRequest = z.object({
  jobId: z.string().min(1),
  title: z.string(),
  /** The PDF, base64. */
  pdf: z.string().min(1),
});

/** POST /jobs → 201 */
export const jobAccepted = z.object({ printerJobId: z.string().min(1) });

/** GET /jobs/:printerJobId → 200 */
export const jobAnswer = z.object({
  state: z.enum(['queued', 'printing', 'done', 'failed']),
  reason: z.string().optional(),
  /** With `failed`: false only when the printer never touched the booklet. Absent counts as true. */
  started: z.boolean().optional(),
});

/** Any 4xx or 5xx answer. */
export const problemAnswer = z.object({ reason: z.string() });

export type SidecarStatus = z.infer<typeof statusAnswer>;
export type SidecarJobRequest = z.infer<typeof jobRequest>;
export type SidecarJob = z.infer<typeof jobAnswer>;
