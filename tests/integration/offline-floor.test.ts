import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src-main/store/db.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { runLoket, spawnHub } from '../support/hub.ts';
import { FaultProxy } from '../support/proxy.ts';
import { spawnStation, until, type StationProcess } from '../support/station.ts';

/**
 * Fault injection on a floor of separate processes on loopback: a hub on TLS, kiosks running the
 * station runtime pinned to its certificate, and a proxy between each kiosk and the hub that can
 * drop or stall the connection. After
 * each fault, every ticket a kiosk handed out exists exactly once on the hub with the number
 * printed on it, numbers are unique per lane and window, and the conflicts are exactly the real ones.
 */

const env = {
  LOKET_NOW: '2026-11-30T09:15:00+08:00',
  // One clock for the whole floor: which of two kiosks checked a booking in first is decided by it.
  LOKET_NOW_AT: String(Date.now()),
  // Short waits so that the faults play out in seconds, not minutes.
  LOKET_ONLINE_TIMEOUT_MS: '1500',
  LOKET_RETRY_MS: '300',
};
const bookingCount = 400;
/** Windows 08–09, 09–10 and 10–11: at 09:15 all three may check in (late grace, on time, early). */
const booking = (i: number) =>
  sampleAppointment(i, {
    windowStart: ['08:00', '09:00', '10:00'][i % 3] as string,
    windowEnd: ['09:00', '10:00', '11:00'][i % 3] as string,
  });
const code = (i: number) => booking(i).bookingCode;

interface Ack {
  id: string;
  number: string;
  bookingCode: string;
  issuedOffline: boolean;
}

let dir: string;
let hubDir: string;
let hub: { child: ChildProcess; url: string };
let fingerprint: string;
const fingerprintRe = /fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/;
const children = new Set<ChildProcess>();
const proxies: FaultProxy[] = [];

function track<T extends { child: ChildProcess }>(started: T): T {
  children.add(started.child);
  started.child.once('exit', () => children.delete(started.child));
  return started;
}

const portOf = (url: string) => Number(new URL(url).port);
/** The kiosk reaches the hub through its proxy, over TLS end to end, pinned to the hub's certificate. */
const viaProxy = (proxy: FaultProxy) => proxy.url.replace(/^http:/, 'https:');
const stationEnv = () => ({ ...env, LOKET_HUB_FINGERPRINT: fingerprint });

/** The hub as on a LAN floor: TLS, its certificate kept in its folder across restarts. */
async function startHub(): Promise<void> {
  const started = track(await spawnHub(hubDir, env, ['--tls']));
  await until('the hub to print its fingerprint', () => fingerprintRe.test(started.stdout()));
  fingerprint = fingerprintRe.exec(started.stdout())?.[1] as string;
  hub = started;
}

async function addKiosk(name: string): Promise<string> {
  const added = await runLoket(['station', 'add', '--data', hubDir, '--mode', 'kiosk', '--name', name]);
  expect(added.code, added.stderr).toBe(0);
  return added.stdout.trimEnd().split('\n').at(-1) as string;
}

/** A kiosk PC: its runtime in its own folder, reaching the hub through its own fault proxy. */
async function startKiosk(
  name: string,
  token?: string,
): Promise<{
  station: StationProcess;
  proxy: FaultProxy;
  token: string;
  folder: string;
}> {
  const stationToken = token ?? (await addKiosk(name));
  const proxy = await FaultProxy.start(portOf(hub.url));
  proxies.push(proxy);
  const folder = path.join(dir, name);
  const station = track(await spawnStation(folder, viaProxy(proxy), stationToken, stationEnv()));
  await until(`${name} online with leased numbers`, async () => {
    const status = await station.status();
    return status.online && status.leasedLeft > 0;
  });
  return { station, proxy, token: stationToken, folder };
}

async function checkIn(station: StationProcess, bookingCode: string): Promise<Ack> {
  const reply = await station.call('checkIn', { text: bookingCode });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return {
    id: reply.body.id,
    number: reply.body.number,
    bookingCode: reply.body.booking.code,
    issuedOffline: reply.body.issuedOffline,
  };
}

