import fs from 'node:fs';
import path from 'node:path';
import { LoketError } from '../domain/errors.ts';
import { makePrivateFolder, privateFileMode } from '../store/fileModes.ts';
import { folderLockHeld, takeFolderLock } from '../store/folderLock.ts';

/** The human-readable mark beside the lock: which process serves the folder, on which port. */
export const hubLockFileName = 'hub.lock';
/** The lock itself: the operating system's exclusive lock on this small SQLite file. */
export const hubLockDatabaseName = 'hub.lock.db';

/** What `DIR/hub.lock` says about the hub serving that data folder. */
export interface HubLock {
  pid: number;
  /** Null while the hub is starting (before it listens). */
  port: number | null;
  host: string | null;
  startedAt: string;
}

/** What is known of the process holding a folder's lock: its mark, when it left one. */
export type LockHolder = Partial<HubLock>;

/** The data folder's lock, held by this process until `release`. */
export interface HeldHubLock {
  /** Writes (again) the mark `DIR/hub.lock`, e.g. once the port is known. */
  mark(lock: HubLock): void;
  /** Removes this process's mark and lets go of the lock. */
  release(): void;
}

/**
 * Takes DIR's exclusive lock (`DIR/hub.lock.db`, the operating system's lock, see
 * src-main/store/folderLock.ts) before the hub opens the database or recovers anything, and writes
 * the mark `DIR/hub.lock` beside it. A second hub, or a restore, finds the lock taken and is
 * refused at once (CONFLICT, naming the holder's pid and port when its mark says them). The lock
 * dies with the process, SIGKILL included; `release` removes only this process's own mark.
 */
export function holdHubLock(dataDir: string, lock: HubLock | null, what: LockedOut = 'hub'): HeldHubLock {
  makePrivateFolder(dataDir);
  const file = path.join(dataDir, hubLockFileName);
  const held = takeFolderLock(path.join(dataDir, hubLockDatabaseName));
  if (!held) throw lockedBy(dataDir, readMark(dataDir), what);
  let text: string | null = null;
  const mark = (next: HubLock) => {
    text = `${JSON.stringify(next)}\n`;
    fs.writeFileSync(file, text, { mode: privateFileMode });
  };
  if (lock) mark(lock);
  return {
    mark,
    release() {
      // Only the holder of the lock ever writes the mark, so it is ours to remove.
      if (text !== null && readText(file) === text) fs.rmSync(file, { force: true });
      held.release();
    },
  };
}

/**
 * The hub holding DIR's lock, or null when none does. Answered from the operating system's lock,
 * not the mark: a mark left by a killed hub says nothing, and a hub still starting has no port yet.
 */
export function runningHub(dataDir: string): LockHolder | null {
  if (!folderLockHeld(path.join(dataDir, hubLockDatabaseName))) return null;
  return readMark(dataDir);
}

/** What is refused while DIR's lock is held: a second hub, or a restore. */
export type LockedOut = 'hub' | 'restore';

const refusal: Record<LockedOut, { id: string; en: string }> = {
  hub: {
    id: 'hub kedua pada folder data yang sama tidak dijalankan',
    en: 'a second hub on the same data folder is refused',
  },
  restore: { id: 'hentikan dulu, lalu pulihkan', en: 'stop it first, then restore' },
};

/** The CONFLICT a second hub (or a restore) gets while DIR's lock is held, naming the holder. */
export function lockedBy(dataDir: string, holder: LockHolder, what: LockedOut): LoketError {
  const who = [
    holder.pid !== undefined ? `pid ${holder.pid}` : null,
    holder.port !== undefined && holder.port !== null ? `port ${holder.port}` : null,
  ].filter((part) => part !== null);
  const since = holder.startedAt ? [`since ${holder.startedAt}`] : [];
  const id = who.length ? ` (${who.join(', ')})` : '';
  const en = who.length || since.length ? ` (${[...who, ...since].join(', ')})` : '';
  return new LoketError(
    'CONFLICT',
    {
      id: `Hub sedang berjalan di ${dataDir}${id}; ${refusal[what].id}.`,
      en: `a hub is running on ${dataDir}${en}; ${refusal[what].en}.`,
    },
    {
      ...(holder.pid !== undefined ? { pid: holder.pid } : {}),
      ...(holder.port !== undefined && holder.port !== null ? { port: holder.port } : {}),
    },
  );
}

/** The mark in DIR/hub.lock, as far as it can be read (empty when missing or half-written). */
function readMark(dataDir: string): LockHolder {
  const text = readText(path.join(dataDir, hubLockFileName));
  if (text === null) return {};
  try {
    const mark = JSON.parse(text) as Partial<Record<keyof HubLock, unknown>>;
    return {
      ...(typeof mark.pid === 'number' ? { pid: mark.pid } : {}),
      ...(typeof mark.port === 'number' ? { port: mark.port } : {}),
      ...(typeof mark.host === 'string' ? { host: mark.host } : {}),
      ...(typeof mark.startedAt === 'string' ? { startedAt: mark.startedAt } : {}),
    };
  } catch {
    return {}; // half-written by a hub killed at its start
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
