import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import type { StationRuntime } from '../../src-main/station/runtime/runtime.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { answered, stationPc, until, type StationPc } from '../support/station.ts';

/**
 * A counter PC joined to a hub elsewhere, through a proxy the test can cut: the officer finishes
 * the visit being served while the LAN is down, and the hub records it as of that moment once the
 * LAN is back; calling the next citizen waits for the hub.
 */
let t: TestHub;
let pc: StationPc;
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
  pc = await stationPc(t.hub.port, t.pair('counter', 'Loket 1'), t.clock);
  runtime = pc.runtime;
  await runtime.start();
  await until('the counter online', () => runtime.status().online);
});

afterEach(async () => {
  await pc.close();
  await t.close();
});

const ok = (operation: string, input: unknown = {}) => answered(runtime, operation, input);

describe('a counter apart from the hub', () => {
  it('finishes the visit it serves, queues the result, and the hub records it as of then', async () => {
    await ok('signIn', { username: 'ayu', secret: '246810', counter: 1 });
    const called = await ok('callNext');
    expect(called.called.number).toBe('A2-001');
    await ok('startService');
    await ok('counterView');

    pc.proxy.set('drop');
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
    pc.proxy.set('pass');
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
    pc.proxy.set('drop');
    const answer = await runtime.call('completeService', {});
    expect(answer.ok).toBe(false);
    expect(runtime.status().pending).toBe(0);
  });
});
