import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralStore } from '../../src-main/central/store.ts';
import { CentralShipper } from '../../src-main/hub/centralLink.ts';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { makeFloor, readFloor, type TestFloor } from '../support/floor.ts';
import { runLoket } from '../support/hub.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { buildReportDay } from '../support/reportDay.ts';
import { until } from '../support/station.ts';
import { centralServer } from '../../src-main/central/server.ts';
import type { AddressInfo } from 'node:net';

/**
 * `loket central …` as the IT people type it: registering an office, linking its hub with the key
 * (never on the command line), the status on both sides, and `verify` finding a changed row.
 */
let db: TestDatabase;
let floor: TestFloor;

beforeAll(async () => {
  db = await freshDatabase('cli');
  floor = makeFloor({ onDisk: true });
  buildReportDay(floor.store, floor.clock);
  floor.store.close();
}, 60_000);

afterAll(async () => {
  floor?.close();
  await db?.drop();
});

describe('loket central', { timeout: 120_000 }, () => {
  it('registers an office once and prints its key once', async () => {
    const added = await runLoket([
      'central',
      'office',
      'add',
      'DPS',
      '--name',
      'Kantor Imigrasi Kelas I TPI Denpasar',
      '--db',
      db.url,
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Office DPS registered');
    expect(added.stdout).toMatch(/^ {2}[A-Za-z0-9_-]{43}$/m);
    const again = await runLoket(['central', 'office', 'add', 'DPS', '--name', 'Lagi', '--db', db.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already registered');
    const bad = await runLoket(['central', 'office', 'add', 'dps', '--name', 'x'], {
      LOKET_CENTRAL_DB: db.url,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('capital letters');
    const missing = await runLoket(['central', 'office', 'list'], { LOKET_CENTRAL_DB: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--db');
  });

  it('links a hub with the key from the environment, refuses a bad address or key, and ships', async () => {
    const key = /^ {2}([A-Za-z0-9_-]{43})$/m.exec(
      (
        await runLoket([
          'central',
          'office',
          'add',
          'KPG',
          '--name',
          'Kantor Imigrasi Kelas I TPI Kupang',
          '--db',
          db.url,
        ])
      ).stdout,
    )![1]!;
    const dir = floor.dataDir as string;
    const plain = await runLoket(
      ['central', 'link', 'http://central.example/', '--office', 'KPG', '--data', dir],
      {
        LOKET_CENTRAL_KEY: key,
      },
    );
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('https://');
    const noKey = await runLoket(
      ['central', 'link', 'https://central.example/', '--office', 'KPG', '--data', dir],
      {
        LOKET_CENTRAL_KEY: 'short',
      },
    );
    expect(noKey.code).toBe(1);
    expect(readFloor(dir, (store) => store.centralLink.get())).toBeNull();

    const store = new CentralStore(db.url);
    const app = await centralServer({ store });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
    try {
      const linked = await runLoket(['central', 'link', url, '--office', 'KPG', '--data', dir], {
        LOKET_CENTRAL_KEY: key,
      });
      expect(linked.code).toBe(0);
      expect(linked.stdout).toContain('Linked to');
      const before = await runLoket(['central', 'status', '--data', dir]);
      expect(before.stdout).toMatch(/Shipped: 0 of \d+ events; lag \d+ events/);

      // The hub's shipping, in this process on the same folder.
      const hub = makeFloorOn(dir);
      const shipper = new CentralShipper(hub.store, hub.clock, { idleMs: 20 });
      shipper.start();
      try {
        await until(
          'the log to be shipped',
          () => hub.store.centralLink.get()?.cursor === hub.store.events.lastSeq(),
        );
      } finally {
        await shipper.close();
        hub.store.close();
      }
      const after = await runLoket(['central', 'status', '--data', dir, '--format', 'json']);
      expect(JSON.parse(after.stdout)).toMatchObject({
        linked: true,
        office: 'KPG',
        lagEvents: 0,
        lastError: null,
      });
      const offices = await runLoket(['central', 'status', '--db', db.url]);
      expect(offices.stdout).toMatch(/KPG +Kantor Imigrasi Kelas I TPI Kupang: \d+ events, lag 0 events/);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('verify says the chain holds, then finds a changed row and exits 1', async () => {
    const ok = await runLoket(['central', 'verify', '--office', 'KPG', '--db', db.url]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('the chain holds end to end');
    const raw = new pg.Client({ connectionString: db.url });
    await raw.connect();
    try {
      await raw.query(
        `UPDATE central_events SET at = at + interval '1 hour' WHERE office = 'KPG' AND seq = 3`,
      );
    } finally {
      await raw.end();
    }
    const found = await runLoket(['central', 'verify', '--office', 'KPG', '--db', db.url]);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('event 3: tampered');
    const unknown = await runLoket(['central', 'verify', '--office', 'XYZ', '--db', db.url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('not registered');
  });
});

/** The floor in `dir` opened again, as the hub opens it. */
function makeFloorOn(dir: string): { store: Store; clock: ManualClock } {
  return { store: new Store(openDatabase(dir)), clock: new ManualClock(Date.now()) };
}
