import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { eventsUrl } from '../support/events.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub;
beforeEach(async () => {
  t = await startTestHub();
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv([sampleAppointment(1)]),
  });
});
afterEach(() => t.close());

/** Signs in as a browser would: the token in a JSON body, once. Returns the cookie pair and the reply. */
async function signIn(token: string, mode?: string) {
  const response = await fetch(`${t.hub.url}/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.hub.url },
    body: JSON.stringify(mode ? { token, mode } : { token }),
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, setCookie, cookie: setCookie.split(';')[0] ?? '' };
}

function callWithCookie(
  operation: string,
  input: unknown,
  cookie: string,
  origin: string | null = t.hub.url,
) {
  return fetch(`${t.hub.url}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...(origin ? { origin } : {}) },
    body: JSON.stringify(input),
  });
}

describe('a browser station (a board on a smart TV, a kiosk in a browser)', () => {
  it('signs in once with its token in the body and then works from an HttpOnly, SameSite=Strict cookie', async () => {
    const kiosk = t.pair('kiosk', 'Kiosk browser');
    const { response, setCookie, cookie } = await signIn(kiosk);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ mode: 'kiosk', name: 'Kiosk browser' });
    expect(setCookie).toMatch(/^loket_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    // The cookie is a session secret of its own, never the station's token.
    expect(setCookie).not.toContain(kiosk);

    const ticket = await callWithCookie('checkIn', { text: 'MPDPS-00001' }, cookie);
    expect(ticket.status).toBe(200);
    expect(((await ticket.json()) as { number: string }).number).toBe('A2-001');
  });

  it('keeps the station’s role: a board signed in by cookie still may not check anyone in', async () => {
    const { cookie } = await signIn(t.pair('display'));
    expect((await callWithCookie('whoAmI', {}, cookie)).status).toBe(200);
    expect((await callWithCookie('checkIn', { text: 'MPDPS-00001' }, cookie)).status).toBe(403);
  });

  it('opens no session for a token of another mode than the page it was typed at', async () => {
    const counter = t.pair('counter', 'Loket 1');
    const before = t.hub.store.events.lastSeq();
    const refused = await signIn(counter, 'kiosk');
    expect(refused.response.status).toBe(403);
    expect(((await refused.response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect(refused.setCookie).toBe('');
    // Nothing signed in: no station.signedIn event, and the same token at its own page works.
    expect(t.hub.store.events.lastSeq()).toBe(before);
    const own = await signIn(counter, 'counter');
    expect(own.response.status).toBe(200);
    expect((await callWithCookie('whoAmI', {}, own.cookie)).status).toBe(200);
  });

  it('refuses a wrong token at sign-in and sets no cookie', async () => {
    const { response, setCookie } = await signIn('not-a-real-token');
    expect(response.status).toBe(401);
    expect(setCookie).toBe('');
  });

  it('refuses the cookie when another web site sends it', async () => {
    const { cookie } = await signIn(t.pair('kiosk'));
    const forged = await callWithCookie('checkIn', { text: 'MPDPS-00001' }, cookie, 'http://calo.example');
    expect(forged.status).toBe(401);
    expect(t.hub.store.tickets.listForDay('2026-11-30')).toEqual([]);
  });

  it('ends every browser session of a station the moment the station is revoked', async () => {
    const token = t.pair('kiosk');
    const { cookie } = await signIn(token);
    const station = t.hub.store.stations.list().find((s) => s.mode === 'kiosk');
    t.hub.store.stations.revoke(station?.id as string, t.clock.now());
    expect((await callWithCookie('whoAmI', {}, cookie)).status).toBe(401);
  });

  it('signs out: the cookie is cleared and the old secret no longer works', async () => {
    const { cookie } = await signIn(t.pair('kiosk'));
    const out = await fetch(`${t.hub.url}/auth/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/loket_session=;.*Max-Age=0/i);
    expect((await callWithCookie('whoAmI', {}, cookie)).status).toBe(401);
  });

  it('follows the event stream with its cookie, but not when another site opens the socket', async () => {
    const { cookie } = await signIn(t.pair('display'));
    const hello = await new Promise<string>((resolve, reject) => {
      const socket = new WebSocket(eventsUrl(t.hub.url), { headers: { cookie, origin: t.hub.url } });
      socket.once('message', (data) => {
        resolve(String(data));
        socket.close();
      });
      socket.once('error', reject);
    });
    expect(JSON.parse(hello)).toMatchObject({ type: 'hello', station: { mode: 'display' } });

    const refused = await new Promise<string>((resolve) => {
      const socket = new WebSocket(eventsUrl(t.hub.url), {
        headers: { cookie, origin: 'http://calo.example' },
      });
      socket.once('open', () => resolve('opened'));
      socket.once('error', (error) => resolve(error.message));
    });
    expect(refused).toMatch(/401/);
  });
});
