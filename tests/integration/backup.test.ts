import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { backupsIn } from '../../src-main/hub/backups.ts';
import { hubLockFileName } from '../../src-main/hub/lock.ts';
import { backupFloor } from '../../src-main/store/backup.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { restoreFloor } from '../../src-main/store/restore.ts';
import type { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { at, readFloor } from '../support/floor.ts';
import { runLoket, spawnHub, startTestHub, type TestHub } from '../support/hub.ts';

let dir: string;
const hubs: TestHub[] = [];
const children = new Set<ChildProcess>();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-backup-'));
});

afterEach(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  }
  children.clear();
  for (const hub of hubs.splice(0)) await hub.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function hubOn(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const hub = await startTestHub(options);
  hubs.push(hub);
  return hub;
}

const ticketsOf = (store: Store) =>
  store.tickets
    .listForDay('2026-11-30')
    .map((ticket) => ({ booking: ticket.bookingCode, number: ticket.number }))
    .sort((a, b) => a.number.localeCompare(b.number));

const numbersUpTo = (count: number) =>
  Array.from({ length: count }, (_, i) => `A2-${String(i + 1).padStart(3, '0')}`);

describe('a backup taken while the floor is busy', () => {
  it('restores into a new folder where a hub serves the same queue, tickets and numbers', async () => {
    const live = await hubOn();
    const codes = Array.from({ length: 600 }, (_, i) => sampleAppointment(i + 1).bookingCode);
    importAppointments({ store: live.hub.store, clock: live.clock }, commandLine, {
      format: 'csv',
      content: appointmentCsv(codes.map((_, i) => sampleAppointment(i + 1))),
    });
    const kiosk = live.pair('kiosk', 'Kiosk 1');
    const board = live.pair('display', 'Board');

    // The burst: six kiosks' worth of check-ins in flight; `loket backup` runs beside the hub once
    // 30 citizens hold tickets, and the burst goes on until the copy is done.
    const told = new Map<string, string>();
    const refused: string[] = [];
    let backup: ReturnType<typeof runLoket> | null = null;
    let backupDone = false;
    const midBurst = path.join(dir, 'mid-burst.db');
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        // A hundred bookings stay for after the restore, however slow the copy is on a busy machine.
        while (!backupDone && next < codes.length - 100) {
          const code = codes[next++] as string;
          const reply = await live.call('checkIn', { text: code }, kiosk);
          if (reply.status !== 200) refused.push(`${code}: ${reply.status}`);
          else told.set(code, reply.body.number);
          if (!backup && told.size >= 30) {
            backup = runLoket(['backup', '--data', live.dataDir, '--to', midBurst]);
            void backup.then(() => (backupDone = true));
          }
        }
      }),
    );
    expect(refused).toEqual([]);
    const result = await (backup as unknown as ReturnType<typeof runLoket>);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/integrity ok/);

    // Restored into a new folder, the copy is the floor as it stood at one instant: numbers
    // A2-001… with no gap, each the one the kiosk told its citizen.
    const restoredDir = path.join(dir, 'restored');
    const restore = await runLoket(['restore', '--data', restoredDir, '--from', midBurst]);
    expect(restore.code, restore.stderr).toBe(0);
    const fromBackup = readFloor(restoredDir, ticketsOf);
    expect(fromBackup.length).toBeGreaterThanOrEqual(30);
    expect(fromBackup.map((ticket) => ticket.number)).toEqual(numbersUpTo(fromBackup.length));
    for (const ticket of fromBackup) expect(ticket.number).toBe(told.get(ticket.booking));

    // A hub on the restored folder knows the same kiosk and gives each citizen the same ticket
    // again; the next citizen gets the next number, none given twice.
    const restored = await hubOn({ dataDir: restoredDir });
    for (const ticket of fromBackup.slice(0, 10)) {
      const again = await restored.call('checkIn', { text: ticket.booking }, kiosk);
      expect(again.body).toMatchObject({ number: ticket.number, repeated: true });
    }
    const newcomer = codes.find((code) => !fromBackup.some((ticket) => ticket.booking === code)) as string;
    const fresh = await restored.call('checkIn', { text: newcomer }, kiosk);
    expect(fresh.body.number).toBe(numbersUpTo(fromBackup.length + 1).at(-1));

    // Once the burst is over, a copy restored elsewhere shows the board exactly as the live hub does.
    const quiet = path.join(dir, 'quiet.db');
    expect((await runLoket(['backup', '--data', live.dataDir, '--to', quiet])).code).toBe(0);
    const quietDir = path.join(dir, 'quiet');
    expect((await runLoket(['restore', '--data', quietDir, '--from', quiet])).code).toBe(0);
    const copy = await hubOn({ dataDir: quietDir });
    const liveBoard = await live.call('boardView', {}, board);
    const copyBoard = await copy.call('boardView', {}, board);
    expect(liveBoard.status).toBe(200);
    expect(copyBoard.body).toEqual(liveBoard.body);
    expect(ticketsOf(copy.hub.store)).toEqual(ticketsOf(live.hub.store));
    expect(ticketsOf(copy.hub.store)).toHaveLength(told.size);
  });
});

