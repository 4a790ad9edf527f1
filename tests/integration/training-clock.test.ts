import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../src-main/hub/server.ts';
import type { TrainingStation } from '../../src-main/services/training.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { trainingClock } from '../../src-main/station/clock.ts';
import { openTrainingFloor, type TrainingSession } from '../../src-main/station/training.ts';
import { at } from '../support/floor.ts';

/**
 * The training clock moved forward by the supervisor (to reach a passport's pickup hours): only on
 * a training floor, only forward, logged naming the supervisor; the officers idle by then unlock
 * with their PIN. A real floor refuses it, even a hub whose clock could move.
 */
const dirs: string[] = [];
const hubs: Hub[] = [];

afterAll(async () => {
  for (const hub of hubs) await hub.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const folder = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `loket-${name}-`));
  dirs.push(dir);
  return dir;
};

async function post(hub: Hub, operation: string, input: unknown, token: string) {
  const response = await fetch(`${hub.url}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const rowsOf = (hub: Hub) => hub.store.events.lastSeq();

describe('on a real floor', () => {
  it('the hub refuses to move the clock, in both languages, and changes nothing', async () => {
    const dir = folder('real-floor');
    // Even a clock that could jump stays put: only a training floor's hub lets it move.
    const clock = trainingClock(at('2026-11-30', '09:15'));
    const hub = await startHub({ dataDir: dir, clock, port: 0 });
    hubs.push(hub);
    const ctx = { store: hub.store, clock };
    addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
    const { token } = addStation(ctx, commandLine, { mode: 'supervisor', name: 'Supervisor' });
    expect((await post(hub, 'signIn', { username: 'sri', secret: '112233' }, token)).status).toBe(200);

    const before = rowsOf(hub);
    for (const to of ['pickup', '2026-12-04T13:00:00+08:00']) {
      const reply = await post(hub, 'trainingAdvanceClock', { to }, token);
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('FORBIDDEN');
      expect(reply.body.error.message.id).toContain('lantai latihan');
      expect(reply.body.error.message.en).toContain('training floor');
    }
    expect(clock.now()).toBeLessThan(at('2026-11-30', '09:20'));
    expect(rowsOf(hub)).toBe(before);
  });
});

describe('on a training floor', () => {
  let session: TrainingSession;
  let hub: Hub;
  const station = (name: string): TrainingStation => session.floor.stations.find((s) => s.name === name)!;
  let console: TrainingStation;

  beforeAll(async () => {
    const dir = folder('training-clock');
    session = openTrainingFloor(dir, { startAt: at('2026-11-30', '08:30') });
    hub = await startHub({ dataDir: dir, clock: session.clock, port: 0, training: true });
    hubs.push(hub);
    console = station('Supervisor Latihan');
  });

  it('a counter officer cannot move it, and a supervisor must be signed in', async () => {
    const desk = station('Loket 1');
    expect(
      (await post(hub, 'signIn', { username: 'petugas1', secret: '111111', counter: 1 }, desk.token)).status,
    ).toBe(200);
    const fromDesk = await post(hub, 'trainingAdvanceClock', { to: 'pickup' }, desk.token);
    expect(fromDesk.status).toBe(403);
    const unsigned = await post(hub, 'trainingAdvanceClock', { to: 'pickup' }, console.token);
    expect(unsigned.body.error.code).toBe('OFFICER_REQUIRED');
  });

  it('with no passport ready yet, "to the pickup hours" is refused and says why', async () => {
    expect((await post(hub, 'signIn', { username: 'spv', secret: '999999' }, console.token)).status).toBe(
      200,
    );
    const before = rowsOf(hub);
    const reply = await post(hub, 'trainingAdvanceClock', { to: 'pickup' }, console.token);
    expect(reply.body.error.code).toBe('CONFLICT');
    expect(reply.body.error.message.id).toContain('Belum ada paspor yang siap diambil');
    expect(session.clock.now()).toBeLessThan(at('2026-11-30', '09:00'));
    expect(rowsOf(hub)).toBe(before);
  });

  it('never moves back, and refuses a time that is not one', async () => {
    const before = rowsOf(hub);
    const back = await post(hub, 'trainingAdvanceClock', { to: '2026-11-30T07:00:00+08:00' }, console.token);
    expect(back.body.error.code).toBe('CONFLICT');
    expect(back.body.error.message.id).toContain('tidak dimundurkan');
    expect(back.body.error.message.en).toContain('never back');
    const nonsense = await post(hub, 'trainingAdvanceClock', { to: 'besok pagi' }, console.token);
    expect(nonsense.status).toBe(400);
    expect(session.clock.now()).toBeLessThan(at('2026-11-30', '09:00'));
    expect(rowsOf(hub)).toBe(before);
  });

  it('moves forward to the time named, logs who moved it from when to when, and idle officers unlock with their PIN', async () => {
    const desk = station('Loket 1');
    const spv = hub.store.officers.userNamed('spv')!;
    const before = rowsOf(hub);
    const reply = await post(hub, 'trainingAdvanceClock', { to: '2026-12-04T13:00:00+08:00' }, console.token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ to: '2026-12-04T13:00:00+08:00', date: '2026-12-04' });
    expect(reply.body.from).toMatch(/^2026-11-30T08:3\d:/);
    expect(session.clock.now()).toBeGreaterThanOrEqual(at('2026-12-04', '13:00'));
    expect(session.clock.now()).toBeLessThan(at('2026-12-04', '13:05'));

    const [logged] = hub.store.events.ofTypeSince('training.clockAdvanced', before);
    expect(logged).toMatchObject({
      actor: spv.id,
      station: console.id,
      payload: {
        from: reply.body.from,
        to: '2026-12-04T13:00:00+08:00',
        target: 'instant',
        officer: { id: spv.id, name: 'Supervisor Latihan', role: 'supervisor' },
      },
    });

    // The supervisor who moved it is still at work; petugas1, idle since Monday morning, is locked.
    expect((await post(hub, 'floorView', {}, console.token)).status).toBe(200);
    const locked = await post(hub, 'callNext', {}, desk.token);
    expect(locked.body.error.code).toBe('LOCKED');
    expect((await post(hub, 'unlock', { secret: '111111' }, desk.token)).status).toBe(200);
    expect((await post(hub, 'counterView', {}, desk.token)).status).toBe(200);
  });
});
