import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, eventTypes, type Audience, type EventType } from '../../src-main/domain/events.ts';
import type { StationMode, UserRole } from '../../src-main/domain/roles.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import type { EventInput } from '../../src-main/store/events.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { eventSamples } from '../support/eventSamples.ts';
import { EventClient } from '../support/events.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

// The events catalogue's audiences, through the hub's real stream: every catalogued type is
// appended once, and every kind of listener on the floor is asked what it received.

interface ListenerCase {
  name: string;
  mode: StationMode;
  client: 'replica' | 'browser';
  role: UserRole | null;
  stationId: string;
  stream: EventClient;
}

let t: TestHub;
const listeners: ListenerCase[] = [];
let deviceSeq = 0;
let lastSeq = 0;

const officers: [string, UserRole][] = [
  ['petugas', 'officer'],
  ['cetak', 'print_operator'],
  ['spv', 'supervisor'],
];

async function sessionCookie(token: string): Promise<string> {
  const response = await fetch(`${t.hub.url}/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.hub.url },
    body: JSON.stringify({ token }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function listen(
  name: string,
  mode: StationMode,
  client: 'replica' | 'browser',
  signedIn: [string, UserRole, number?] | null,
): Promise<void> {
  const token = t.pair(mode, name);
  if (signedIn) {
    const [username, , counter] = signedIn;
    const reply = await t.call(
      'signIn',
      { username, secret: '135790', ...(counter ? { counter } : {}) },
      token,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
  const after = t.hub.store.events.lastSeq();
  const stream =
    client === 'replica'
      ? await EventClient.connect(t.hub.url, token, after)
      : await EventClient.connectWithCookie(t.hub.url, await sessionCookie(token), after);
  await stream.waitFor((c) => c.hello() !== undefined, `${name}'s hello`);
  const stationId = stream.hello()?.station.id as string;
  listeners.push({ name, mode, client, role: signedIn?.[1] ?? null, stationId, stream });
}

/** What the catalogue says a listener receives, read from the audience as declared. */
function due(type: EventType, listener: ListenerCase, station: string | null): 'full' | 'reduced' | 'none' {
  const audience: Audience = events[type].audience;
  if (audience.ownStation && station === listener.stationId) return 'full';
  if (
    audience.modes.includes(listener.mode) &&
    (!audience.roles || audience.roles.includes(listener.role as UserRole))
  )
    return 'full';
  if (audience.kioskReplica && listener.mode === 'kiosk' && listener.client === 'replica')
    return audience.kioskReplica === 'full' ? 'full' : 'reduced';
  return 'none';
}

beforeAll(async () => {
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  for (const [username, role] of officers)
    addUser(ctx, commandLine, { username, name: `Petugas ${username}`, role, secret: '135790' });

  await listen('kiosk (desktop)', 'kiosk', 'replica', null);
  await listen('kiosk (browser)', 'kiosk', 'browser', null);
  await listen('board', 'display', 'replica', null);
  await listen('board (smart TV)', 'display', 'browser', null);
  await listen('counter with an officer', 'counter', 'replica', ['petugas', 'officer', 1]);
  await listen('counter, nobody signed in', 'counter', 'browser', null);
  await listen('print station', 'print', 'replica', ['cetak', 'print_operator']);
  await listen('console with a supervisor', 'supervisor', 'replica', ['spv', 'supervisor']);
  await listen('console, nobody signed in', 'supervisor', 'browser', null);

  const by = { at: t.clock.now(), actor: 'test', station: 'another-station' };
  t.hub.store.transaction(() => {
    for (const type of eventTypes)
      t.hub.store.events.emit({ ...by, type, payload: eventSamples[type] } as EventInput);
    // A device of the desktop kiosk's own: it, and the supervisors, hear of it.
    deviceSeq = t.hub.store.events.emit({
      ...by,
      type: 'device.state',
      station: listeners[0]?.stationId as string,
      payload: eventSamples['device.state'],
    });
    // Everyone receives the office's configuration: the last event every listener waits for.
    lastSeq = t.hub.store.events.emit({
      ...by,
      type: 'office.updated',
      payload: eventSamples['office.updated'],
    });
  });
  await Promise.all(
    listeners.map(({ name, stream }) =>
      stream.waitFor((c) => c.events().some((e) => e.seq === lastSeq), `${name} to catch up`, 10_000),
    ),
  );
});

afterAll(async () => {
  await Promise.all(listeners.map(({ stream }) => stream.close()));
  await t.close();
});

describe('who receives each catalogued event', () => {
  it.each(eventTypes)('%s reaches exactly the stations its audience names', (type) => {
    for (const listener of listeners) {
      const received = listener.stream
        .events()
        .filter((e) => e.type === type && e.actor === 'test' && e.seq !== lastSeq && e.seq !== deviceSeq);
      const expected = due(type, listener, 'another-station');
      expect(received.length, `${type} → ${listener.name}`).toBe(expected === 'none' ? 0 : 1);
      const booking = (received[0]?.payload as { booking?: Record<string, unknown> } | undefined)?.booking;
      if (expected === 'reduced')
        expect(booking && Object.keys(booking).sort()).toEqual([
          'applicationKind',
          'appointmentDate',
          'bookingCode',
          'initials',
          'lane',
          'nikHash',
          'windowEnd',
          'windowStart',
        ]);
    }
  });

  it("a station's own device reaches it and the supervisors, and no other station", () => {
    const heard = listeners
      .filter(({ stream }) => stream.events().some((e) => e.seq === deviceSeq))
      .map((l) => l.name);
    expect(heard.sort()).toEqual([
      'console with a supervisor',
      'console, nobody signed in',
      'kiosk (desktop)',
    ]);
  });

  it('the written-out rules hold: nothing of a booking reaches a board, a counter or a browser kiosk', () => {
    const bookingTypes = ['booking.imported', 'booking.updated'];
    for (const name of [
      'board',
      'board (smart TV)',
      'kiosk (browser)',
      'counter with an officer',
      'print station',
    ]) {
      const listener = listeners.find((l) => l.name === name) as ListenerCase;
      expect(
        listener.stream.events().filter((e) => bookingTypes.includes(e.type)),
        name,
      ).toEqual([]);
    }
    // A console with nobody signed in is a screen in an office: no names, no NIKs, no SMS.
    const idle = listeners.find((l) => l.name === 'console, nobody signed in') as ListenerCase;
    expect(
      idle.stream.events().filter((e) => /^(booking\.imported|booking\.updated|user\.|sms\.)/.test(e.type)),
    ).toEqual([]);
  });
});

describe('personal data on public screens (UU 27/2022)', () => {
  const booking = sampleAppointment(1);
  const personal = [booking.nik, booking.fullName, booking.birthDate, booking.phone as string];
  const officerNames = [
    (eventSamples['officer.signedIn'] as { officer: { name: string } }).officer.name,
    eventSamples['user.added'].user.name,
  ];

  it('no event reaching a kiosk or a board carries a NIK, a full name, a phone number or a birth date', () => {
    expect(personal.every(Boolean)).toBe(true);
    for (const listener of listeners.filter((l) => l.mode === 'kiosk' || l.mode === 'display')) {
      const sent = JSON.stringify(listener.stream.messages);
      for (const value of [...personal, ...officerNames])
        expect(sent, `${listener.name} got ${value}`).not.toContain(value);
      // Nor anything shaped like a NIK or a mobile number.
      expect(sent).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
      expect(sent).not.toMatch(/(?<![\d*])(\+62|08)\d{8,11}(?!\d)/);
    }
  });

  it('a counter receives no citizen personal data from the stream before it calls anyone', () => {
    const counter = listeners.find((l) => l.name === 'counter with an officer') as ListenerCase;
    const sent = JSON.stringify(counter.stream.messages);
    for (const value of personal) expect(sent).not.toContain(value);
  });
});
