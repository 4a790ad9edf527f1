import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import type { StreamedEvent as FloorEvent } from '../../src-main/domain/events.ts';
import { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { EventClient, refusedStatus } from '../support/events.ts';
import { runLoket, startTestHub, type TestHub } from '../support/hub.ts';

let t: TestHub;
let supervisor: string;
let kiosk: string;
let display: string;
const clients: EventClient[] = [];
const extraStores: Store[] = [];

beforeEach(async () => {
  t = await startTestHub();
  supervisor = t.pair('supervisor', 'Supervisor');
  kiosk = t.pair('kiosk', 'Kiosk 1');
  display = t.pair('display', 'Board');
  // Bookings (names, NIKs) reach a console only while a supervisor is signed in there.
  addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
    username: 'spv',
    name: 'Ibu Sari',
    role: 'supervisor',
    secret: '135790',
  });
  expect((await t.call('signIn', { username: 'spv', secret: '135790' }, supervisor)).status).toBe(200);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const store of extraStores.splice(0)) store.close();
  await t.close();
});

async function connect(token: string, after?: number): Promise<EventClient> {
  const client = await EventClient.connect(t.hub.url, token, after);
  clients.push(client);
  return client;
}

const code = (index: number) => sampleAppointment(index).bookingCode;

async function importViaApi(indexes: number[], overrides = {}): Promise<void> {
  const content = appointmentCsv(indexes.map((i) => sampleAppointment(i, overrides)));
  const reply = await t.call('importAppointments', { format: 'csv', content }, supervisor);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(reply.body.rejected).toEqual([]);
}

async function checkIn(index: number, token = kiosk): Promise<{ number: string; id: string }> {
  const reply = await t.call('checkIn', { text: code(index) }, token);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

const seqs = (events: FloorEvent[]) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('who may follow the stream', () => {
  it('refuses a connection without a token, with a wrong token, or from a revoked station', async () => {
    expect(await refusedStatus(t.hub.url, null)).toBe(401);
    expect(await refusedStatus(t.hub.url, 'not-a-station-token')).toBe(401);
    expect(await refusedStatus(t.hub.url, `${kiosk}0`)).toBe(401);

    const board = await connect(display);
    await board.waitFor((c) => c.hello() !== undefined, 'hello');
    const stationId = board.hello()?.station.id as string;
    expect(t.hub.store.stations.revoke(stationId, t.clock.now())).toBe(true);
    expect(await refusedStatus(t.hub.url, display)).toBe(401);
  });

  it('cuts off the open stream of a station revoked with `loket station revoke`', async () => {
    await importViaApi([1]);
    const start = t.hub.store.events.lastSeq();
    const board = await connect(display, start);
    const console_ = await connect(supervisor, start);
    await board.waitFor((c) => c.hello() !== undefined, 'hello');
    const boardId = board.hello()?.station.id as string;

    const result = await runLoket(['station', 'revoke', boardId, '--data', t.dataDir]);
    expect(result.code, result.stderr).toBe(0);

    await board.waitFor((c) => c.closed !== null, 'the revoked board to be cut off', 5000);
    expect(board.closed?.code).toBe(1008);
    await console_.waitFor(
      (c) => c.events().some((e) => e.type === 'station.revoked'),
      'the revocation on the console',
    );
    // The floor goes on without the board, and the board cannot come back with its old token.
    const ticket = await checkIn(1);
    await console_.waitFor(
      (c) => c.events().some((e) => (e.payload as any)?.ticket?.id === ticket.id),
      'the ticket on the console',
    );
    expect(board.events()).toEqual([]);
    expect(await refusedStatus(t.hub.url, display)).toBe(401);
  });

  it('cuts off a revoked station that connected with a cursor past the end of the log', async () => {
    const board = await connect(display, 10 ** 9);
    await board.waitFor((c) => c.hello() !== undefined, 'hello');
    const boardId = board.hello()?.station.id as string;
    // A second socket of the same station, at the log's end: revoking cuts both.
    const again = await connect(display);
    await again.waitFor((c) => c.hello() !== undefined, 'hello');

    const revoked = await t.call('revokeStation', { stationId: boardId }, supervisor);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);

    await board.waitFor((c) => c.closed !== null, 'the revoked board to be cut off', 5000);
    expect(board.closed?.code).toBe(1008);
    await again.waitFor((c) => c.closed !== null, 'its second socket to be cut off', 5000);
    expect(again.closed?.code).toBe(1008);
    expect(await refusedStatus(t.hub.url, display)).toBe(401);
  });

  it('serves the stream only at /api/events', async () => {
    // A paired station's token opens nothing but the event stream.
    expect(await refusedStatus(t.hub.url, supervisor, '/api/checkIn')).toBeGreaterThanOrEqual(400);
    expect(await refusedStatus(t.hub.url, supervisor, '/events')).toBeGreaterThanOrEqual(400);
  });
});

