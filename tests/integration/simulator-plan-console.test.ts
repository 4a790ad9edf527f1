import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedQuotaView, quotaPlanRunView } from '../../src-main/api/simulationViews.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { finishedRun, wholeFloor } from '../support/consoleRuns.ts';

/**
 * The quota planner on the console over the hub's API: a supervisor plans a quota to the end
 * (reading only), applies it (the office's configuration changes, `office.updated` names the
 * supervisor); a counter officer, a console without a signed-in supervisor and a bad lane list are
 * refused and change nothing.
 */

let t: TestHub;
let console1: string;
let bare: string;
let counter: string;
let sri: string;

beforeAll(async () => {
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  sri = addUser(ctx, commandLine, {
    username: 'sri',
    name: 'Sri Wahyuni',
    role: 'supervisor',
    secret: '112233',
  }).id;
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  console1 = t.pair('supervisor', 'Konsol 1');
  bare = t.pair('supervisor', 'Konsol tanpa petugas');
  counter = t.pair('counter', 'Loket 1');
  expect((await t.call('signIn', { username: 'sri', secret: '112233' }, console1)).status).toBe(200);
  expect((await t.call('signIn', { username: 'ayu', secret: '246810', counter: 1 }, counter)).status).toBe(
    200,
  );
}, 30_000);

afterAll(async () => {
  await t?.close();
});

const floorNow = () => wholeFloor(t.hub.store);

const quotas = () => Object.fromEntries(t.hub.store.office.get().lanes.map((l) => [l.id, l.quotaPerWindow]));

/** Polls the plan until it is no longer running (within `ms`), answering its last view. */
async function finished(token: string, runId: string, ms = 120_000) {
  const seen: number[] = [];
  const bounds: number[] = [];
  const view = await finishedRun(
    () => t.call('quotaPlanRun', { runId }, token),
    ms,
    (polled) => {
      seen.push(polled.done);
      if (polled.state === 'running') bounds.push(polled.total);
    },
  );
  return { view, seen, bounds };
}

let plan: { lanes: { id: string; quotaPerWindow: number }[]; meets: boolean; total: number };

