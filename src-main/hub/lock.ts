import fs from 'node:fs';
import path from 'node:path';

export const hubLockFileName = 'hub.lock';

/** What `DIR/hub.lock` says about the hub serving that data folder. */
export interface HubLock {
  pid: number;
  port: number;
  host: string;
  startedAt: string;
}

/**
 * Marks the data folder as served by this process until `release`. Nothing stops a second hub:
 * the lock is for commands (restore) that must not swap the database under a running one.
 */
export function holdHubLock(dataDir: string, lock: HubLock): { release(): void } {
  const file = path.join(dataDir, hubLockFileName);
  const text = `${JSON.stringify(lock)}\n`;
  fs.writeFileSync(file, text);
  return {
    release() {
      // Another hub started on the same folder since owns the lock now: leave its mark.
      if (readText(file) === text) fs.rmSync(file, { force: true });
    },
  };
}

/** The hub holding DIR's lock, or null when none does or its process is gone (a stale lock). */
export function runningHub(dataDir: string): HubLock | null {
  const text = readText(path.join(dataDir, hubLockFileName));
  if (text === null) return null;
  let lock: Partial<HubLock>;
  try {
    lock = JSON.parse(text) as Partial<HubLock>;
  } catch {
    return null; // half-written by a hub killed at its start: it is not running
  }
  if (typeof lock.pid !== 'number' || !isAlive(lock.pid)) return null;
  return lock as HubLock;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process is there but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
