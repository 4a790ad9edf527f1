import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulationChoicesView, simulationRunView } from '../../src-main/api/simulationViews.ts';
import { defaultOfficeConfig } from '../../src-main/domain/office.ts';
import { floorDayFor } from '../../src-main/services/simulation/floorDay.ts';
import { ConsoleSimulations } from '../../src-main/services/simulation/console.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { finishedRun, wholeFloor } from '../support/consoleRuns.ts';

/**
 * The console's Simulator over the hub's API: a supervisor starts a run, polls it to the end and
 * reads the policies side by side; the floor's database is the same after it, row for row; bad
 * requests are refused before anything runs; a counter officer cannot run one.
 */

let t: TestHub;
let console1: string;
let console2: string;
let counter: string;

beforeAll(async () => {
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  addUser(ctx, commandLine, { username: 'adi', name: 'Adi Putra', role: 'admin', secret: '314159' });
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  // The day's bookings, with names and NIKs the simulator must never pass on.
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv(Array.from({ length: 40 }, (_, i) => sampleAppointment(i + 1))),
  });
  console1 = t.pair('supervisor', 'Konsol 1');
  console2 = t.pair('supervisor', 'Konsol 2');
  counter = t.pair('counter', 'Loket 1');
  for (const [token, username, secret] of [
    [console1, 'sri', '112233'],
    [console2, 'adi', '314159'],
  ] as const)
    expect((await t.call('signIn', { username, secret }, token)).status).toBe(200);
  expect((await t.call('signIn', { username: 'ayu', secret: '246810', counter: 1 }, counter)).status).toBe(
    200,
  );
}, 30_000);

afterAll(async () => {
  await t?.close();
});

const floorNow = () => wholeFloor(t.hub.store);

/** Polls the run until it is no longer running (within `ms`), answering its last view. */
async function finished(token: string, runId: string, ms = 60_000) {
  const seen: number[] = [];
  const view = await finishedRun(
    () => t.call('simulationRun', { runId }, token),
    ms,
    (polled) => seen.push(polled.done),
  );
  return { view, seen };
}

