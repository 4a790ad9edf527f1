import fs from 'node:fs';
import path from 'node:path';
import { LoketError } from '../domain/errors.ts';
import {
  checkFloorDatabase,
  copyDatabase,
  latestSchemaVersion,
  syncFolder,
  type BackupFile,
} from './backup.ts';
import { anchorOf, anchorsFile, appendAnchor } from './anchors.ts';
import { databaseFileName, openDatabaseFile } from './db.ts';
import { makePrivateFolder } from './fileModes.ts';

export interface Restored {
  database: string;
  from: BackupFile;
  /** Where the database that was there is kept (its -wal and -shm beside it), or null if none was. */
  keptAs: string | null;
}

/**
 * Puts a backup in place as the floor's database in DIR. The caller makes sure no hub runs on DIR.
 * The database that was there is kept aside with its WAL, never mixed with the backup's pages. The
 * data folder's chain anchors belong to that database: they go aside with it
 * (`anchors.jsonl.before-restore-<time>`), and the restored log is anchored afresh at its head.
 */
export async function restoreFloor(dataDir: string, file: string, now: number): Promise<Restored> {
  const facts = checkFloorDatabase(file);
  if (facts.schemaVersion > latestSchemaVersion) {
    throw new LoketError('INVALID_INPUT', {
      id: `${file} dibuat oleh Loket yang lebih baru (skema ${facts.schemaVersion}; program ini sampai ${latestSchemaVersion}). Perbarui Loket dulu.`,
      en: `${file} was made by a newer Loket (schema ${facts.schemaVersion}; this program knows up to ${latestSchemaVersion}). Update Loket first.`,
    });
  }
  makePrivateFolder(dataDir);
  const database = path.join(dataDir, databaseFileName);
  // Staged beside the database first, so the floor is without a database only for two renames.
  const staged = `${database}.restoring`;
  const source = openDatabaseFile(file, { readonly: true });
  let copied: BackupFile;
  try {
    copied = await copyDatabase(source, staged, { overwrite: true });
  } finally {
    source.close();
  }
  const keptAs = fs.existsSync(database) ? keepAside(database, now) : null;
  const anchors = anchorsFile(dataDir);
  if (fs.existsSync(anchors)) {
    const aside = keptAs ? anchors + keptAs.slice(database.length) : `${anchors}.before-restore-${now}`;
    fs.renameSync(anchors, aside);
  }
  fs.renameSync(staged, database);
  if (copied.head) appendAnchor(dataDir, anchorOf(copied.head, now, 'restore'));
  syncFolder(dataDir);
  return { database, from: { ...copied, file: path.resolve(file) }, keptAs };
}

/**
 * Moves the database and its -wal/-shm aside together under one name. A checkpoint first folds the
 * WAL into the file where it can; a WAL left behind beside the restored file would be replayed
 * onto it.
 */
function keepAside(database: string, now: number): string {
  try {
    const db = openDatabaseFile(database, { readonly: false });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } catch {
    // A damaged database (often why a backup is restored) is moved as it is, WAL and all.
  }
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  let aside = `${database}.before-restore-${stamp}`;
  // Two restores in one second must not put the second's old database over the first's.
  for (let n = 2; fs.existsSync(aside); n += 1) aside = `${database}.before-restore-${stamp}-${n}`;
  // The database file goes last: a WAL left without its database could be replayed onto a new one.
  for (const suffix of ['-wal', '-shm', '-journal', '']) {
    if (fs.existsSync(database + suffix)) fs.renameSync(database + suffix, aside + suffix);
  }
  return aside;
}
