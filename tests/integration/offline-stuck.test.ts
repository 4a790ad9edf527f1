import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { offlineConflicts } from '../../src-main/services/offline.ts';
import { hubClient, type HubClient } from '../../src-main/station/hubClient.ts';
import { Replica } from '../../src-main/station/runtime/replica.ts';
import { StationRuntime } from '../../src-main/station/runtime/runtime.ts';
import { openReplicaDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { answered, until } from '../support/station.ts';
import { FaultProxy } from '../support/proxy.ts';

/**
 * An outbox stuck behind one command the hub keeps failing on (a 500 the station retries): the
 * supervisor sees the station, the command and the hub's answer, instead of a kiosk whose tickets
 * silently never arrive.
 */
let t: TestHub;
let kiosk: string;
const cleanups: (() => unknown)[] = [];

beforeEach(async () => {
  t = await startTestHub();
  kiosk = t.pair('kiosk', 'Kiosk 1');
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv([1, 2].map((i) => sampleAppointment(i))),
  });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.close();
});

const supervisorView = () => offlineConflicts({ store: t.hub.store, clock: t.clock });
const failure = {
  status: 500,
  code: 'INTERNAL' as const,
  message: { id: 'Terjadi kesalahan pada server.', en: 'Something went wrong on the server.' },
};

it('a station reports a stuck command: the supervisor sees station, command and answer until it goes through', async () => {
  const commandId = randomUUID();
  const since = t.clock.now() - 5 * 60_000;
  const reported = await t.call(
    'reportStuckCommand',
    { commandId, operation: 'checkInOffline', since, attempts: 31, answer: failure },
    kiosk,
  );
  expect(reported.status, JSON.stringify(reported.body)).toBe(200);
  expect(supervisorView().stuck).toEqual([
    {
      id: commandId,
      station: 'Kiosk 1',
      operation: 'checkInOffline',
      status: 500,
      code: 'INTERNAL',
      message: failure.message,
      since: expect.stringMatching(/T09:10/),
      attempts: 31,
      at: expect.stringMatching(/T09:15/),
    },
  ]);
  expect(t.hub.store.events.readAfter(0, 10_000).at(-1)).toMatchObject({
    type: 'command.stuck',
    station: t.hub.store.stations.list().find((s) => s.name === 'Kiosk 1')?.id,
  });
  // A board has no outbox; a malformed report is refused.
  const board = t.pair('display', 'Papan');
  const input = { commandId, operation: 'checkInOffline', since, attempts: 1, answer: failure };
  expect((await t.call('reportStuckCommand', input, board)).status).toBe(403);
  expect((await t.call('reportStuckCommand', { ...input, commandId: 'x' }, kiosk)).status).toBe(400);

  // Once the hub applies the command, it is no longer stuck.
  await t.call('leaseNumbers', {}, kiosk);
  const applied = await fetch(`${t.hub.url}/api/checkInOffline`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${kiosk}`,
      'x-loket-command': commandId,
    },
    body: JSON.stringify({
      ticket: {
        id: randomUUID(),
        officeDate: '2026-11-30',
        number: 'A2-501',
        lane: 'regular',
        windowNumber: 2,
        sequence: 501,
        bookingCode: sampleAppointment(1).bookingCode,
        arrival: 'on_time',
        windowStart: '09:00',
        windowEnd: '10:00',
        expectedCall: '09:30',
        issuedAt: t.clock.now(),
      },
    }),
  });
  expect(applied.status).toBe(200);
  expect(supervisorView().stuck).toEqual([]);
});

it('a kiosk whose outbox the hub keeps failing for minutes tells the supervisor, once', async () => {
  const proxy = await FaultProxy.start(t.hub.port);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-station-'));
  const store = new Store(openReplicaDatabase(dir), { replica: true });
  const real = hubClient(proxy.url, kiosk);
  let hubFails = true;
  const sent: string[] = [];
  // The hub failing on this one operation (a bug, a damaged row): 500 every time.
  const hub: HubClient = {
    url: real.url,
    call: async (name, input, options) => {
      sent.push(name);
      if (name === 'checkInOffline' && hubFails) return { ok: false, error: failure };
      return real.call(name, input, options);
    },
  };
  const runtime = new StationRuntime({
    replica: new Replica(store),
    hub,
    token: kiosk,
    clock: t.clock,
    onlineTimeoutMs: 1000,
    retryDelaysMs: [50],
    followDelaysMs: [100],
  });
  cleanups.push(async () => {
    await runtime.stop();
    store.close();
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await runtime.start();
  await until('leased numbers', () => runtime.status().online && runtime.status().leasedLeft > 0);

  proxy.set('drop');
  const ticket = await answered(runtime, 'checkIn', { text: sampleAppointment(1).bookingCode });
  expect(ticket).toMatchObject({ issuedOffline: true });
  proxy.set('pass');
  await until(
    'the hub to fail the command a few times',
    () => sent.filter((n) => n === 'checkInOffline').length >= 3,
  );
  expect(supervisorView().stuck).toEqual([]); // a few seconds of failing is not stuck

  t.clock.advanceMinutes(4);
  await until('the supervisor to see the stuck command', () => supervisorView().stuck.length === 1);
  expect(supervisorView().stuck[0]).toMatchObject({
    station: 'Kiosk 1',
    operation: 'checkInOffline',
    status: 500,
    code: 'INTERNAL',
  });
  const failuresSoFar = sent.filter((n) => n === 'checkInOffline').length;
  await until('more failures', () => sent.filter((n) => n === 'checkInOffline').length > failuresSoFar + 3);
  expect(sent.filter((n) => n === 'reportStuckCommand')).toHaveLength(1);

  hubFails = false;
  await until('the outbox to drain', () => runtime.status().pending === 0);
  expect(t.hub.store.tickets.find(ticket.id)?.number).toBe(ticket.number);
  expect(supervisorView().stuck).toEqual([]);
});
