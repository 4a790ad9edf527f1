import Database from 'better-sqlite3';
import fs from 'node:fs';
import { makePrivateDatabaseFile } from './fileModes.ts';

/** A lock held on a file until `release`, or until the process holding it ends however it ends. */
export interface FolderLock {
  release(): void;
}

/**
 * Takes the operating system's exclusive lock on `file` (a small SQLite database of its own, made
 * 0600 if missing): a connection in exclusive locking mode holds an exclusive transaction open, so
 * the lock (fcntl on Unix, LockFileEx on Windows) lasts until `release` or until the process dies,
 * SIGKILL included: a killed holder never leaves a stale lock. Answers null at once, without
 * waiting, when another connection (in this process or another) holds it.
 */
export function takeFolderLock(file: string): FolderLock | null {
  makePrivateDatabaseFile(file);
  const db = open(file);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) return null;
    throw error;
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}

/** Whether some connection holds `file`'s lock now; never takes it for longer than the look. */
export function folderLockHeld(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  let db: Database.Database;
  try {
    db = open(file);
  } catch (error) {
    if (isBusy(error)) return true;
    throw error;
  }
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if (isBusy(error)) return true;
    throw error;
  } finally {
    db.close();
  }
}

function open(file: string): Database.Database {
  const db = new Database(file, {
    ...(process.env.LOKET_SQLITE_BINDING ? { nativeBinding: process.env.LOKET_SQLITE_BINDING } : {}),
  });
  db.pragma('busy_timeout = 0');
  return db;
}

const isBusy = (error: unknown): boolean =>
  typeof (error as { code?: unknown }).code === 'string' &&
  ((error as { code: string }).code.startsWith('SQLITE_BUSY') ||
    (error as { code: string }).code.startsWith('SQLITE_LOCKED'));
