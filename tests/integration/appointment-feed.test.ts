import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { configureFeed, feedStatus } from '../../src-main/services/appointmentFeed.ts';
import { pullAppointments } from '../../src-main/hub/appointmentFeed.ts';
import { addUser, requireOfficer, signIn } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { callNext, type CounterCaller } from '../../src-main/services/counters.ts';
import { counterView } from '../../src-main/services/counterViews.ts';
import { ticketDocument } from '../../src-main/documents/ticketLayout.ts';
import { AttemptLimiter } from '../../src-main/domain/attempts.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor, type TestFloor } from '../support/floor.ts';
import { FeedEndpoint } from '../support/feedEndpoint.ts';
import { refusalOf } from '../support/refusal.ts';
import { runLoket, startTestHub, type TestHub } from '../support/hub.ts';

let floor: TestFloor;
let endpoint: FeedEndpoint;
const supervisor = { stationId: null, actor: 'spv' };
/** Retries at once: the back-off's length is the bench's business, not the floor's. */
const quickly = { retryDelaysMs: [0, 0] };

beforeEach(async () => {
  floor = makeFloor({ now: at('2026-11-30', '09:15') });
  endpoint = await FeedEndpoint.start();
});
afterEach(async () => {
  floor.close();
  await endpoint.close();
});

/** A booking as the M-Paspor JSON export writes it (lane empty for regular). */
const row = (index: number, changes: Record<string, unknown> = {}) => {
  const booking = sampleAppointment(index);
  return { ...booking, lane: booking.lane === 'regular' ? '' : booking.lane, ...changes };
};

const pointAtEndpoint = (settings: { token?: string; timeoutSeconds?: number } = {}) =>
  configureFeed(floor.ctx, commandLine, { url: endpoint.url, intervalMinutes: 15, ...settings });

const pull = (options = quickly) => pullAppointments(floor.ctx, supervisor, options);
const bookingCount = () => floor.store.bookings.count();
const eventTypes = () => floor.store.events.readAfter(0, 10_000).map((e) => e.type);
const scan = (text: string) => checkIn(floor.ctx, floor.kiosk, { text });

describe('pulling the day’s bookings from the M-Paspor endpoint', () => {
  it('imports the day’s bookings as the file import does and shows when it last synced', async () => {
    pointAtEndpoint({ token: 's3cret-token' });
    endpoint.answerWith(FeedEndpoint.json([row(1), row(2), row(3, { lane: 'lansia' })]));

    const status = await pull();

    expect(status).toMatchObject({
      configured: true,
      host: new URL(endpoint.url).host,
      lastSuccessAt: '2026-11-30T09:15:00+08:00',
      lastError: null,
      counts: { rows: 3, created: 3, updated: 0, unchanged: 0 },
      reachable: true,
      unverifiedCheckIns: false,
    });
    expect(JSON.stringify(status)).not.toContain('s3cret-token');
    expect(floor.store.bookings.find('MPDPS-00003')).toEqual(sampleAppointment(3, { lane: 'lansia' }));
    expect(eventTypes().filter((t) => t === 'booking.imported')).toHaveLength(3);
    // It asked for the office's local day, as JSON, with its token.
    expect(endpoint.seen[0]).toMatchObject({
      accept: 'application/json',
      authorization: 'Bearer s3cret-token',
    });
    expect(endpoint.seen[0]?.url).toContain('date=2026-11-30');
    expect(endpoint.seen[0]?.url).toContain('office=DPS');
    // A citizen on the list checks in.
    expect(scan('MPDPS-00002').number).toBe('A2-001');
  });

  it('a booking changed at M-Paspor is updated on the next pull, and an unchanged list changes nothing', async () => {
    pointAtEndpoint();
    endpoint.answerWith(FeedEndpoint.json([row(1), row(2)]));
    await pull();
    endpoint.answerWith(FeedEndpoint.json([row(1), row(2, { windowStart: '10:00', windowEnd: '11:00' })]));
    expect((await pull()).counts).toEqual({ rows: 2, created: 0, updated: 1, unchanged: 1 });
    expect(floor.store.bookings.find('MPDPS-00002')?.windowStart).toBe('10:00');
    expect(eventTypes()).toContain('booking.updated');
  });

  it('an endpoint that answers too slowly is recorded as a timeout and imports nothing', async () => {
    pointAtEndpoint({ timeoutSeconds: 1 });
    endpoint.answerWith({ hang: true });
    const status = await pull({ retryDelaysMs: [] });
    expect(status.lastError).toMatchObject({
      code: 'FEED_TIMEOUT',
      message: { id: expect.stringContaining('tidak menjawab dalam 1 detik'), en: expect.any(String) },
    });
    expect(status).toMatchObject({ lastSuccessAt: null, reachable: false, unverifiedCheckIns: true });
    expect(bookingCount()).toBe(0);
  });

  it('a server error is retried and the retry’s answer imported', async () => {
    pointAtEndpoint();
    endpoint.answerWith({ status: 500, body: 'oops' }, FeedEndpoint.json([row(1)]));
    const status = await pull();
    expect(endpoint.seen).toHaveLength(2);
    expect(status).toMatchObject({ lastError: null, counts: { created: 1 } });
    expect(bookingCount()).toBe(1);
  });

  it('an endpoint failing every attempt is recorded as unreachable in both languages, and nothing changes', async () => {
    pointAtEndpoint();
    endpoint.answerWith(FeedEndpoint.json([row(1)]));
    await pull();
    endpoint.answerWith({ status: 503, body: 'maintenance' });
    const status = await pull();
    expect(endpoint.seen).toHaveLength(1 + 3);
    expect(status.lastError?.code).toBe('FEED_UNREACHABLE');
    expect(status.lastError?.message.id).toContain('HTTP 503');
    expect(status.lastError?.message.en).toContain('HTTP error 503');
    expect(status).toMatchObject({
      lastSuccessAt: '2026-11-30T09:15:00+08:00',
      counts: { created: 1 },
      reachable: false,
      unverifiedCheckIns: true,
    });
    expect(bookingCount()).toBe(1);

    endpoint.answerWith({ drop: true });
    expect((await pull()).lastError?.code).toBe('FEED_UNREACHABLE');
  });

  it.each([
    ['not JSON', { body: '<html>Service Unavailable</html>' }],
    ['JSON of the wrong shape', FeedEndpoint.json({ bookings: [row(2)] })],
    ['one invalid row among good ones', FeedEndpoint.json([row(2), row(3, { nik: '123' }), row(4)])],
  ])('an answer that is %s changes nothing and is the last error', async (_what, answer) => {
    pointAtEndpoint();
    endpoint.answerWith(FeedEndpoint.json([row(1)]));
    await pull();
    const before = { bookings: bookingCount(), booking1: floor.store.bookings.find('MPDPS-00001') };

    endpoint.answerWith(answer);
    const status = await pull();

    expect(status.lastError?.code).toBe('FEED_INVALID');
    expect(status.lastError?.message.id).toContain('tidak');
    expect(status.reachable).toBe(true);
    expect(status.lastSuccessAt).toBe('2026-11-30T09:15:00+08:00');
    expect({ bookings: bookingCount(), booking1: floor.store.bookings.find('MPDPS-00001') }).toEqual(before);
    expect(floor.store.bookings.find('MPDPS-00002')).toBeNull();
    expect(endpoint.seen).toHaveLength(2); // an answer that came is not asked for again
  });

  it('refuses a feed address that is not http(s) or carries a password', () => {
    for (const url of ['ftp://example.test/list', 'https://user:pw@example.test/list', 'not a url'])
      expect(refusalOf(() => configureFeed(floor.ctx, commandLine, { url })).code).toBe('INVALID_CONFIG');
    expect(feedStatus(floor.ctx).configured).toBe(false);
  });
});

