import Database from 'better-sqlite3';
import path from 'node:path';
import { LoketError } from '../domain/errors.ts';
import { makePrivateDatabaseFile, makePrivateFolder } from './fileModes.ts';
import { migrate } from './migrations/index.ts';

export type Db = Database.Database;

export const databaseFileName = 'loket.db';

/**
 * Opens (and migrates) the floor's database in a data folder. WAL lets readers run beside the one
 * writer; synchronous=FULL makes every commit reach the disk before it returns, so an acknowledged
 * check-in survives a killed process or a power cut.
 */
export function openDatabase(dataDir: string, options: { readonly?: boolean } = {}): Db {
  makePrivateFolder(dataDir);
  const file = path.join(dataDir, databaseFileName);
  // Made 0600 before SQLite opens it: its -wal and -shm take the same mode, whatever the umask.
  if (!options.readonly) makePrivateDatabaseFile(file);
  const db = connect(file, { readonly: options.readonly ?? false });
  try {
    configure(db);
    if (!options.readonly) migrate(db);
  } catch (error) {
    db.close();
    throw damaged(error, file, dataDir);
  }
  return db;
}

/** A file SQLite cannot read as a database is named, with the way back: a backup. */
function damaged(error: unknown, file: string, dataDir: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') return error;
  const backups = path.join(dataDir, 'backups');
  return new LoketError(
    'DATABASE_DAMAGED',
    {
      id: `Basis data lantai ${file} rusak dan tidak dapat dibaca. Pulihkan salinan dari ${backups}: \`loket restore --data ${dataDir} --from FILE\`.`,
      en: `The floor's database ${file} is damaged and cannot be read. Restore a copy from ${backups}: \`loket restore --data ${dataDir} --from FILE\`.`,
    },
    { file, sqlite: code },
  );
}

export const replicaFileName = 'station.db';

/**
 * A station's replica: the floor's schema in the station's own folder, less the rule of one active
 * ticket per booking. While apart, this kiosk and another may each have checked the same booking
 * in; the replica holds both until the hub decides which is kept and voids the other.
 */
export function openReplicaDatabase(dataDir: string): Db {
  makePrivateFolder(dataDir);
  makePrivateDatabaseFile(path.join(dataDir, replicaFileName));
  const db = new Database(path.join(dataDir, replicaFileName), {
    ...(process.env.LOKET_SQLITE_BINDING ? { nativeBinding: process.env.LOKET_SQLITE_BINDING } : {}),
  });
  configure(db);
  migrate(db);
  db.exec('DROP INDEX IF EXISTS tickets_one_active_per_booking');
  // A replica keeps bookings reduced (kiosk_bookings), never the full list: tickets name bookings
  // the hub holds, so their foreign key is the hub's to keep, and full bookings a replica made
  // before it was reduced (names, NIKs, phones) are dropped.
  db.pragma('foreign_keys = OFF');
  db.exec('DELETE FROM bookings');
  return db;
}

/** An in-memory database for tests and the simulator. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  configure(db);
  migrate(db);
  return db;
}

/**
 * A bare connection to a database file that must exist, neither migrated nor switched to WAL: for
 * backups, which must not change the file they copy or check.
 */
export function openDatabaseFile(file: string, options: { readonly: boolean }): Db {
  const db = connect(file, { readonly: options.readonly, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

function connect(file: string, options: Database.Options): Db {
  return new Database(file, {
    ...options,
    // Inside Electron the addon built for Electron's ABI sits beside the app (scripts/start.js).
    ...(process.env.LOKET_SQLITE_BINDING ? { nativeBinding: process.env.LOKET_SQLITE_BINDING } : {}),
  });
}

function configure(db: Db): void {
  // 32 MB of pages (SQLite's default is 2 MB): a floor with a year of history keeps the indexes a
  // check-in writes in memory (the bench's check-in p50 about 15% lower, with history or without).
  db.pragma('cache_size = -32768');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}
