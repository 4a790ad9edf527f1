import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LoketError } from '../domain/errors.ts';
import { anchorOf, appendAnchor, writeAnchorBeside } from './anchors.ts';
import { databaseFileName, openDatabaseFile, type Db } from './db.ts';
import { makePrivateDatabaseFile, makePrivateFolder } from './fileModes.ts';
import type { ChainHead } from './eventChain.ts';
import { migrations } from './migrations/index.ts';

/** A checked copy of the floor's database. */
export interface BackupFile {
  file: string;
  bytes: number;
  /** The last event the copy holds: the floor as it stood then. */
  lastEventSeq: number;
  schemaVersion: number;
  /** The event chain's last row in the copy (null for an empty or unchained log). */
  head: ChainHead | null;
}

/** The newest schema this program can open; a copy made by a newer Loket is refused. */
export const latestSchemaVersion = Math.max(...migrations.map((migration) => migration.version));

/**
 * Copies the floor's database in DIR to `file` while a hub may be writing to it: a connection of
 * its own, read-only, so the hub's transactions are never in the way. The copy's chain head is
 * anchored beside it (`….anchor.json`) and in DIR's `anchors.jsonl`, written at `now`.
 */
export async function backupFloor(
  dataDir: string,
  file: string,
  options: { overwrite?: boolean; now?: number } = {},
): Promise<BackupFile> {
  const database = path.join(dataDir, databaseFileName);
  if (!fs.existsSync(database)) {
    throw new LoketError('NOT_FOUND', {
      id: `Tidak ada basis data lantai di ${dataDir}.`,
      en: `There is no floor database in ${dataDir}.`,
    });
  }
  const source = openDatabaseFile(database, { readonly: true });
  let copy: BackupFile;
  try {
    copy = await copyDatabase(source, file, options);
  } finally {
    source.close();
  }
  if (copy.head) {
    const anchor = anchorOf(copy.head, options.now ?? Date.now(), 'backup');
    writeAnchorBeside(copy.file, anchor);
    appendAnchor(dataDir, anchor);
  }
  return copy;
}

/**
 * Writes a consistent copy of `source` to `file` through SQLite's backup API: into a temporary
 * file beside it, checked, then renamed, so `file` is never half-written.
 */
export async function copyDatabase(
  source: Db,
  file: string,
  options: { overwrite?: boolean } = {},
): Promise<BackupFile> {
  const target = path.resolve(file);
  if (!options.overwrite && fs.existsSync(target)) throw alreadyThere(target);
  makePrivateFolder(path.dirname(target));
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomUUID().slice(0, 8)}.partial`,
  );
  try {
    // One step copies every page from one read snapshot: in WAL the hub keeps writing meanwhile,
    // and nothing it writes restarts the copy.
    // Made 0600 before SQLite writes into it: a copy holds what the floor's database holds.
    makePrivateDatabaseFile(temporary);
    await source.backup(temporary, { progress: ({ totalPages }) => totalPages });
    asSingleFile(temporary);
    const facts = checkFloorDatabase(temporary);
    syncFile(temporary);
    if (!options.overwrite && fs.existsSync(target)) throw alreadyThere(target);
    fs.renameSync(temporary, target);
    syncFolder(path.dirname(target));
    return { file: target, bytes: fs.statSync(target).size, ...facts };
  } finally {
    for (const leftover of [temporary, `${temporary}-wal`, `${temporary}-shm`, `${temporary}-journal`])
      fs.rmSync(leftover, { force: true });
  }
}

/**
 * Opens a file read-only and answers what floor it holds, or says why it is not a sound Loket
 * floor database: not SQLite, no `schema_migrations`, or a failed integrity check.
 */
export function checkFloorDatabase(file: string): {
  lastEventSeq: number;
  schemaVersion: number;
  head: ChainHead | null;
} {
  return readFloorFile(file, (db) => {
    const tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    if (!tables.has('schema_migrations')) throw notAFloor(file, 'it has no schema_migrations table');
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (row) => row.integrity_check,
    );
    if (problems.join() !== 'ok')
      throw notAFloor(file, `integrity check: ${problems.slice(0, 3).join('; ')}`);
    const schemaVersion = db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck().get();
    const lastEventSeq = tables.has('events')
      ? db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck().get()
      : 0;
    return {
      schemaVersion: schemaVersion as number,
      lastEventSeq: lastEventSeq as number,
      head: tables.has('events') ? chainHead(db) : null,
    };
  });
}

/**
 * Reads a database file on a read-only connection of its own, closed after; a file that is not
 * SQLite, or that `read` finds wanting, is "not a sound Loket floor database".
 */
export function readFloorFile<T>(file: string, read: (db: Db) => T): T {
  let db: Db;
  try {
    db = openDatabaseFile(file, { readonly: true });
  } catch (error) {
    throw notAFloor(file, (error as Error).message);
  }
  try {
    return read(db);
  } catch (error) {
    if (error instanceof LoketError) throw error;
    throw notAFloor(file, (error as Error).message);
  } finally {
    db.close();
  }
}

/** The last event row and its hash, where the log is chained (schema 12 on). */
function chainHead(db: Db): ChainHead | null {
  const chained = (
    db.prepare("SELECT name FROM pragma_table_info('events')").pluck().all() as string[]
  ).includes('hash');
  if (!chained) return null;
  const row = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string | null } | undefined;
  return row?.hash ? { seq: row.seq, hash: row.hash } : null;
}

/** The copy carries the source's WAL mark; a rollback journal makes it one self-contained file. */
function asSingleFile(file: string): void {
  const db = openDatabaseFile(file, { readonly: false });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A rename is durable once its folder is on disk too (where the platform lets a folder be synced). */
export function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open or sync a folder; its renames are durable on their own.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function alreadyThere(file: string): LoketError {
  return new LoketError('CONFLICT', {
    id: `${file} sudah ada; tidak ditimpa.`,
    en: `${file} already exists; not overwritten.`,
  });
}

function notAFloor(file: string, why: string): LoketError {
  return new LoketError('INVALID_INPUT', {
    id: `${file} bukan basis data lantai Loket yang utuh (${why}).`,
    en: `${file} is not a sound Loket floor database (${why}).`,
  });
}
