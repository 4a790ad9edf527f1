import { unreachableHub, type BridgeResult } from '../api/bridge.ts';
import type { Bilingual, ErrorCode } from '../domain/errors.ts';
import { certificateChanged, hubFetch, isCertificateChanged, type HubPin } from './hubTls.ts';
import { stationClientHeaders } from './clientId.ts';

export interface CallOptions {
  /** An outbox command's id: the hub applies it once and answers a resend with the same result. */
  commandId?: string;
  /** When the station did the command (epoch ms): the hub applies it as of then. */
  commandAt?: number;
  /** How long to wait for the hub before answering that it is out of reach. */
  timeoutMs?: number;
}

export interface HubClient {
  readonly url: string;
  call(name: string, input: unknown, options?: CallOptions): Promise<BridgeResult<unknown>>;
}

/** How long a station waits for the hub before telling the citizen it cannot reach it. */
const callTimeoutMs = 10_000;

export interface HubClientOptions {
  /** The certificate pinned at pairing, for a hub on https: no other one is ever sent the token. */
  pin?: HubPin | undefined;
}

/**
 * The station's door to its hub: `POST /api/<operation>` with the station's bearer token, which
 * stays in the main process and never reaches the window.
 */
export function hubClient(url: string, token: string, options: HubClientOptions = {}): HubClient {
  const fetch = hubFetch(options.pin);
  return {
    url,
    async call(name, input, command = {}) {
      let response: Response;
      try {
        response = await fetch(`${url}/api/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            ...stationClientHeaders,
            'content-type': 'application/json',
            ...(command.commandId ? { 'x-loket-command': command.commandId } : {}),
            ...(command.commandAt !== undefined ? { 'x-loket-command-at': String(command.commandAt) } : {}),
          },
          body: JSON.stringify(input ?? {}),
          signal: AbortSignal.timeout(command.timeoutMs ?? callTimeoutMs),
        });
      } catch (error) {
        if (isCertificateChanged(error))
          return {
            ok: false,
            error: { code: 'CERTIFICATE_CHANGED', message: certificateChanged, status: 0 },
          };
        return { ok: false, error: { code: 'INTERNAL', message: unreachableHub, status: 0 } };
      }
      const body = (await response.json().catch(() => null)) as {
        error?: { code: ErrorCode; message: Bilingual; details?: Record<string, unknown> };
      } | null;
      // An answer cut off mid-body is no answer: the call may or may not have happened.
      if (response.ok && body !== null) return { ok: true, value: body };
      if (response.ok) return { ok: false, error: { code: 'INTERNAL', message: unreachableHub, status: 0 } };
      return {
        ok: false,
        error: {
          code: body?.error?.code ?? 'INTERNAL',
          message: body?.error?.message ?? unreachableHub,
          status: response.status,
          ...(body?.error?.details ? { details: body.error.details } : {}),
        },
      };
    },
  };
}