describe('hello, backlog, live events', () => {
  it('sends a hello with lastSeq, then the backlog in order, then a live check-in within a second', async () => {
    await importViaApi([1, 2, 3]);
    await checkIn(1);
    const lastSeq = t.hub.store.events.lastSeq();
    expect(lastSeq).toBeGreaterThanOrEqual(9); // 3 pairings, the supervisor's account and sign-in, 3 bookings, 1 ticket

    const console_ = await connect(supervisor, 0);
    await console_.waitFor((c) => c.events().length === lastSeq, 'the backlog');
    expect(console_.messages[0]).toMatchObject({ type: 'hello', lastSeq, station: { mode: 'supervisor' } });
    expect(seqs(console_.events())).toEqual(range(1, lastSeq));
    expect(console_.events().map((e) => e.type)).toEqual([
      'station.paired',
      'station.paired',
      'station.paired',
      'user.added',
      'officer.signedIn',
      'booking.imported',
      'booking.imported',
      'booking.imported',
      'ticket.issued',
    ]);

    const ticket = await checkIn(2);
    await console_.waitFor(
      (c) => c.events().some((e) => e.type === 'ticket.issued' && e.seq > lastSeq),
      'the live ticket.issued',
      1000,
    );
    const live = console_.events().filter((e) => e.seq > lastSeq);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ seq: lastSeq + 1, type: 'ticket.issued' });
    expect((live[0]?.payload as any).ticket).toMatchObject({
      number: ticket.number,
      id: ticket.id,
      bookingCode: code(2),
    });
  });

  it('starts the backlog after the cursor it is given', async () => {
    await importViaApi([1, 2, 3, 4]);
    const cursor = 4;
    const lastSeq = t.hub.store.events.lastSeq();
    const client = await connect(supervisor, cursor);
    await client.waitFor((c) => c.lastSeq() === lastSeq, 'the backlog after the cursor');
    expect(client.hello()?.lastSeq).toBe(lastSeq);
    expect(seqs(client.events())).toEqual(range(cursor + 1, lastSeq));
  });

  it('resumes after the last seen seq on reconnection, with nothing missed and nothing twice', async () => {
    await importViaApi(range(1, 10));
    const first = await connect(supervisor, 0);
    await checkIn(1);
    await checkIn(2);
    await first.waitFor(
      (c) => c.events().filter((e) => e.type === 'ticket.issued').length === 2,
      'two tickets',
    );
    const seen = first.events();
    await first.close();

    // While the station is away the floor goes on.
    for (const index of [3, 4, 5]) await checkIn(index);
    await importViaApi([11]);

    const second = await connect(supervisor, first.lastSeq());
    await checkIn(6);
    const lastSeq = t.hub.store.events.lastSeq();
    await second.waitFor((c) => c.lastSeq() === lastSeq, 'the missed and the live events');

    const all = [...seen, ...second.events()];
    expect(seqs(all)).toEqual(range(1, lastSeq));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(
      all.filter((e) => e.type === 'ticket.issued').map((e) => (e.payload as any).ticket.number),
    ).toEqual(['A2-001', 'A2-002', 'A2-003', 'A2-004', 'A2-005', 'A2-006']);
  });
});

