import type { Bilingual, ErrorCode } from '../domain/errors.ts';
import { isLoketError } from '../domain/errors.ts';
import { httpStatusOf } from './errorStatus.ts';

/**
 * What crosses the Electron bridge: a plain result object (an Error thrown across IPC loses its
 * code and messages), the same shape the hub's error body has.
 */
export type BridgeError = {
  code: ErrorCode;
  message: Bilingual;
  status: number;
  details?: Record<string, unknown>;
};
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** The IPC channels between a station window and the main process. */
export const bridgeChannels = {
  call: 'loket:call',
  exit: 'loket:exit',
  setup: 'loket:setup',
  exitRequested: 'loket:exit-requested',
  /** Renderer → main: follow the hub's event stream for this window. */
  follow: 'loket:follow',
  /** Main → renderer: a frame of the stream (`hello` or `event`), and the stream's status. */
  frame: 'loket:frame',
  streamStatus: 'loket:stream-status',
} as const;

export const unreachableHub: Bilingual = {
  id: 'Tidak terhubung ke server loket. Silakan ke meja bantuan.',
  en: 'Cannot reach the floor server. Please go to the help desk.',
};

/** Any failure as a bridge result: a LoketError keeps its code, anything else is INTERNAL. */
export function failure(error: unknown): { ok: false; error: BridgeError } {
  if (isLoketError(error)) {
    return {
      ok: false,
      error: {
        code: error.code,
        message: error.text,
        status: httpStatusOf[error.code],
        ...(Object.keys(error.details).length ? { details: error.details } : {}),
      },
    };
  }
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: {
        id: 'Terjadi kesalahan. Silakan ke meja bantuan.',
        en: 'Something went wrong. Please go to the help desk.',
      },
      status: 500,
    },
  };
}