describe('the console’s Simulator on the hub', () => {
  it('offers the next working day, the floor’s officers per stage and the Denpasar demand', async () => {
    const reply = await t.call('simulationChoices', {}, console1);
    expect(reply.status).toBe(200);
    expect(simulationChoicesView.safeParse(reply.body).success).toBe(true);
    // Monday 30 November 2026 at 09:15: the next working day is Tuesday.
    expect(reply.body.date).toBe('2026-12-01');
    const office = defaultOfficeConfig;
    const documents = office.floor.counters.filter((c) => c.stages.includes('documents')).length;
    expect(reply.body.stages.find((s: { id: string }) => s.id === 'documents').officers).toBe(documents);
    expect(reply.body.bookingsPerWindow).toMatchObject({ regular: 23, lansia: 3 });
    expect(reply.body.maxSeeds).toBe(200);
    expect(reply.body.policies.map((p: { id: string }) => p.id)).toEqual([
      'window',
      'fifo',
      'priority-first',
      'no-early',
      'open-check-in',
    ]);
  });

  it('runs two policies over ten seeds on worker threads, reports the progress and the policies side by side, and writes nothing', async () => {
    const before = floorNow();
    const lastEvent = t.hub.store.events.lastSeq();
    const start = await t.call('startSimulation', { policies: ['window', 'fifo'], seeds: 10 }, console1);
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body).toMatchObject({ state: 'running', total: 10, summary: null, error: null });
    const { view, seen } = await finished(console1, start.body.runId);
    expect(simulationRunView.safeParse(view).success).toBe(true);
    expect(view).toMatchObject({ state: 'done', done: 10, total: 10, error: null });
    // The progress only goes forward.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const summary = view.summary;
    expect(summary.date).toBe('2026-12-01');
    expect(summary.seeds.count).toBe(10);
    expect(summary.policies.map((p: { policy: string }) => p.policy)).toEqual(['window', 'fifo']);
    expect(summary.policies[0].label).toEqual({
      id: 'Per jadwal kedatangan (Loket)',
      en: 'By arrival window (Loket)',
    });
    // Ten seeds give a 95% interval around each measure.
    expect(summary.policies[0].measures.waitP90.low).toBeLessThanOrEqual(
      summary.policies[0].measures.waitP90.mean,
    );
    expect(summary.policies[1].waitDistribution).toHaveLength(12);
    expect(summary.comparison).not.toBeNull();
    // Read only: no event, no row, the configuration as it was.
    expect(t.hub.store.events.lastSeq()).toBe(lastEvent);
    expect(floorNow()).toEqual(before);
  });

  it('simulates the day’s imported bookings by window and lane, and no name or NIK leaves the hub', async () => {
    const start = await t.call(
      'startSimulation',
      { date: '2026-11-30', bookedDay: true, policies: ['window'], seeds: 3 },
      console1,
    );
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    const { view } = await finished(console1, start.body.runId);
    expect(view.state).toBe('done');
    expect(view.summary.bookings).toBe(40);
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/Wayan|Ni Made|MPDPS|517101/);
  });

  it('refuses a 10,000-seed request in both languages and runs nothing', async () => {
    const before = t.hub.simulations.running;
    const reply = await t.call('startSimulation', { policies: ['window', 'fifo'], seeds: 10_000 }, console1);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('INVALID_INPUT');
    expect(reply.body.error.message).toEqual({
      id: 'Jumlah hari simulasi maksimal 200.',
      en: 'Simulated days (seeds) must be at most 200.',
    });
    expect(t.hub.simulations.running).toBe(before);
  });

  it('refuses a closed day, an unknown policy, a stage the office does not have and negative officers, before anything runs', async () => {
    const cases: [unknown, RegExp][] = [
      [{ date: '2026-12-06', seeds: 2 }, /Kantor tutup pada 2026-12-06/],
      [{ policies: ['lottery'], seeds: 2 }, /Cara pemanggilan/],
      [{ officers: { photo: 2 }, seeds: 2 }, /photo/],
      [{ officers: { interview: -1 }, seeds: 2 }, /minimal 0/],
      [{ bookedDay: true, date: '2026-12-01', seeds: 2 }, /no bookings are imported/],
    ];
    for (const [input, message] of cases) {
      const reply = await t.call('startSimulation', input, console1);
      expect(reply.status, JSON.stringify(input)).toBe(400);
      expect(reply.body.error.code).toBe('INVALID_INPUT');
      expect(`${reply.body.error.message.id} ${reply.body.error.message.en}`).toMatch(message);
    }
    expect(t.hub.simulations.running).toBe(0);
  });

  it('keeps one run per officer: a new start stops the earlier one, and another officer cannot see it', async () => {
    const first = await t.call('startSimulation', { seeds: 200 }, console1);
    expect(first.status).toBe(200);
    // The floor answers while the run goes on (it runs on worker threads).
    expect((await t.call('floorView', {}, console2)).status).toBe(200);
    // Another supervisor (an admin here) does not see Sri's run.
    const other = await t.call('simulationRun', { runId: first.body.runId }, console2);
    expect([other.status, other.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const second = await t.call('startSimulation', { seeds: 2, policies: ['fifo'] }, console1);
    expect(second.status).toBe(200);
    const stopped = await t.call('simulationRun', { runId: first.body.runId }, console1);
    expect(stopped.body.state).toBe('cancelled');
    expect(stopped.body.done).toBeLessThan(200);
    expect((await finished(console1, second.body.runId)).view.state).toBe('done');
  });

  it('stops a run on cancel', async () => {
    const run = await t.call('startSimulation', { seeds: 200 }, console2);
    const cancelled = await t.call('cancelSimulation', { runId: run.body.runId }, console2);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect(t.hub.simulations.running).toBe(0);
  });

  it('is a supervisor’s or an admin’s: a counter officer and a counter station are refused', async () => {
    const atCounter = await t.call('startSimulation', { seeds: 2 }, counter);
    expect([atCounter.status, atCounter.body.error.code]).toEqual([403, 'FORBIDDEN']);
    // A counter officer signed in at a supervisor console is not a supervisor either.
    const console3 = t.pair('supervisor', 'Konsol 3');
    await t.call('signIn', { username: 'ayu', secret: '246810' }, console3);
    const officer = await t.call('startSimulation', { seeds: 2 }, console3);
    expect(officer.status).toBeGreaterThanOrEqual(401);
    expect(officer.status).toBeLessThanOrEqual(403);
    expect(['FORBIDDEN', 'OFFICER_REQUIRED']).toContain(officer.body.error.code);
    expect(t.hub.simulations.running).toBe(0);
  });
});

describe('the hub’s memory of runs', () => {
  it('drops a finished run a while after it ends, whether or not its officer came back', async () => {
    const runs = new ConsoleSimulations({ threads: 1, keepMs: 1000 });
    const input = floorDayFor({ office: defaultOfficeConfig, calendar: [] }, { date: '2026-12-01' });
    const started = runs.start('officer-1', input, { policies: ['window'], seeds: 2 });
    await expect.poll(() => runs.view('officer-1', started.runId).state, { timeout: 20_000 }).toBe('done');
    await expect
      .poll(() => {
        try {
          runs.view('officer-1', started.runId);
          return 'kept';
        } catch (error) {
          return (error as { code?: string }).code;
        }
      })
      .toBe('NOT_FOUND');
    runs.close();
  });
});