describe('what each mode sees', () => {
  it('never shows a display booking events, but shows it every ticket', async () => {
    await importViaApi([1, 2]); // in the display's backlog
    const board = await connect(display, 0);
    const console_ = await connect(supervisor, 0);
    await importViaApi([3, 4]); // live
    await importViaApi([3], { phone: '081299998888' }); // booking.updated, live
    const first = await checkIn(1);
    const second = await checkIn(3);
    const lastSeq = t.hub.store.events.lastSeq();

    await console_.waitFor((c) => c.lastSeq() === lastSeq, 'everything on the console');
    await board.waitFor(
      (c) => c.events().some((e) => (e.payload as any)?.ticket?.id === second.id),
      'the second ticket on the board',
    );
    // The console did get the booking events, with names and NIKs; the board got none of them.
    const consoleTypes = console_.events().map((e) => e.type);
    expect(consoleTypes.filter((type) => type === 'booking.imported')).toHaveLength(4);
    expect(consoleTypes).toContain('booking.updated');
    const boardTypes = board.events().map((e) => e.type);
    expect(boardTypes.filter((type) => type.startsWith('booking.'))).toEqual([]);
    expect(boardTypes.filter((type) => type.startsWith('station.'))).toEqual([]);
    expect(boardTypes).toEqual(['ticket.issued', 'ticket.issued']);
    expect(board.events().map((e) => (e.payload as any).ticket.number)).toEqual([
      first.number,
      second.number,
    ]);
    expect(JSON.stringify(board.messages)).not.toContain(sampleAppointment(1).nik);
    expect(JSON.stringify(board.messages)).not.toContain(sampleAppointment(1).fullName);
  });

  it('keeps station pairings from kiosks', async () => {
    await importViaApi([1]);
    const kioskStream = await connect(kiosk, 0);
    t.pair('counter', 'Loket 1');
    await checkIn(1);
    await kioskStream.waitFor((c) => c.events().some((e) => e.type === 'ticket.issued'), 'the ticket');
    expect(kioskStream.events().filter((e) => e.type.startsWith('station.'))).toEqual([]);
  });
});

describe('changes made beside the hub', () => {
  it('reach subscribers when another connection writes to the same database', async () => {
    const start = t.hub.store.events.lastSeq();
    const console_ = await connect(supervisor, start);
    const board = await connect(display, start);
    await console_.waitFor((c) => c.hello() !== undefined, 'hello');
    expect(console_.hello()?.lastSeq).toBe(start);

    const other = new Store(openDatabase(t.dataDir));
    extraStores.push(other);
    const summary = importAppointments({ store: other, clock: t.clock }, commandLine, {
      format: 'csv',
      content: appointmentCsv([sampleAppointment(1), sampleAppointment(2)]),
    });
    expect(summary.created).toBe(2);

    await console_.waitFor(
      (c) => c.events().filter((e) => e.type === 'booking.imported').length === 2,
      'bookings imported by another connection',
    );
    expect(seqs(console_.events())).toEqual(range(start + 1, start + 2));
    expect(console_.events().map((e) => e.actor)).toEqual(['cli', 'cli']);

    // A ticket issued through the hub afterwards follows in order, and the board sees only it.
    const ticket = await checkIn(1);
    await board.waitFor((c) => c.events().length === 1, 'the ticket on the board');
    expect((board.events()[0]?.payload as any).ticket.number).toBe(ticket.number);
  });

  it('reach subscribers when `loket import-appointments` runs beside a running hub', async () => {
    const console_ = await connect(supervisor, t.hub.store.events.lastSeq());
    await console_.waitFor((c) => c.hello() !== undefined, 'hello');
    const file = path.join(t.dataDir, 'bookings.csv');
    fs.writeFileSync(file, appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i))));

    const result = await runLoket(['import-appointments', file, '--data', t.dataDir]);
    expect(result.code, result.stderr).toBe(0);

    await console_.waitFor(
      (c) => c.events().filter((e) => e.type === 'booking.imported').length === 3,
      'bookings imported by the command line',
      5000,
    );
    expect(
      console_
        .events()
        .filter((e) => e.type === 'booking.imported')
        .map((e) => (e.payload as any).booking.bookingCode),
    ).toEqual([code(1), code(2), code(3)]);
    // And the hub checks them in.
    expect((await checkIn(3)).number).toBe('A2-001');
  });
});