describe('an unknown booking at the kiosk', () => {
  /** An officer signed in at counter 1 (document check), as the counter's operations see them. */
  function counterOne(): CounterCaller {
    const ctx = { ...floor.ctx, signInAttempts: new AttemptLimiter(5, 60_000) };
    addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
    const desk = addStation(ctx, commandLine, { mode: 'counter', name: 'Loket 1', counter: 1 }).station;
    signIn(ctx, desk, { username: 'ayu', secret: '246810', counter: 1 });
    return {
      stationId: desk.id,
      actor: 'ayu',
      officer: requireOfficer(ctx, desk, ['officer']),
    };
  }

  it('while the endpoint is down gets an unverified ticket that the first counter is told to verify', async () => {
    pointAtEndpoint();
    endpoint.answerWith({ status: 502, body: '' });
    await pull();

    const ticket = scan('MPDPS-00042');
    expect(ticket).toMatchObject({
      number: 'A2-001',
      lane: { id: 'regular' },
      window: { start: '09:00', end: '10:00' },
      unverified: true,
      unverifiedNotice: {
        id: expect.stringContaining('BELUM TERVERIFIKASI'),
        en: expect.stringContaining('UNVERIFIED'),
      },
    });
    const printed = JSON.stringify(ticketDocument(ticket));
    expect(printed).toContain('BELUM TERVERIFIKASI');
    expect(printed).toContain('show your booking at the counter');
    expect(scan('MPDPS-00042')).toMatchObject({ id: ticket.id, repeated: true, unverified: true });
    const issued = floor.store.events.readAfter(0, 10_000).find((e) => e.type === 'ticket.issued');
    expect(issued?.payload).toMatchObject({ ticket: { number: 'A2-001', unverified: true } });

    const counter = counterOne();
    expect(callNext(floor.ctx, counter)).toMatchObject({ number: 'A2-001' });
    expect(counterView(floor.ctx, counter).current).toMatchObject({
      number: 'A2-001',
      unverified: true,
      booking: { code: 'MPDPS-00042' },
    });

    // The endpoint is back and lists the booking: the counter sees the real citizen, verified.
    endpoint.answerWith(FeedEndpoint.json([row(42, { fullName: 'Ni Luh Putu Sari' })]));
    expect(await pull()).toMatchObject({ lastError: null, counts: { updated: 1 } });
    expect(counterView(floor.ctx, counter).current).toMatchObject({
      unverified: false,
      booking: { code: 'MPDPS-00042', fullName: 'Ni Luh Putu Sari' },
    });
    expect(eventTypes()).toEqual(expect.arrayContaining(['booking.updated', 'ticket.verified']));
  });

  it('while the feed is healthy is refused as before, and nothing is written', async () => {
    pointAtEndpoint();
    endpoint.answerWith(FeedEndpoint.json([row(1)]));
    await pull();
    const before = floor.store.events.lastSeq();
    expect(refusalOf(() => scan('MPDPS-00042')).code).toBe('UNKNOWN_BOOKING');
    expect(floor.store.bookings.find('MPDPS-00042')).toBeNull();
    expect(floor.store.events.lastSeq()).toBe(before);
  });

  it('typed as a NIK is refused even while the endpoint is down: only a booking code gets a ticket', async () => {
    pointAtEndpoint();
    endpoint.answerWith({ status: 500, body: '' });
    await pull();
    expect(refusalOf(() => scan(sampleAppointment(7).nik)).code).toBe('UNKNOWN_BOOKING');
  });
});

