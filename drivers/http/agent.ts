/**
 * What the HTTP device drivers share: a connection pool per device, and the system error code
 * behind an undici failure (undici wraps it in `cause`).
 */
import { Agent } from 'undici';

/**
 * A connection pool of its own, so closing a device cuts its connections and nothing else's. Body
 * and header timeouts are off: every call carries its own deadline as an abort signal.
 */
export function deviceAgent(connectTimeoutMs: number): Agent {
  return new Agent({
    connect: { timeout: connectTimeoutMs },
    headersTimeout: 0,
    bodyTimeout: 0,
    keepAliveTimeout: 1000,
  });
}

/** `ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`, … from an error or its causes. */
export function errorCode(error: unknown): string | undefined {
  for (let at: unknown = error, depth = 0; at && depth < 4; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}
