import type { InputOf, OperationName, OutputOf } from '../../src-main/api/contract.ts';
import type { Bilingual, ErrorCode } from '../../src-main/domain/errors.ts';
import type { StationMode } from '../../src-main/domain/roles.ts';
import { desktopBridge } from './desktop.ts';

/** An operation's refusal as the hub sent it: a code and the message in both languages. */
export class OperationError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Bilingual,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${text.en}`);
  }
}

const unreachable: Bilingual = {
  id: 'Tidak terhubung ke server loket. Silakan ke meja bantuan.',
  en: 'Cannot reach the floor server. Please go to the help desk.',
};

/**
 * The renderer's typed door to the hub, derived from the contract: `call('checkIn', { text })`
 * is checked against the operation's input and answers its output type. In the desktop app it
 * goes through the preload bridge (the main process holds the station's token); in a browser,
 * over HTTP with the station's HttpOnly session cookie.
 */
export async function call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const desktop = desktopBridge();
  if (desktop) {
    const operation = desktop.api[name];
    if (!operation) throw new OperationError('UNKNOWN_OPERATION', unreachable, 0);
    const result = await operation(input).catch(() => null);
    if (!result) throw new OperationError('INTERNAL', unreachable, 0);
    if (result.ok) return result.value as OutputOf<N>;
    const { code, message, status, details } = result.error;
    throw new OperationError(code, message, status, details);
  }
  let response: Response;
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  } catch {
    throw new OperationError('INTERNAL', unreachable, 0);
  }
  const body = (await response.json().catch(() => null)) as {
    error?: { code: ErrorCode; message: Bilingual; details?: Record<string, unknown> };
  } | null;
  if (!response.ok) {
    const error = body?.error;
    throw new OperationError(
      error?.code ?? 'INTERNAL',
      error?.message ?? unreachable,
      response.status,
      error?.details,
    );
  }
  return body as OutputOf<N>;
}

/** Signs this browser in as a station with its token (sent once, in the body). */
export async function signIn(
  token: string,
  mode: StationMode,
): Promise<{ id: string; name: string; mode: string }> {
  // The page's mode goes along: the hub opens no session for a token of another mode.
  const response = await fetch('/auth/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: token.trim(), mode }),
  });
  const body = (await response.json().catch(() => null)) as {
    error?: { code: ErrorCode; message: Bilingual };
  } | null;
  if (!response.ok) {
    throw new OperationError(
      body?.error?.code ?? 'UNAUTHORIZED',
      body?.error?.message ?? unreachable,
      response.status,
    );
  }
  return body as { id: string; name: string; mode: string };
}
