import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorDaySummary } from '../../src-main/domain/simulation/floorSummary.ts';
import type { QuotaPlan } from '../../src-main/services/simulation/quotaPlanner.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { isLoketError } from '../../src-main/domain/errors.ts';
import { applyQuota } from '../../src-main/services/office.ts';
import { makeFloor as makeFloorInMemory, rowCounts } from '../support/floor.ts';
import { runLoket } from '../support/hub.ts';

// Each `loket` process spends a few seconds starting on a busy 2-core machine.
const slow = 180_000;
const env = { LOKET_NOW: '2026-12-07T07:00:00+08:00' };

let dir: string;
let floor: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-cli-plan-quota-'));
  floor = path.join(dir, 'floor');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const loket = (...args: string[]) => runLoket(args, env);

/** The floor's lanes' quotas and its events, read on a connection of the test's own. */
function floorState() {
  const store = new Store(openDatabase(floor, { readonly: true }));
  try {
    const quotas = Object.fromEntries(store.office.get().lanes.map((l) => [l.id, l.quotaPerWindow]));
    const events = store.db.prepare('SELECT type, actor, payload FROM events ORDER BY seq').all() as {
      type: string;
      actor: string;
      payload: string;
    }[];
    return { quotas, events };
  } finally {
    store.close();
  }
}

/** A floor whose office takes 20 regular bookings a window (and the default priority lanes). */
async function makeFloor() {
  const made = await loket('office', 'set', 'lanes.0.quotaPerWindow=20', '--data', floor);
  expect(made.code, made.stderr).toBe(0);
}

describe('loket plan-quota', () => {
  it(
    "plans from the floor's office without writing to it, and writes a file loket simulate --quota reads",
    async () => {
      await makeFloor();
      const before = floorState();
      const file = path.join(dir, 'plan.json');
      const planned = await loket(
        'plan-quota',
        '--target-p90',
        '20',
        '--inside',
        '0.95',
        '--date',
        '2026-12-08',
        '--seeds',
        '10',
        '--format',
        'json',
        '--out',
        file,
        '--data',
        floor,
      );
      expect(planned.code, planned.stderr).toBe(0);
      const plan = JSON.parse(planned.stdout) as QuotaPlan;
      expect(plan.date).toBe('2026-12-08');
      expect(plan.current.quota.regular).toBe(20);
      expect(plan.meets).toBe(true);
      expect(plan.binding.code).toMatch(/-counters$|^printer$|^opening-hours$/);
      expect(plan.binding.message.id.length).toBeGreaterThan(10);
      // The file holds exactly the plan's lanes, in the office configuration's format.
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ lanes: plan.lanes });
      // Read-only: the floor is as it was.
      expect(floorState()).toEqual(before);

      const simulated = await loket(
        'simulate',
        '--quota',
        file,
        '--date',
        '2026-12-08',
        '--policy',
        'window',
        '--seeds',
        '3',
        '--format',
        'json',
        '--data',
        floor,
      );
      expect(simulated.code, simulated.stderr).toBe(0);
      expect((JSON.parse(simulated.stdout) as FloorDaySummary).bookings).toBe(plan.bookingsPerDay);

      // The table names the plan and the binding constraint in both languages.
      const table = await loket('plan-quota', '--target-p90', '20', '--seeds', '4', '--date', '2026-12-08');
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/^Quota plan for 2026-12-08/);
      expect(table.stdout).toMatch(/Binding constraint: \S+/);
      expect(table.stdout).toContain('Yang membatasi:');
      expect(table.stdout).toContain('Binding: the ');
    },
    slow,
  );

  it(
    'refuses bad input with a clear line, exit 1, and writes nothing',
    async () => {
      const file = path.join(dir, 'plan.json');
      const cases: [string[], RegExp][] = [
        [['--target-p90=-5'], /--target-p90: the p90 wait cannot be negative/],
        [['--target-p90', '20', '--inside', '1.5'], /--inside: a share from 0 to 1/],
        [['--target-p90', '20', '--seeds', '5000'], /--seeds: seeds must be at most 1000/],
        [['--target-p90', '20', '--officers', 'cashier=3'], /--officers: no stage cashier/],
        [['--inside', '0.9'], /needs --target-p90/],
      ];
      const runs = await Promise.all(cases.map(([args]) => loket('plan-quota', ...args, '--out', file)));
      runs.forEach((run, i) => {
        expect(run.code, run.stdout).toBe(1);
        expect(run.stderr).toMatch(cases[i]![1]);
        expect(run.stdout).toBe('');
      });
      expect(fs.existsSync(file)).toBe(false);
      // A data folder with no floor is said plainly, and none is made.
      const none = await loket('plan-quota', '--target-p90', '20', '--data', floor);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('no Loket floor in');
      expect(fs.existsSync(floor)).toBe(false);
    },
    slow,
  );
});