// The stream fans one read of the events table out to every station following it. These scenarios
// put stations at very different places in the stream at once: each must still get exactly the
// events after its own cursor that its mode may see, in order, once, with no gaps.

/** The modes paired before each test, with their tokens. */
type PairedMode = 'supervisor' | 'kiosk' | 'display';

/** A station following the stream, with the mode and cursor it connected with. */
interface Follower {
  client: EventClient;
  mode: PairedMode;
  after: number;
}

const tokenOf = (mode: PairedMode): string => ({ supervisor, kiosk, display })[mode];

async function follow(mode: PairedMode, after: number): Promise<Follower> {
  return { client: await connect(tokenOf(mode), after), mode, after };
}

/**
 * What a mode may see, written out here rather than taken from the hub: boards see no bookings, a
 * kiosk's replica sees them reduced, stations and officers are the console's business.
 */
function maySee(mode: PairedMode, type: string): boolean {
  if (['station.', 'officer.', 'user.'].some((prefix) => type.startsWith(prefix)))
    return mode === 'supervisor';
  if (type.startsWith('booking.')) return mode !== 'display';
  return true;
}

/** The seqs a follower should have been sent: every event after its cursor that its mode may see. */
function dueTo({ mode, after }: Follower): number[] {
  return t.hub.store.events
    .readAfter(after, 1_000_000)
    .filter((event) => maySee(mode, event.type))
    .map((event) => event.seq);
}

const lastSeqOf = (client: EventClient): number => {
  const last = client.messages.at(-1);
  return last?.type === 'event' ? last.event.seq : 0;
};

/**
 * Checks in one more citizen, which every mode sees, and waits until each follower has it: anything
 * sent twice or out of order before it is then in the messages, and anything missing never will be.
 */
async function settle(followers: Follower[], index: number): Promise<void> {
  await checkIn(index);
  const last = t.hub.store.events.lastSeq();
  await Promise.all(
    followers.map(({ client, mode, after }) =>
      // The last message alone is looked at: a console catching up gets tens of thousands.
      client.waitFor(
        (c) => lastSeqOf(c) >= last,
        `event ${last} on the ${mode} that started after ${after}`,
        10_000,
      ),
    ),
  );
}

function expectEachGotItsOwn(followers: Follower[]): void {
  for (const follower of followers) {
    const { client, mode, after } = follower;
    const what = `${mode} after ${after}`;
    expect(client.messages[0]?.type, what).toBe('hello');
    expect(
      client.messages.filter((m) => m.type === 'hello'),
      what,
    ).toHaveLength(1);
    expect(
      client.events().map((e) => e.seq),
      what,
    ).toEqual(dueTo(follower));
  }
}

