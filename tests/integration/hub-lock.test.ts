import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { hubLockFileName } from '../../src-main/hub/lock.ts';
import { runLoket, spawnHub } from '../support/hub.ts';

const now = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
let dir: string;
const children = new Set<ChildProcess>();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-hub-lock-'));
});

afterEach(async () => {
  for (const child of children) {
    child.kill('SIGKILL');
    await exited(child);
  }
  children.clear();
  fs.rmSync(dir, { recursive: true, force: true });
});

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function hub(dataDir: string) {
  const started = await spawnHub(dataDir, now, ['--no-backup']);
  children.add(started.child);
  return started;
}

/** Writes beside the running hub, as a print station would have: a passport print in progress. */
function printInProgress(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'loket.db'));
  try {
    db.pragma('busy_timeout = 5000');
    // The job alone, without its application: what matters is whether a start-up moves it.
    db.pragma('foreign_keys = OFF');
    db.prepare(
      `INSERT INTO print_jobs (id, application_id, passport_type, promised_date, approved_at, state, updated_at)
       VALUES ('job-in-progress', 'app-1', 'elektronik', '2026-12-04', 0, 'printing', 0)`,
    ).run();
  } finally {
    db.close();
  }
}

function printJobState(dataDir: string): unknown {
  const db = new Database(path.join(dataDir, 'loket.db'), { readonly: true });
  try {
    return db.prepare("SELECT state FROM print_jobs WHERE id = 'job-in-progress'").pluck().get();
  } finally {
    db.close();
  }
}

it('refuses a second hub on the same folder at once, before any recovery, and the first keeps its lock', async () => {
  const dataDir = path.join(dir, 'floor');
  const first = await hub(dataDir);
  const port = new URL(first.url).port;
  printInProgress(dataDir);
  // A copy taken beside the running hub leaves its lock alone.
  const copy = path.join(dir, 'copy.db');
  const backup = await runLoket(['backup', '--data', dataDir, '--to', copy], now);
  expect(backup.code, backup.stderr).toBe(0);

  // The second hub, on the first's port as an IT person under pressure would start it, or on its own.
  for (const args of [
    ['--port', port],
    ['--port', '0'],
  ]) {
    const second = await runLoket(['hub', '--data', dataDir, '--no-backup', ...args], now);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('CONFLICT');
    expect(second.stderr).toContain(`(pid ${first.child.pid}, port ${port}`);
    expect(second.stdout).not.toContain('listening on');
  }
  // It did not open the database: the print in progress is where it was.
  expect(printJobState(dataDir)).toBe('printing');

  // The first goes on serving, its lock and its mark in place: a restore is refused.
  expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
  expect(fs.existsSync(path.join(dataDir, hubLockFileName))).toBe(true);
  const refused = await runLoket(['restore', '--data', dataDir, '--from', copy]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('CONFLICT');
  expect(refused.stderr).toContain(`(pid ${first.child.pid}, port ${port}`);
  // The mark is for people: removed by hand, the operating system's lock still refuses.
  fs.rmSync(path.join(dataDir, hubLockFileName));
  const stillRefused = await runLoket(['restore', '--data', dataDir, '--from', copy]);
  expect(stillRefused.code).toBe(1);
  expect(stillRefused.stderr).toContain('CONFLICT');
  expect(printJobState(dataDir)).toBe('printing');
  expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
});

it('serves a SIGKILLed hub’s folder again at once: a killed hub leaves no lock behind', async () => {
  const dataDir = path.join(dir, 'floor');
  const first = await hub(dataDir);
  first.child.kill('SIGKILL');
  expect(await exited(first.child)).toEqual({ code: null, signal: 'SIGKILL' });
  // Its mark is still there, naming a dead process; the lock died with it.
  expect(fs.existsSync(path.join(dataDir, hubLockFileName))).toBe(true);
  const again = await hub(dataDir);
  expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
  again.child.kill('SIGTERM');
  expect(await exited(again.child)).toEqual({ code: 0, signal: null });
  expect(fs.existsSync(path.join(dataDir, hubLockFileName))).toBe(false);
});
