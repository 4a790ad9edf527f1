import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { ServiceContext } from '../services/context.ts';
import { LoketError } from '../domain/errors.ts';
import { browserSessionDays, hashToken, stationForSession, stationForToken } from '../services/stations.ts';
import type { Station } from '../store/stations.ts';

export const sessionCookie = 'loket_session';

/**
 * Who is calling: a station program sends `Authorization: Bearer <token>`; a browser station sends
 * the HttpOnly session cookie it got from `POST /auth/session`. A cookie is honoured only from the
 * hub's own pages (SameSite=Strict, and an Origin, when sent, naming this hub), so another site
 * open in the same browser cannot act as the station.
 */
export function authenticateRequest(ctx: ServiceContext, headers: IncomingHttpHeaders): Station | null {
  if (headers.authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/i.exec(headers.authorization);
    return match ? stationForToken(ctx, match[1] as string) : null;
  }
  const secret = sessionSecretOf(headers);
  if (!secret || !sameOrigin(headers)) return null;
  return stationForSession(ctx, secret);
}

/** The header a station program names itself with: a random id it makes once per process. */
export const clientHeader = 'x-loket-client';
const clientIdPattern = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Which client of a station is calling, for binding an officer's session to the client that signed
 * them in: a browser by its session (the cookie's hash, never the secret), a program holding the
 * token by the id it sends in `x-loket-client`, or null when it names none (the bare token).
 */
export function clientOf(headers: IncomingHttpHeaders): string | null {
  if (headers.authorization !== undefined) {
    const named = headers[clientHeader];
    if (named === undefined) return null;
    if (typeof named !== 'string' || !clientIdPattern.test(named))
      throw new LoketError('INVALID_INPUT', {
        id: 'Tanda pengenal klien stasiun tidak valid.',
        en: 'The station client id is not valid.',
      });
    return `app:${named}`;
  }
  const secret = sessionSecretOf(headers);
  return secret ? `browser:${hashToken(secret)}` : null;
}

export function sessionSecretOf(headers: IncomingHttpHeaders): string | null {
  if (!headers.cookie) return null;
  return parseCookie(headers.cookie)[sessionCookie] ?? null;
}

function sameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true; // same-origin GETs and non-browser clients send none
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

export function sessionCookieHeader(secret: string, secure: boolean): string {
  return stringifySetCookie({
    name: sessionCookie,
    value: secret,
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
    maxAge: browserSessionDays * 24 * 60 * 60,
  });
}

export function clearedSessionCookieHeader(secure: boolean): string {
  return stringifySetCookie({
    name: sessionCookie,
    value: '',
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
    maxAge: 0,
  });
}