describe('loket restore', () => {
  /** A floor with one kiosk, its backup, and then a second kiosk added after the backup. */
  async function floorWithBackup(): Promise<{ dataDir: string; file: string }> {
    const dataDir = path.join(dir, 'floor');
    readFloor(dataDir, (store) =>
      addStation({ store, clock: { now: () => at('2026-11-30', '07:30') } }, commandLine, {
        mode: 'kiosk',
        name: 'Kiosk 1',
      }),
    );
    const file = path.join(dir, 'monday.db');
    await backupFloor(dataDir, file);
    readFloor(dataDir, (store) =>
      addStation({ store, clock: { now: () => at('2026-11-30', '08:00') } }, commandLine, {
        mode: 'kiosk',
        name: 'Kiosk 2',
      }),
    );
    return { dataDir, file };
  }

  const kioskNames = (dataDir: string) =>
    readFloor(dataDir, (store) => store.stations.list().map((station) => station.name));

  it('is refused while a hub runs on the folder, and puts the backup in place once it stopped', async () => {
    const { dataDir, file } = await floorWithBackup();
    const hub = await spawnHub(dataDir, { LOKET_NOW: '2026-11-30T09:15:00+08:00' });
    children.add(hub.child);

    const refused = await runLoket(['restore', '--data', dataDir, '--from', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`a hub is running on ${dataDir} (pid ${hub.child.pid}, port `);
    expect(refused.stderr).toContain('stop it first');

    hub.child.kill('SIGTERM');
    expect(await exited(hub.child)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, hubLockFileName))).toBe(false);
    // `loket hub` copied its database as it stopped.
    const copies = backupsIn(path.join(dataDir, 'backups'));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/^loket-20261130-0915\d\d\.db$/); // the hub's clock ran on from 09:15

    const restored = await runLoket(['restore', '--data', dataDir, '--from', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${file}`);
    const keptAs = /kept as (\S+)\.$/m.exec(restored.stdout)?.[1] as string;
    expect(path.basename(keptAs)).toMatch(/^loket\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect(kioskNames(dataDir)).toEqual(['Kiosk 1']);
    // The database that was there is whole beside it, with the kiosk added after the backup.
    expect(kioskNames(dataDir)).not.toContain('Kiosk 2');
    const aside = path.join(dir, 'aside');
    fs.mkdirSync(aside);
    fs.copyFileSync(keptAs, path.join(aside, 'loket.db'));
    expect(kioskNames(aside).sort()).toEqual(['Kiosk 1', 'Kiosk 2']);
  });

  it('goes ahead over the lock of a hub that is no longer running', async () => {
    const { dataDir, file } = await floorWithBackup();
    // A pid above Linux's largest (2^22): no process has it.
    fs.writeFileSync(
      path.join(dataDir, hubLockFileName),
      JSON.stringify({ pid: 2 ** 22 + 17, port: 8450, host: '127.0.0.1', startedAt: '2026-11-30T00:00:00Z' }),
    );
    const restored = await runLoket(['restore', '--data', dataDir, '--from', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(kioskNames(dataDir)).toEqual(['Kiosk 1']);
  });

  it('refuses a file that is not a Loket floor database and leaves the floor as it was', async () => {
    const { dataDir } = await floorWithBackup();
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'antrian hari Senin\n');
    const refused = await runLoket(['restore', '--data', dataDir, '--from', notes]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `loket: INVALID_INPUT: ${notes} is not a sound Loket floor database (file is not a database).\n`,
    );

    // SQLite, but some other program's.
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    const foreign = openDatabase(other);
    foreign.exec('DROP TABLE schema_migrations');
    foreign.close();
    await expect(restoreFloor(dataDir, path.join(other, 'loket.db'), Date.now())).rejects.toThrow(
      /no schema_migrations table/,
    );

    // A backup made by a newer Loket.
    const newer = path.join(dir, 'newer');
    const future = openDatabase(newer);
    future.prepare("INSERT INTO schema_migrations VALUES (999, 'from the future', '2027-01-01')").run();
    future.close();
    await expect(restoreFloor(dataDir, path.join(newer, 'loket.db'), Date.now())).rejects.toThrow(
      /made by a newer Loket \(schema 999; this program knows up to \d+\)/,
    );

    expect(kioskNames(dataDir).sort()).toEqual(['Kiosk 1', 'Kiosk 2']);
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('before-restore'))).toEqual([]);
  });
});

describe('loket backup', () => {
  it('refuses to overwrite a file unless told to with --force', async () => {
    const dataDir = path.join(dir, 'floor');
    readFloor(dataDir, () => undefined);
    const file = path.join(dir, 'keep-me.db');
    fs.writeFileSync(file, 'the only copy of something else');

    const refused = await runLoket(['backup', '--data', dataDir, '--to', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`loket: CONFLICT: ${file} already exists; add --force to overwrite it.\n`);
    expect(fs.readFileSync(file, 'utf8')).toBe('the only copy of something else');

    const forced = await runLoket(['backup', '--data', dataDir, '--to', file, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/events up to #\d+, schema \d+, integrity ok/);
    expect(fs.readdirSync(dir).sort()).toEqual(['floor', 'keep-me.db']);
  });
});

describe('scheduled backups', () => {
  it('copies the floor on schedule and keeps only the newest copies', async () => {
    const backups = path.join(dir, 'backups');
    // Every 120 ms of real time stands for the hour; the hub's clock names the copies.
    const hub = await hubOn({ backup: { dir: backups, everyMinutes: 0.002, keep: 3 } });
    const hours = ['09', '10', '11', '12', '13'];
    for (const hour of hours) {
      await vi.waitFor(() => expect(backupsIn(backups)).toContain(`loket-20261130-${hour}1500.db`), {
        timeout: 10_000,
      });
      if (hour !== hours.at(-1)) hub.clock.advanceMinutes(60);
    }
    await vi.waitFor(
      () =>
        expect(backupsIn(backups)).toEqual([
          'loket-20261130-111500.db',
          'loket-20261130-121500.db',
          'loket-20261130-131500.db',
        ]),
      { timeout: 10_000 },
    );

    // At 14:20 a board is paired and the hub stops: the newest copy has the board.
    hub.clock.set(at('2026-11-30', '14:20'));
    hub.pair('display', 'Papan 14:20');
    await hub.close();
    hubs.splice(hubs.indexOf(hub), 1);
    expect(backupsIn(backups)).toEqual([
      'loket-20261130-121500.db',
      'loket-20261130-131500.db',
      'loket-20261130-142000.db',
    ]);
    const boardsIn = (name: string) => {
      const folder = path.join(dir, name);
      fs.mkdirSync(folder);
      fs.copyFileSync(path.join(backups, name), path.join(folder, 'loket.db'));
      return readFloor(folder, (store) => store.stations.list().map((station) => station.name));
    };
    expect(boardsIn('loket-20261130-142000.db')).toContain('Papan 14:20');
    expect(boardsIn('loket-20261130-131500.db')).not.toContain('Papan 14:20');
  });

  it('takes one more copy as the hub stops, holding everything done before', async () => {
    const backups = path.join(dir, 'backups');
    const hub = await hubOn({ backup: { dir: backups } }); // hourly: nothing is due before it stops
    hub.clock.set(at('2026-11-30', '16:05'));
    hub.pair('display', 'Papan terakhir');
    expect(backupsIn(backups)).toEqual([]);
    await hub.close();
    hubs.splice(hubs.indexOf(hub), 1);
    expect(backupsIn(backups)).toEqual(['loket-20261130-160500.db']);
    const copy = path.join(dir, 'copy');
    fs.mkdirSync(copy);
    fs.copyFileSync(path.join(backups, 'loket-20261130-160500.db'), path.join(copy, 'loket.db'));
    expect(readFloor(copy, (store) => store.stations.list().map((station) => station.name))).toEqual([
      'Papan terakhir',
    ]);
  });

  it('logs a copy that fails and goes on serving', async () => {
    const lines: string[] = [];
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    const hub = await hubOn({
      backup: { dir: path.join(blocked, 'backups'), everyMinutes: 0.002 },
      log: (line) => lines.push(line),
    });
    await vi.waitFor(() => expect(lines.join('\n')).toMatch(/^backup into .*not-a-folder.* failed: /m), {
      timeout: 10_000,
    });
    const health = await fetch(`${hub.hub.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
