import { z } from 'zod';

/**
 * The SBI messages a client reads, as zod schemas that accept what real devices send (numbers as
 * strings, extra fields) and nothing it cannot use. Verbs and paths of the HTTP binding: a service
 * on 127.0.0.1, one of ports 4501–4600.
 */
export const operations = {
  discover: { verb: 'MOSIPDISC', path: '/device' },
  info: { verb: 'MOSIPDINFO', path: '/info' },
  capture: { verb: 'RCAPTURE', path: '/capture' },
  stream: { verb: 'STREAM', path: '/stream' },
} as const;
export type Operation = keyof typeof operations;

export const defaultPorts = { from: 4501, to: 4600 } as const;

export const deviceStatuses = ['Ready', 'Busy', 'Not Ready', 'Not Registered'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

const numeric = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)]).transform(Number);

export const sbiErrorSchema = z.object({
  errorCode: z.union([z.string(), z.number()]).transform((code) => Number(code)),
  errorInfo: z.string().optional().default(''),
});
export type SbiError = z.infer<typeof sbiErrorSchema>;

const text = z.string().optional().default('');

/** What discovery and device info both say of a device. */
const deviceFields = {
  deviceId: z.union([z.string(), z.number()]).transform(String),
  deviceStatus: z.enum(deviceStatuses),
  certification: text,
  serviceVersion: text,
  deviceSubId: z.array(numeric).default([]),
  callbackId: text,
  digitalId: text,
  deviceCode: text,
  purpose: text,
  specVersion: z.array(z.string()).optional().default([]),
};

export const discoveredEntrySchema = z.object({ ...deviceFields, error: sbiErrorSchema.nullish() });

export const infoEntrySchema = z.object({ deviceInfo: text, error: sbiErrorSchema.nullish() });

export const deviceInfoSchema = z.object({ ...deviceFields, firmware: text, env: text });

export const digitalIdSchema = z.object({
  serialNo: z.string(),
  make: z.string(),
  model: z.string(),
  type: z.string(),
  deviceSubType: z.string(),
  deviceProvider: z.string(),
  deviceProviderId: z.string().optional().default(''),
  dateTime: z.string().optional().default(''),
});
export type DigitalId = z.infer<typeof digitalIdSchema>;

export const captureResponseSchema = z.object({
  biometrics: z.array(
    z.object({
      specVersion: z.string().optional().default(''),
      data: z.string().nullish(),
      hash: z.string().nullish(),
      error: sbiErrorSchema.nullish(),
    }),
  ),
});

export const captureDataSchema = z.object({
  digitalId: z.string(),
  deviceCode: z.string().optional().default(''),
  deviceServiceVersion: z.string().optional().default(''),
  bioType: z.string(),
  bioSubType: z.string(),
  purpose: z.string().optional().default(''),
  env: z.string().optional().default(''),
  bioValue: z.string().min(1),
  transactionId: z.string(),
  timestamp: z.string(),
  requestedScore: numeric,
  qualityScore: numeric,
});

/** The body of an RCAPTURE request (registration capture). */
export interface RCaptureBody {
  env: string;
  purpose: 'Registration';
  specVersion: string;
  timeout: string;
  captureTime: string;
  transactionId: string;
  bio: Array<{
    type: 'Finger';
    count: string;
    bioSubType: string[];
    exception: string[];
    requestedScore: string;
    deviceId: string;
    deviceSubId: string;
    previousHash: string;
  }>;
  customOpts: Record<string, string> | null;
}

/** ISO 8601 in UTC to the second, the form the spec asks for (2020-12-08T09:39:37Z). */
export const isoSeconds = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A transaction id as the spec allows: 4–50 letters, digits and hyphens. */
export const isTransactionId = (id: string): boolean => /^[A-Za-z0-9-]{4,50}$/.test(id);
