import { z } from 'zod';

/** A message in both of the office's languages: Bahasa Indonesia first, English second. */
export interface Bilingual {
  id: string;
  en: string;
}

export const bilingualSchema = z.object({ id: z.string().max(2000), en: z.string().max(2000) });

/**
 * Every error a caller can see. The code is for logs and programs; the message is what a citizen
 * or officer reads. docs/api.md lists them all.
 */
export const errorCodes = [
  'INVALID_SCAN',
  'UNKNOWN_BOOKING',
  'WRONG_DAY',
  'WRONG_OFFICE',
  'TOO_EARLY',
  'OFFICE_CLOSED',
  'NOT_FOUND',
  'REPRINT_LIMIT',
  'INVALID_CONFIG',
  'CONFIG_DAMAGED',
  'DATABASE_DAMAGED',
  'IMPORT_UNREADABLE',
  'FEED_NOT_CONFIGURED',
  'FEED_UNREACHABLE',
  'FEED_TIMEOUT',
  'FEED_INVALID',
  'INVALID_INPUT',
  'INVALID_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TOO_MANY_ATTEMPTS',
  'OFFICER_REQUIRED',
  'LOCKED',
  'CONFLICT',
  'CERTIFICATE_CHANGED',
  'APPROVAL_REQUIRED',
  'DEVICE_ERROR',
  'KEY_UNAVAILABLE',
  'WRONG_KEY',
  'UNKNOWN_OPERATION',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export class LoketError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Bilingual,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${text.en}`);
    this.name = 'LoketError';
  }

  toJSON(): { code: ErrorCode; message: Bilingual; details?: Record<string, unknown> } {
    return Object.keys(this.details).length
      ? { code: this.code, message: this.text, details: this.details }
      : { code: this.code, message: this.text };
  }
}

export function isLoketError(value: unknown): value is LoketError {
  return value instanceof LoketError;
}