describe('stations far apart in the stream', () => {
  it('each get exactly the events after their own cursor, once and in order, as the floor goes on', async () => {
    // A morning's backlog of three pages and more: the bookings, and the first citizens in.
    await importViaApi(range(1, 1400));
    for (const index of range(1, 5)) await checkIn(index);
    const head = t.hub.store.events.lastSeq();
    const middle = Math.floor(head / 2);
    expect(head).toBeGreaterThan(1400);

    const followers = await Promise.all([
      follow('supervisor', 0),
      follow('supervisor', middle),
      follow('supervisor', head),
      follow('display', 0),
      follow('display', head),
      follow('kiosk', middle),
    ]);

    // The floor goes on while they catch up: kiosks checking in, another import from the console.
    await Promise.all([...range(6, 40).map((index) => checkIn(index)), importViaApi(range(1401, 1460))]);
    await settle(followers, 41);

    expectEachGotItsOwn(followers);
    const [fromStart, , atHead, board] = followers.map((f) => f.client.events());
    expect(fromStart).toHaveLength(t.hub.store.events.lastSeq());
    expect(atHead?.[0]?.seq).toBe(head + 1);
    // The board got the tickets of the whole morning and none of the bookings.
    expect(new Set(board?.map((e) => e.type))).toEqual(new Set(['ticket.issued']));
    expect(board).toHaveLength(41);
  });

  it('serve a station that connects while the floor is busy its backlog, then every live event once', async () => {
    await importViaApi(range(1, 200));
    const followers: Follower[] = [await follow('supervisor', t.hub.store.events.lastSeq())];

    // Three kiosk lanes checking in back to back; stations connect in between, from the start or
    // from where the stream stands at that moment.
    const lanes = [0, 1, 2].map(async (lane) => {
      for (let i = 0; i < 30; i += 1) await checkIn(1 + lane * 30 + i);
    });
    const modes: PairedMode[] = ['display', 'supervisor', 'kiosk'];
    for (let n = 0; n < 9; n += 1) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      const after = n % 2 ? t.hub.store.events.lastSeq() : 0;
      followers.push(await follow(modes[n % modes.length] as PairedMode, after));
    }
    await Promise.all(lanes);
    await settle(followers, 91);

    expectEachGotItsOwn(followers);
  });
});

describe('a station the stream must not wait for', () => {
  it('cuts off a revoked board at its revocation while the other stations carry on', async () => {
    await importViaApi(range(1, 10));
    const board = await follow('display', 0);
    await board.client.waitFor((c) => c.hello() !== undefined, 'hello');
    const boardId = board.client.hello()?.station.id as string;
    const others = [await follow('supervisor', 0), await follow('kiosk', 3)];

    for (const index of range(1, 3)) await checkIn(index);
    const result = await runLoket(['station', 'revoke', boardId, '--data', t.dataDir]);
    expect(result.code, result.stderr).toBe(0);
    const revokedAt = t.hub.store.events.lastSeq();
    for (const index of range(4, 6)) await checkIn(index);
    await settle(others, 7);

    await board.client.waitFor((c) => c.closed !== null, 'the revoked board to be cut off');
    expect(board.client.closed?.code).toBe(1008);
    expect(board.client.events().map((e) => e.seq)).toEqual(dueTo(board).filter((seq) => seq < revokedAt));
    expect(board.client.events()).toHaveLength(3);
    expectEachGotItsOwn(others);
  });

  it('lets a console that stops reading fall behind, then catch up with everything once', async () => {
    const start = t.hub.store.events.lastSeq();
    const slow = await follow('supervisor', start);
    const board = await follow('display', start);
    await slow.client.waitFor((c) => c.hello() !== undefined, 'hello');
    // The console's link stalls: it reads nothing, so what the hub sends piles up.
    slow.client.socket.pause();

    // Megabytes of bookings at once: more than the hub keeps buffered for one socket.
    const summary = importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
      format: 'csv',
      content: appointmentCsv(range(1, 20_000).map((i) => sampleAppointment(i))),
    });
    expect(summary.created).toBe(20_000);

    // The board is not held up by the stalled console: citizens' tickets reach it.
    await checkIn(1);
    await board.client.waitFor((c) => c.events().length === 1, 'the ticket on the board');
    expect(slow.client.events()).toEqual([]);

    slow.client.socket.resume();
    await settle([slow, board], 2);
    expectEachGotItsOwn([slow, board]);
  }, 30_000);
});
