import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { holdHubLock, hubLockFileName, runningHub } from '../../../src-main/hub/lock.ts';

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

it('names the hub serving a folder until it lets go', () => {
  expect(runningHub(dir)).toBeNull();
  const held = holdHubLock(dir, lockOf(process.pid, 8450));
  expect(runningHub(dir)).toEqual(lockOf(process.pid, 8450));
  held.release();
  expect(runningHub(dir)).toBeNull();
  expect(fs.existsSync(path.join(dir, hubLockFileName))).toBe(false);
});

it('ignores the lock of a hub whose process is gone, and one half-written', () => {
  fs.writeFileSync(path.join(dir, hubLockFileName), JSON.stringify(lockOf(2 ** 22 + 17, 8450)));
  expect(runningHub(dir)).toBeNull();
  fs.writeFileSync(path.join(dir, hubLockFileName), '{"pid": 12');
  expect(runningHub(dir)).toBeNull();
});

it('a hub stopping leaves the mark of a second hub started on the same folder since', () => {
  const first = holdHubLock(dir, lockOf(process.pid, 8450));
  holdHubLock(dir, lockOf(process.pid, 8451));
  first.release();
  expect(runningHub(dir)?.port).toBe(8451);
});
