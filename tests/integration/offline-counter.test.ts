import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import type { StationRuntime } from '../../src-main/station/runtime/runtime.ts';
import type { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { FaultProxy } from '../support/proxy.ts';
import { runtimeAt, until } from '../support/station.ts';

/**
 * A counter PC joined to a hub elsewhere, through a proxy the test can cut: the officer finishes
 * the visit being served while the LAN is down, and the hub records it as of that moment once the
 * LAN is back; calling the next citizen waits for the hub.
 */
let t: TestHub;
let proxy: FaultProxy;
let dir: string;
let store: Store;
let runtime: StationRuntime;

beforeEach(async () => {
  t = await startTestHub({ now: at('2026-11-30', '09:10') });
  const ctx = { store: t.hub.store, clock: t.clock };
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i))),
  });
  const kiosk = t.pair('kiosk');
  for (const i of [1, 2, 3]) await t.call('checkIn', { text: sampleAppointment(i).bookingCode }, kiosk);
  const token = t.pair('counter', 'Loket 1');
  proxy = await FaultProxy.start(t.hub.port);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-counter-'));
  ({ store, runtime } = runtimeAt(dir, proxy.url, token, t.clock));
  await runtime.start();
  await until('the counter online', () => runtime.status().online);
});

afterEach(async () => {
  await runtime.stop();
  store.close();
  await proxy.close();
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ok = async (operation: string, input: unknown = {}) => {
  const answer = await runtime.call(operation, input);
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
  return (answer as { value: any }).value;
};

describe('a counter apart from the hub', () => {
  it('finishes the visit it serves, queues the result, and the hub records it as of then', async () => {
    await ok('signIn', { username: 'ayu', secret: '246810', counter: 1 });
    const called = await ok('callNext');
    expect(called.called.number).toBe('A2-001');
    await ok('startService');
    await ok('counterView');

    proxy.set('drop');
    t.clock.set(at('2026-11-30', '09:18'));
    const done = await ok('completeService');
    expect(done).toMatchObject({ number: 'A2-001', status: 'done' });
    // The screen shows the counter free; calling the next citizen waits for the hub.
    expect((await ok('counterView')).current).toBeNull();
    const next = await runtime.call('callNext', {});
    expect(next.ok).toBe(false);
    expect(!next.ok && next.error.message.en).toMatch(/Cannot reach the floor server/);
    expect(runtime.status().pending).toBe(1);

    // The LAN comes back twenty minutes later.
    t.clock.set(at('2026-11-30', '09:42'));
    proxy.set('pass');
    await until('the result to reach the hub', () => runtime.status().pending === 0);
    const ended = t.hub.store.db
      .prepare(
        "SELECT p.ended_at FROM periods p JOIN queue_entries e ON e.id = p.entry_id WHERE e.number = 'A2-001' AND p.state = 'serving'",
      )
      .pluck()
      .get();
    expect(ended).toBe(at('2026-11-30', '09:18'));
    // Twenty minutes idle: the screen locked meanwhile; the officer unlocks and calls the next.
    await ok('unlock', { secret: '246810' });
    const next2 = await ok('callNext');
    expect(next2.called.number).toBe('A2-002');
    expect(runtime.status().refused).toBe(0);
  });

  it('cannot finish a visit it never saw being served while the hub is away', async () => {
    await ok('signIn', { username: 'ayu', secret: '246810', counter: 1 });
    proxy.set('drop');
    const answer = await runtime.call('completeService', {});
    expect(answer.ok).toBe(false);
    expect(runtime.status().pending).toBe(0);
  });
});
