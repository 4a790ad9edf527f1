import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import type { StationRuntime } from '../../src-main/station/runtime/runtime.ts';
import type { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { FaultProxy } from '../support/proxy.ts';
import { runtimeAt, until } from '../support/station.ts';

let t: TestHub;
let proxy: FaultProxy;
let dir: string;
let token: string;
const opened: { store: Store; runtime: StationRuntime }[] = [];

beforeEach(async () => {
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv([sampleAppointment(1)]) });
  await t.call('checkIn', { text: sampleAppointment(1).bookingCode }, t.pair('kiosk'));
  const counter = t.pair('counter', 'Loket 1');
  await t.call('signIn', { username: 'ayu', secret: '246810', counter: 1 }, counter);
  await t.call('callNext', {}, counter);
  token = t.pair('display', 'Papan aula');
  proxy = await FaultProxy.start(t.hub.port);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-board-'));
});

afterEach(async () => {
  for (const { store, runtime } of opened.splice(0)) {
    await runtime.stop();
    store.close();
  }
  await proxy.close();
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function boardPc(): Promise<StationRuntime> {
  const { store, runtime } = runtimeAt(dir, proxy.url, token, t.clock);
  opened.push({ store, runtime });
  void runtime.start();
  return runtime;
}

it('a board PC restarted while the hub is out of reach shows the last calls it had, not an empty hall', async () => {
  const board = await boardPc();
  await until('the board to know who it is', () => board.status().station !== null);
  const live = await board.call('boardView', {});
  expect(live.ok && (live.value as any).calls[0].number).toBe('A2-001');

  proxy.set('drop');
  const first = opened.pop()!;
  await first.runtime.stop();
  first.store.close();
  const restarted = await boardPc();
  const kept = await restarted.call('boardView', {});
  expect(kept.ok).toBe(true);
  expect((kept as { value: any }).value.calls[0]).toMatchObject({ number: 'A2-001', counter: 1 });
});