describe('loket office apply-quota', () => {
  it(
    'shows before → after, applies only the lanes’ quotas, and logs office.updated by the command line',
    async () => {
      await makeFloor();
      const file = path.join(dir, 'plan.json');
      const plan = [
        { id: 'regular', quotaPerWindow: 27 },
        { id: 'lansia', quotaPerWindow: 3 },
        { id: 'disabilitas', quotaPerWindow: 2 },
        { id: 'hamil', quotaPerWindow: 2 },
        { id: 'balita', quotaPerWindow: 2 },
      ];
      fs.writeFileSync(file, JSON.stringify({ lanes: plan }));
      const before = floorState();

      // No terminal to confirm on, and no --yes: refused, nothing changed.
      const unconfirmed = await loket('office', 'apply-quota', file, '--data', floor);
      expect(unconfirmed.code).toBe(1);
      expect(unconfirmed.stderr).toContain('--yes');
      expect(floorState()).toEqual(before);

      const applied = await loket('office', 'apply-quota', file, '--yes', '--data', floor);
      expect(applied.code, applied.stderr).toBe(0);
      expect(applied.stdout).toMatch(/regular\s+20 → 27/);
      expect(applied.stdout).toMatch(/lansia\s+4 → 3/);
      expect(applied.stdout).toMatch(/hamil\s+2 → 2\s+\(tetap \/ unchanged\)/);
      const after = floorState();
      expect(after.quotas).toEqual({ ...before.quotas, regular: 27, lansia: 3 });
      const added = after.events.slice(before.events.length);
      expect(added).toHaveLength(1);
      expect(added[0]).toMatchObject({ type: 'office.updated', actor: 'cli' });
      const payload = JSON.parse(added[0]!.payload) as { changes: string[]; config: { name: string } };
      expect(payload.changes).toEqual(['lanes.0.quotaPerWindow', 'lanes.1.quotaPerWindow']);

      // Applied again: nothing to change, nothing logged.
      const again = await loket('office', 'apply-quota', file, '--yes', '--data', floor);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('Nothing to change');
      expect(floorState()).toEqual(after);
    },
    slow,
  );

  it(
    'refuses a bad file and changes nothing',
    async () => {
      await makeFloor();
      const before = floorState();
      const bad: [string, string, RegExp][] = [
        ['not-json.json', '{"lanes": [', /not JSON/],
        ['negative.json', '{"lanes":[{"id":"regular","quotaPerWindow":-4}]}', /whole number ≥ 0/],
        ['unknown-lane.json', '{"lanes":[{"id":"vip","quotaPerWindow":4}]}', /no lane vip/],
        ['too-big.json', '{"lanes":[{"id":"regular","quotaPerWindow":20000}]}', /INVALID_CONFIG/],
      ];
      for (const [name, text] of bad) fs.writeFileSync(path.join(dir, name), text);
      const runs = await Promise.all(
        bad.map(([name]) => loket('office', 'apply-quota', path.join(dir, name), '--yes', '--data', floor)),
      );
      runs.forEach((run, i) => {
        expect(run.code, run.stdout).toBe(1);
        expect(run.stderr).toMatch(bad[i]![2]);
      });
      expect(floorState()).toEqual(before);
    },
    slow,
  );
});

describe('applyQuota, as the console will call it', () => {
  it('changes only the named lanes, logs the supervisor who applied it, and refuses a bad list whole', () => {
    const floor = makeFloorInMemory();
    try {
      const supervisor = { stationId: 'console-1', actor: 'supervisor-1' };
      const office = floor.store.office.get();
      const applied = applyQuota(floor.ctx, supervisor, [
        { id: 'regular', quotaPerWindow: 30 },
        { id: 'balita', quotaPerWindow: office.lanes.find((l) => l.id === 'balita')!.quotaPerWindow },
      ]);
      expect(applied.changed).toBe(true);
      expect(applied.lanes).toEqual([
        { id: 'regular', before: 24, after: 30 },
        { id: 'balita', before: 2, after: 2 },
      ]);
      const after = floor.store.office.get();
      expect(after).toEqual({
        ...office,
        lanes: office.lanes.map((l) => (l.id === 'regular' ? { ...l, quotaPerWindow: 30 } : l)),
      });
      const events = floor.store.db
        .prepare("SELECT actor, payload FROM events WHERE type = 'office.updated'")
        .all() as { actor: string; payload: string }[];
      expect(events).toHaveLength(1);
      expect(events[0]!.actor).toBe('supervisor-1');
      expect((JSON.parse(events[0]!.payload) as { changes: string[] }).changes).toEqual([
        'lanes.0.quotaPerWindow',
      ]);

      const counts = rowCounts(floor.store);
      const refused = (lanes: { id: string; quotaPerWindow: number }[]) => {
        try {
          applyQuota(floor.ctx, supervisor, lanes);
        } catch (error) {
          return isLoketError(error) ? error.code : String(error);
        }
        return 'applied';
      };
      expect(refused([])).toBe('INVALID_CONFIG');
      expect(
        refused([
          { id: 'regular', quotaPerWindow: 31 },
          { id: 'vip', quotaPerWindow: 3 },
        ]),
      ).toBe('INVALID_CONFIG');
      expect(
        refused([
          { id: 'lansia', quotaPerWindow: 5 },
          { id: 'lansia', quotaPerWindow: 6 },
        ]),
      ).toBe('INVALID_CONFIG');
      expect(
        refused([
          { id: 'regular', quotaPerWindow: 31 },
          { id: 'hamil', quotaPerWindow: -1 },
        ]),
      ).toBe('INVALID_CONFIG');
      expect(refused([{ id: 'regular', quotaPerWindow: 2.5 }])).toBe('INVALID_CONFIG');
      expect(floor.store.office.get()).toEqual(after);
      expect(rowCounts(floor.store)).toEqual(counts);
    } finally {
      floor.close();
    }
  });
});
