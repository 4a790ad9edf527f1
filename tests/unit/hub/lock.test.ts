import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isLoketError } from '../../../src-main/domain/errors.ts';
import { holdHubLock, hubLockDatabaseName, hubLockFileName, runningHub } from '../../../src-main/hub/lock.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lockOf = (pid: number, port: number) => ({
  pid,
  port,
  host: '127.0.0.1',
  startedAt: '2026-11-30T01:00:00.000Z',
});

function refusal(take: () => unknown): unknown {
  try {
    take();
  } catch (error) {
    return error;
  }
  throw new Error('the lock was taken twice');
}

it('names the hub serving a folder until it lets go', () => {
  expect(runningHub(dir)).toBeNull();
  const held = holdHubLock(dir, lockOf(process.pid, 8450));
  expect(runningHub(dir)).toEqual(lockOf(process.pid, 8450));
  held.release();
  expect(runningHub(dir)).toBeNull();
  expect(fs.existsSync(path.join(dir, hubLockFileName))).toBe(false);
});

it('ignores the mark of a hub whose process is gone, and one half-written', () => {
  fs.writeFileSync(path.join(dir, hubLockFileName), JSON.stringify(lockOf(process.pid, 8450)));
  expect(runningHub(dir)).toBeNull();
  fs.writeFileSync(path.join(dir, hubLockFileName), '{"pid": 12');
  expect(runningHub(dir)).toBeNull();
  // The operating system's lock was free: a hub takes it over the stale mark.
  const held = holdHubLock(dir, lockOf(process.pid, 8451));
  expect(runningHub(dir)?.port).toBe(8451);
  held.release();
});

it('refuses a second holder at once with CONFLICT naming the first, and keeps the first’s mark', () => {
  const first = holdHubLock(dir, lockOf(process.pid, 8450));
  const error = refusal(() => holdHubLock(dir, lockOf(process.pid, 8451)));
  expect(isLoketError(error) && error.code).toBe('CONFLICT');
  expect(isLoketError(error) && error.details).toEqual({ pid: process.pid, port: 8450 });
  expect(runningHub(dir)?.port).toBe(8450);
  expect(isLoketError(refusal(() => holdHubLock(dir, null, 'restore'))) && 'refused').toBe('refused');
  first.release();
  expect(runningHub(dir)).toBeNull();
});

it('answers from the operating system’s lock, not the mark: a mark removed by hand changes nothing', () => {
  const held = holdHubLock(dir, lockOf(process.pid, 8450));
  fs.rmSync(path.join(dir, hubLockFileName));
  expect(runningHub(dir)).toEqual({});
  const error = refusal(() => holdHubLock(dir, null, 'restore'));
  expect(isLoketError(error) && error.code).toBe('CONFLICT');
  held.release();
  expect(runningHub(dir)).toBeNull();
  expect(fs.statSync(path.join(dir, hubLockDatabaseName)).mode & 0o777).toBe(0o600);
});