describe('the hub’s schedule and the supervisor’s operations', () => {
  let t: TestHub;
  afterEach(async () => {
    await t?.close();
  });

  it('pulls by itself once a feed is configured, and only a signed-in supervisor may pull on demand', async () => {
    t = await startTestHub({ appointmentFeed: { tickMs: 20, retryDelaysMs: [0, 0] } });
    const ctx = { store: t.hub.store, clock: t.clock };
    const supervisorToken = t.pair('supervisor', 'Supervisor');
    const kioskToken = t.pair('kiosk', 'Kiosk');
    addUser(ctx, commandLine, { username: 'spv', name: 'Ibu Sari', role: 'supervisor', secret: '135790' });

    expect((await t.call('syncAppointments', {}, kioskToken)).status).toBe(403);
    expect((await t.call('syncAppointments', {}, supervisorToken)).body.error.code).toBe('OFFICER_REQUIRED');
    expect((await t.call('signIn', { username: 'spv', secret: '135790' }, supervisorToken)).status).toBe(200);
    const none = await t.call('syncAppointments', {}, supervisorToken);
    expect([none.status, none.body.error.code]).toEqual([409, 'FEED_NOT_CONFIGURED']);

    endpoint.answerWith(FeedEndpoint.json([row(1), row(2)]));
    configureFeed(ctx, commandLine, { url: endpoint.url, token: 'never-shown', intervalMinutes: 15 });
    // Nobody asks: the schedule pulls.
    await expect.poll(() => t.hub.store.bookings.count()).toBe(2);

    endpoint.answerWith(FeedEndpoint.json([row(1), row(2), row(3)]));
    const synced = await t.call('syncAppointments', {}, supervisorToken);
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ lastError: null, counts: { rows: 3, created: 1, unchanged: 2 } });

    const status = await t.call('appointmentFeedStatus', {}, supervisorToken);
    expect(status.body).toMatchObject({
      host: new URL(endpoint.url).host,
      lastSuccessAt: '2026-11-30T09:15:00+08:00',
      reachable: true,
    });
    expect(JSON.stringify(status.body)).not.toContain('never-shown');
    expect(JSON.stringify(t.hub.store.events.readAfter(0, 10_000))).not.toContain('never-shown');
    expect((await t.call('appointmentFeedStatus', {}, kioskToken)).status).toBe(403);
  });
});

describe('the IT person at the hub’s machine', () => {
  it('points the floor at the endpoint, pulls now, reads the status and turns the feed off', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-feed-cli-'));
    try {
      endpoint.answerWith(FeedEndpoint.json([row(1)]));
      const env = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
      const refused = await runLoket(['appointments', 'feed', '--data', dataDir, 'https://a:b@x.test/'], env);
      expect([refused.code, refused.stderr]).toEqual([
        1,
        expect.stringContaining('no user name or password'),
      ]);
      const feed = await runLoket(
        ['appointments', 'feed', '--data', dataDir, endpoint.url, '--every', '10', '--token', 'tok-123'],
        env,
      );
      expect(feed.code).toBe(0);
      const sync = await runLoket(['appointments', 'sync', '--data', dataDir], env);
      expect([sync.code, sync.stdout]).toEqual([0, expect.stringContaining('1 rows, 1 new')]);
      expect(endpoint.seen[0]?.authorization).toBe('Bearer tok-123');
      const status = await runLoket(['appointments', 'status', '--data', dataDir], env);
      expect(status.stdout).toContain('Last synced:   2026-11-30T09:15');
      expect(status.stdout).not.toContain('tok-123');
      expect((await runLoket(['appointments', 'feed', '--off', '--data', dataDir], env)).code).toBe(0);
      expect((await runLoket(['appointments', 'status', '--data', dataDir], env)).stdout).toContain(
        'No appointment feed',
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
