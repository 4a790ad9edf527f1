import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralServer } from '../../src-main/central/server.ts';
import { CentralStore } from '../../src-main/central/store.ts';
import { centralLinkCommand } from '../../src-main/cli/central.ts';
import { CentralShipper } from '../../src-main/hub/centralLink.ts';
import { makeFloor, readFloor, type TestFloor } from '../support/floor.ts';
import { loketBin, projectRoot, spawnHub } from '../support/hub.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { until } from '../support/station.ts';

/**
 * Either side killed in the middle of a batch (issue 25): the hub after the central store applied
 * its batch but before the answer reached it, and the central service while batches are coming.
 * After the restart the log arrives whole: every event once, the chain verified end to end.
 */
let db: TestDatabase;
let central: CentralStore;

beforeAll(async () => {
  db = await freshDatabase('restarts');
  central = new CentralStore(db.url);
  await central.migrate();
}, 60_000);

afterAll(async () => {
  await central?.close();
  await db?.drop();
});

const io = { write: () => undefined, usage: (message: string) => new Error(message) };

/** A floor whose log holds `events` counter changes more than its set-up, linked to `url` as `office`. */
function backlog(events: number, office: string, key: string, url: string, onDisk: boolean): TestFloor {
  const floor = makeFloor({ onDisk });
  floor.store.transaction(() => {
    for (let i = 0; i < events; i += 1)
      floor.store.events.emit({
        type: 'counter.state',
        at: floor.clock.now() + i,
        actor: 'officer-1',
        station: null,
        payload: { counter: 1 + (i % 4), state: i % 2 ? 'serving' : 'available' },
      });
  });
  centralLinkCommand(floor.ctx, url, office, key, io);
  return floor;
}

async function held(office: string): Promise<{ count: number; max: number }> {
  const row = (
    await central.pool.query<{ count: string; max: number | null }>(
      'SELECT count(*) AS count, max(seq) AS max FROM central_events WHERE office = $1',
      [office],
    )
  ).rows[0]!;
  return { count: Number(row.count), max: row.max ?? 0 };
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('the link across restarts', { timeout: 180_000 }, () => {
  it('a hub killed after its batch was applied, before the answer came, sends it again and it counts once', async () => {
    const key = await central.addOffice('SBY', 'Kantor Imigrasi Kelas I Khusus TPI Surabaya');
    // The central service holds the answer to the hub's fourth batch until the test has killed the hub.
    let batches = 0;
    let fourthApplied: () => void = () => undefined;
    const applied = new Promise<void>((resolve) => (fourthApplied = resolve));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const app: FastifyInstance = await centralServer({
      store: central,
      extend: (server) => {
        server.addHook('onSend', async (request, _reply, payload) => {
          if (request.url !== '/ingest') return payload;
          batches += 1;
          if (batches === 4) {
            fourthApplied();
            await released;
          }
          return payload;
        });
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
    const floor = backlog(6000, 'SBY', key, url, true);
    const dataDir = floor.dataDir as string;
    const total = floor.store.events.lastSeq();
    floor.store.close();
    try {
      const first = await spawnHub(dataDir, {}, ['--no-backup']);
      await applied;
      const atKill = await held('SBY');
      first.child.kill('SIGKILL');
      await stopped(first.child);
      release();
      // The fourth batch is in the central store; the hub never heard so.
      expect(atKill.count).toBe(atKill.max);
      expect(readFloor(dataDir, (store) => store.centralLink.get()?.cursor)).toBeLessThan(atKill.max);

      const second = await spawnHub(dataDir, {}, ['--no-backup']);
      try {
        await until(
          'the restarted hub to ship the rest',
          () => readFloor(dataDir, (store) => store.centralLink.get()?.cursor === store.events.lastSeq()),
          90_000,
        );
      } finally {
        second.child.kill('SIGTERM');
        await stopped(second.child);
      }
      const after = await held('SBY');
      const lastSeq = readFloor(dataDir, (store) => store.events.lastSeq());
      expect(lastSeq).toBeGreaterThanOrEqual(total);
      expect(after).toEqual({ count: lastSeq, max: lastSeq });
      expect((await central.verify('SBY')).findings).toEqual([]);
    } finally {
      release();
      await app.close();
      floor.close();
    }
  });

  it('a central service killed mid-batch loses nothing: the hub sends again once it is back', async () => {
    const key = await central.addOffice('MDN', 'Kantor Imigrasi Kelas I Khusus TPI Medan');
    const start = (port: number) =>
      new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [loketBin, 'central', 'serve', '--db', db.url, '--port', String(port), '--host', '127.0.0.1'],
          { cwd: projectRoot, env: process.env },
        );
        let out = '';
        const timer = setTimeout(() => reject(new Error(`central did not start: ${out}`)), 30_000);
        const read = (chunk: Buffer) => {
          out += chunk;
          const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve({ child, port: Number(match[1]) });
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => reject(new Error(`central exited with ${code}: ${out}`)));
      });
    const first = await start(0);
    const url = `http://127.0.0.1:${first.port}/`;
    const floor = backlog(20_000, 'MDN', key, url, false);
    const shipper = new CentralShipper(floor.store, floor.clock, {
      batchSize: 200,
      idleMs: 20,
      retry: { initialDelayMs: 50, maxDelayMs: 500 },
    });
    let second: { child: ChildProcess } | undefined;
    try {
      shipper.start();
      // Killed while the batches are coming: some applied, some not, one likely mid-transaction.
      await until('the first batches to arrive', async () => (await held('MDN')).count >= 1000, 60_000);
      first.child.kill('SIGKILL');
      await stopped(first.child);
      const atKill = await held('MDN');
      expect(atKill.count).toBe(atKill.max);
      expect(atKill.max).toBeLessThan(floor.store.events.lastSeq());
      await until(
        'the hub to notice the service is gone',
        () => (floor.store.centralLink.get()?.failures ?? 0) > 0,
      );
      second = await start(first.port);
      await until(
        'the hub to ship the rest to the restarted service',
        () => floor.store.centralLink.get()?.cursor === floor.store.events.lastSeq(),
        120_000,
      );
      const lastSeq = floor.store.events.lastSeq();
      expect(await held('MDN')).toEqual({ count: lastSeq, max: lastSeq });
      expect((await central.verify('MDN')).findings).toEqual([]);
    } finally {
      await shipper.close();
      second?.child.kill('SIGTERM');
      if (second) await stopped(second.child);
      if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
      floor.close();
    }
  });
});