describe('the quota planner on the console', () => {
  it('plans a quota to the end over ten seeds, with the lanes now and planned and the binding constraint, and writes nothing', async () => {
    const before = floorNow();
    const lastEvent = t.hub.store.events.lastSeq();
    const start = await t.call('startQuotaPlan', { targetP90Minutes: 30, seeds: 10 }, console1);
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body).toMatchObject({ state: 'running', done: 0, seeds: 10, plan: null, error: null });
    expect(start.body.total).toBeGreaterThan(2);
    const { view, seen, bounds } = await finished(console1, start.body.runId);
    expect(quotaPlanRunView.safeParse(view).success, JSON.stringify(view).slice(0, 400)).toBe(true);
    expect(view.state).toBe('done');
    // Candidates judged, one by one; at the end the bar is full.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(view.done).toBe(view.total);
    // While it ran, the bar's end was never below the candidates the search came to judge.
    for (const bound of bounds) expect(bound).toBeGreaterThanOrEqual(view.done);
    expect(view.done).toBe(view.plan.candidates.length);
    const p = view.plan;
    expect(p.date).toBe('2026-12-01');
    expect(p.seeds.count).toBe(10);
    expect(p.target).toMatchObject({ p90WaitMinutes: 30, insideWindowShare: 0.95, promisesKept: true });
    expect(p.meets).toBe(true);
    // Now: the office's own quota; planned: the largest total meeting the target, lane by lane.
    expect(p.current.quota).toMatchObject({ regular: quotas().regular, lansia: quotas().lansia });
    expect(p.lanes.map((l: { id: string }) => l.id)).toEqual([
      'regular',
      'lansia',
      'disabilitas',
      'hamil',
      'balita',
    ]);
    expect(p.lanes.reduce((sum: number, l: { quotaPerWindow: number }) => sum + l.quotaPerWindow, 0)).toBe(
      p.total,
    );
    expect(p.figures.visitWaitP90.judged).toBeLessThanOrEqual(30);
    // The next total up misses the target, and the sentence says what binds, in both languages.
    expect(p.next.total).toBe(p.total + 1);
    expect(p.binding.message.id).toMatch(/^Yang membatasi: /);
    expect(p.binding.message.en).toMatch(/^Binding: /);
    // Read only: no event, no row.
    expect(t.hub.store.events.lastSeq()).toBe(lastEvent);
    expect(floorNow()).toEqual(before);
    plan = p;
  }, 150_000);

  it('applies the plan: the office’s quota changes and office.updated names the supervisor', async () => {
    const before = quotas();
    const lastEvent = t.hub.store.events.lastSeq();
    const reply = await t.call('applyQuota', { lanes: plan.lanes }, console1);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(appliedQuotaView.safeParse(reply.body).success).toBe(true);
    expect(reply.body.by).toEqual({ username: 'sri', name: 'Sri Wahyuni' });
    expect(reply.body.lanes).toEqual(
      plan.lanes.map((l) => ({ id: l.id, before: before[l.id], after: l.quotaPerWindow })),
    );
    for (const lane of plan.lanes) expect(quotas()[lane.id]).toBe(lane.quotaPerWindow);
    const events = t.hub.store.events.readAfter(lastEvent, 10);
    expect(events.map((e) => [e.type, e.actor])).toEqual([['office.updated', sri]]);
    // The kiosk's quota follows the office's configuration.
    const today = await t.call('todaysQuota', {}, console1);
    expect(today.status).toBe(200);
    const planned = Object.fromEntries(plan.lanes.map((l) => [l.id, l.quotaPerWindow]));
    for (const lane of today.body.windows[0].lanes as { lane: string; total: number }[])
      if (lane.lane in planned) expect(lane.total, lane.lane).toBe(planned[lane.lane]);
  });

  it('refuses a bad lane list whole: an unknown lane, a negative or fractional quota, a lane twice, too big a quota', async () => {
    const before = floorNow();
    const cases: [unknown, RegExp][] = [
      [{ lanes: [{ id: 'vip', quotaPerWindow: 5 }] }, /Jalur|Kolom "id"/],
      [
        {
          lanes: [
            { id: 'regular', quotaPerWindow: 20 },
            { id: 'lansia', quotaPerWindow: -1 },
          ],
        },
        /minimal 0/,
      ],
      [{ lanes: [{ id: 'regular', quotaPerWindow: 2.5 }] }, /Kuota per jadwal kedatangan/],
      [
        {
          lanes: [
            { id: 'regular', quotaPerWindow: 20 },
            { id: 'regular', quotaPerWindow: 21 },
          ],
        },
        /Jalur/,
      ],
      [{ lanes: [{ id: 'regular', quotaPerWindow: 10_001 }] }, /maksimal 10000|10\.000/],
      [{ lanes: [] }, /Jalur/],
    ];
    for (const [input, message] of cases) {
      const reply = await t.call('applyQuota', input, console1);
      expect([reply.status, reply.body.error.code], JSON.stringify(input)).toEqual([400, 'INVALID_INPUT']);
      expect(reply.body.error.message.id, JSON.stringify(input)).toMatch(message);
      expect(reply.body.error.message.en).toBeTruthy();
    }
    expect(floorNow()).toEqual(before);
  });

  it('refuses a counter officer, and a console with no supervisor signed in, and changes nothing', async () => {
    const before = floorNow();
    const lanes = [{ id: 'regular', quotaPerWindow: 1 }];
    const atCounter = await t.call('applyQuota', { lanes }, counter);
    expect([atCounter.status, atCounter.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const nobody = await t.call('applyQuota', { lanes }, bare);
    expect([nobody.status, nobody.body.error.code]).toEqual([401, 'OFFICER_REQUIRED']);
    // A counter officer cannot sign in at a console to apply it there either.
    expect((await t.call('signIn', { username: 'ayu', secret: '246810' }, bare)).status).toBe(403);
    const officer = await t.call('applyQuota', { lanes }, bare);
    expect([officer.status, officer.body.error.code]).toEqual([401, 'OFFICER_REQUIRED']);
    const plan2 = await t.call('startQuotaPlan', { targetP90Minutes: 20, seeds: 2 }, counter);
    expect([plan2.status, plan2.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(floorNow()).toEqual(before);
    expect(t.hub.simulations.running).toBe(0);
  });

  it('refuses a 10,000-seed plan and a target out of bounds in both languages, and runs nothing', async () => {
    const cases: [unknown, string][] = [
      [{ targetP90Minutes: 20, seeds: 10_000 }, 'Jumlah hari simulasi maksimal 200.'],
      [{ targetP90Minutes: 0 }, 'Target waktu tunggu p90 (menit) minimal 1.'],
      [{ targetP90Minutes: 20, insideWindowShare: 0.3 }, 'Bagian dipanggil sesuai jadwal minimal 0.5.'],
      [{ seeds: 10 }, 'Target waktu tunggu p90 (menit) wajib diisi.'],
    ];
    for (const [input, message] of cases) {
      const reply = await t.call('startQuotaPlan', input, console1);
      expect([reply.status, reply.body.error.code], JSON.stringify(input)).toEqual([400, 'INVALID_INPUT']);
      expect(reply.body.error.message.id).toBe(message);
      expect(reply.body.error.message.en).toMatch(/\w/);
    }
    expect(t.hub.simulations.running).toBe(0);
  });

  it('keeps one run per officer whichever kind: a plan stops the officer’s simulation, and cancels', async () => {
    const simulation = await t.call('startSimulation', { seeds: 200 }, console1);
    expect(simulation.status).toBe(200);
    const started = await t.call('startQuotaPlan', { targetP90Minutes: 20, seeds: 200 }, console1);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect((await t.call('simulationRun', { runId: simulation.body.runId }, console1)).body.state).toBe(
      'cancelled',
    );
    // A plan is not a simulation: each kind is polled by its own operation.
    const wrongKind = await t.call('simulationRun', { runId: started.body.runId }, console1);
    expect([wrongKind.status, wrongKind.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const cancelled = await t.call('cancelQuotaPlan', { runId: started.body.runId }, console1);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect(t.hub.simulations.running).toBe(0);
  });
});
