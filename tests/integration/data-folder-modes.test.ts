import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { openDatabase, openReplicaDatabase } from '../../src-main/store/db.ts';
import { runLoket, spawnHub, startTestHub } from '../support/hub.ts';

const now = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
let dir: string;
let umask: number;
const children = new Set<ChildProcess>();

// The usual umask, under which files are made 0644 in 0755 folders unless the program says otherwise.
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-modes-'));
});
afterEach(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
  children.clear();
  fs.rmSync(dir, { recursive: true, force: true });
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

it.skipIf(process.platform === 'win32')(
  'a hub started under umask 022 keeps its folder 0700 and every database and backup 0600',
  async () => {
    expect(process.umask()).toBe(0o022);
    const dataDir = path.join(dir, 'floor');
    const hub = await spawnHub(dataDir, now);
    children.add(hub.child);
    // A write through the hub: a browser station signs in (a session row).
    const added = await runLoket(['station', 'add', '--data', dataDir, '--mode', 'display', '--name', 'TV']);
    expect(added.code, added.stderr).toBe(0);
    const token = added.stdout.trim().split('\n').at(-1) as string;
    const session = await fetch(`${hub.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(session.status).toBe(200);
    const copy = path.join(dir, 'copies', 'before-update.db');
    const backup = await runLoket(['backup', '--data', dataDir, '--to', copy], now);
    expect(backup.code, backup.stderr).toBe(0);

    expect(modeOf(dataDir)).toBe(0o700);
    for (const name of ['loket.db', 'loket.db-wal', 'loket.db-shm', 'hub.lock', 'hub.lock.db'])
      expect([name, modeOf(path.join(dataDir, name))]).toEqual([name, 0o600]);
    expect(modeOf(copy)).toBe(0o600);
    expect(modeOf(path.dirname(copy))).toBe(0o700);

    // The copy `loket hub` takes as it stops.
    hub.child.kill('SIGTERM');
    expect(await exited(hub.child)).toBe(0);
    const backups = path.join(dataDir, 'backups');
    expect(modeOf(backups)).toBe(0o700);
    const copies = fs.readdirSync(backups).filter((name) => name.endsWith('.db'));
    expect(copies).toHaveLength(1);
    expect(modeOf(path.join(backups, copies[0] as string))).toBe(0o600);
  },
);

it.skipIf(process.platform === 'win32')(
  'a hub whose folder and database others can read says so and makes them private',
  async () => {
    const dataDir = path.join(dir, 'old-floor');
    fs.mkdirSync(dataDir);
    openDatabase(dataDir).close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'loket.db'), 0o644);
    const lines: string[] = [];
    const t = await startTestHub({ dataDir, log: (line) => lines.push(line) });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, 'loket.db'))).toBe(0o600);
      expect(lines.filter((line) => line.startsWith('warning:'))).toEqual([
        expect.stringContaining(`${dataDir} could be read by other users (mode 755)`),
        expect.stringContaining(`${path.join(dataDir, 'loket.db')} could be read by other users (mode 644)`),
      ]);
    } finally {
      await t.close();
    }
  },
);

it.skipIf(process.platform === 'win32')(
  'a station’s replica is made 0600 in a 0700 folder, its WAL too',
  () => {
    const stationDir = path.join(dir, 'station');
    const db = openReplicaDatabase(stationDir);
    try {
      db.exec('CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)');
      expect(modeOf(stationDir)).toBe(0o700);
      for (const name of ['station.db', 'station.db-wal', 'station.db-shm'])
        expect([name, modeOf(path.join(stationDir, name))]).toEqual([name, 0o600]);
    } finally {
      db.close();
    }
  },
);
