import type { ErrorCode } from '../domain/errors.ts';

/** The HTTP status each error code travels with. */
export const httpStatusOf: Record<ErrorCode, number> = {
  INVALID_SCAN: 422,
  UNKNOWN_BOOKING: 404,
  WRONG_DAY: 422,
  WRONG_OFFICE: 422,
  TOO_EARLY: 422,
  OFFICE_CLOSED: 422,
  NOT_FOUND: 404,
  INVALID_CONFIG: 422,
  IMPORT_UNREADABLE: 422,
  INVALID_INPUT: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNKNOWN_OPERATION: 404,
  INTERNAL: 500,
};