/** Runs `work` over `items` with `parallel` in flight, like several citizens at one kiosk's queue. */
async function pool<T>(items: T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function settled(...stations: StationProcess[]): Promise<void> {
  for (const station of stations) {
    await until(
      'the outbox to drain',
      async () => {
        const status = await station.status();
        return status.online && status.pending === 0;
      },
      60_000,
    );
  }
}

/** What the hub's database holds, read beside the running hub. */
function onHub<T>(read: (db: Database.Database) => T): T {
  const db = new Database(path.join(hubDir, databaseFileName), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Every handed-out ticket is on the hub exactly once, with its printed number; numbers never repeat. */
function expectFloorIntact(acks: Ack[], voided: string[] = []): void {
  onHub((db) => {
    for (const ack of acks) {
      const rows = db.prepare('SELECT number, status FROM tickets WHERE id = ?').all(ack.id) as {
        number: string;
        status: string;
      }[];
      expect(rows, `ticket ${ack.number} for ${ack.bookingCode}`).toHaveLength(1);
      expect(rows[0]?.number).toBe(ack.number);
      expect(rows[0]?.status).toBe(voided.includes(ack.id) ? 'void' : 'waiting');
    }
    const repeatedNumbers = db
      .prepare(
        `SELECT lane, window_number, sequence FROM tickets GROUP BY office_date, lane, window_number, sequence
         HAVING COUNT(*) > 1`,
      )
      .all();
    expect(repeatedNumbers).toEqual([]);
    const twiceActive = db
      .prepare(
        "SELECT booking_code FROM tickets WHERE status <> 'void' GROUP BY booking_code HAVING COUNT(*) > 1",
      )
      .all();
    expect(twiceActive).toEqual([]);
    const waiting = db
      .prepare("SELECT COUNT(*) FROM queue_entries WHERE status = 'waiting'")
      .pluck()
      .get() as number;
    expect(waiting).toBe(acks.length - voided.length);
  });
}

const conflictsOnHub = () =>
  onHub((db) =>
    db
      .prepare(
        'SELECT booking_code AS bookingCode, kept_ticket_id AS kept, voided_ticket_id AS voided FROM offline_conflicts',
      )
      .all(),
  );

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-offline-'));
  hubDir = path.join(dir, 'hub');
  const file = path.join(dir, 'bookings.csv');
  fs.writeFileSync(file, appointmentCsv(Array.from({ length: bookingCount }, (_, i) => booking(i + 1))));
  const imported = await runLoket(['import-appointments', file, '--data', hubDir], env);
  expect(imported.code, imported.stderr).toBe(0);
  await startHub();
});

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const proxy of proxies.splice(0)) await proxy.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a floor that keeps working apart', () => {
  it('the hub is killed and restarted during a burst of check-ins at two kiosks', async () => {
    const k1 = await startKiosk('K1');
    const k2 = await startKiosk('K2');
    const acks: Ack[] = [];
    let restarted = false;
    const burst = Array.from({ length: 120 }, (_, i) => i + 1);
    await pool(burst, 6, async (i) => {
      acks.push(await checkIn(i % 2 ? k1.station : k2.station, code(i)));
      if (acks.length === 30) hub.child.kill('SIGKILL');
      if (acks.length >= 70 && !restarted) {
        restarted = true;
        await startHub();
        k1.proxy.retarget(portOf(hub.url));
        k2.proxy.retarget(portOf(hub.url));
      }
    });
    await settled(k1.station, k2.station);

    expect(acks).toHaveLength(120);
    // Both ways of numbering were used: the hub's before the kill, the kiosks' own while it was down.
    expect(acks.filter((a) => a.issuedOffline).length).toBeGreaterThan(0);
    expect(acks.filter((a) => !a.issuedOffline).length).toBeGreaterThanOrEqual(30);
    expectFloorIntact(acks);
    expect(conflictsOnHub()).toEqual([]);
  });

  it('a kiosk cut off from the hub (stalled, then dropped) issues 100 tickets and brings them back', async () => {
    const k1 = await startKiosk('K1');
    const k2 = await startKiosk('K2');
    const acks: Ack[] = [];
    k1.proxy.set('stall');
    for (let i = 1; i <= 50; i += 1) acks.push(await checkIn(k1.station, code(i)));
    k1.proxy.set('drop');
    for (let i = 51; i <= 100; i += 1) acks.push(await checkIn(k1.station, code(i)));
    // The other kiosk stays on the floor meanwhile, numbering from the hub.
    for (let i = 201; i <= 230; i += 1) acks.push(await checkIn(k2.station, code(i)));
    expect(acks.slice(0, 100).every((a) => a.issuedOffline)).toBe(true);
    expect(acks.slice(100).every((a) => !a.issuedOffline)).toBe(true);
    expect((await k1.station.status()).pending).toBe(100);

    k1.proxy.set('pass');
    await settled(k1.station, k2.station);
    expectFloorIntact(acks);
    expect(conflictsOnHub()).toEqual([]);
    // A rescan after reconnection finds the ticket handed out offline, not a new one.
    const again = await checkIn(k1.station, code(7));
    expect(again.id).toBe(acks[6]?.id);
  });

  it('two kiosks cut off check in the same booking: the first ticket is kept and the other voided', async () => {
    const k1 = await startKiosk('K1');
    const k2 = await startKiosk('K2');
    k1.proxy.set('drop');
    k2.proxy.set('drop');
    const first = await checkIn(k1.station, code(5));
    const own1 = [await checkIn(k1.station, code(6)), await checkIn(k1.station, code(7))];
    const second = await checkIn(k2.station, code(5));
    const own2 = [await checkIn(k2.station, code(8)), await checkIn(k2.station, code(9))];
    expect(first.issuedOffline && second.issuedOffline).toBe(true);
    expect(second.number).not.toBe(first.number);

    // The later ticket reaches the hub first; the earlier one still wins.
    k2.proxy.set('pass');
    await settled(k2.station);
    k1.proxy.set('pass');
    await settled(k1.station);

    expectFloorIntact([first, second, ...own1, ...own2], [second.id]);
    expect(conflictsOnHub()).toEqual([{ bookingCode: code(5), kept: first.id, voided: second.id }]);
    // Each kiosk's replica learns the outcome: a rescan at the second kiosk gives the kept ticket.
    await until('the second kiosk to hear of the void', async () => {
      const reply = await k2.station.call('checkIn', { text: code(5) });
      return reply.body.id === first.id;
    });
  });

  it('a kiosk killed with its outbox half sent sends the rest, once, after it restarts', async () => {
    const k1 = await startKiosk('K1');
    k1.proxy.set('drop');
    const acks: Ack[] = [];
    for (let i = 1; i <= 30; i += 1) acks.push(await checkIn(k1.station, code(i)));
    // Slow the line down so the kiosk can be killed while its outbox is on its way.
    k1.proxy.delayMs = 150;
    k1.proxy.set('pass');
    const offlineOnHub = () =>
      onHub(
        (db) => db.prepare('SELECT COUNT(*) FROM tickets WHERE issued_offline = 1').pluck().get() as number,
      );
    await until('part of the outbox to reach the hub', () => offlineOnHub() >= 8);
    k1.station.child.kill('SIGKILL');
    const sentBeforeKill = offlineOnHub();
    expect(sentBeforeKill).toBeLessThan(30);

    k1.proxy.delayMs = 0;
    const restarted = track(await spawnStation(k1.folder, viaProxy(k1.proxy), k1.token, stationEnv()));
    await settled(restarted);
    expectFloorIntact(acks);
    expect(onHub((db) => db.prepare('SELECT COUNT(*) FROM applied_commands').pluck().get())).toBe(30);
    expect(conflictsOnHub()).toEqual([]);
  });
});
