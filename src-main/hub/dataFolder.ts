import path from 'node:path';
import { databaseFileName } from '../store/db.ts';
import { makePrivate, makePrivateFolder, openToOthers } from '../store/fileModes.ts';
import { hubLockDatabaseName, hubLockFileName } from './lock.ts';

/**
 * The data folder holds personal data (NIKs, names, phones, faces) and token and PIN hashes: the
 * hub makes it its user's only. A folder or database file others can read or enter (an old floor,
 * a copy made by hand) is made private at start, and the log says what was changed, so the IT
 * person sees it. New files are made private as they are made (src-main/store/fileModes.ts).
 */
export function protectDataFolder(dataDir: string, log: (line: string) => void): void {
  makePrivateFolder(dataDir);
  const database = path.join(dataDir, databaseFileName);
  const files = [
    dataDir,
    database,
    `${database}-wal`,
    `${database}-shm`,
    `${database}-journal`,
    path.join(dataDir, hubLockFileName),
    path.join(dataDir, hubLockDatabaseName),
  ];
  for (const file of files) {
    const mode = openToOthers(file);
    if (mode === null) continue;
    makePrivate(file);
    log(
      `warning: ${file} could be read by other users (mode ${mode.toString(8)}); ` +
        `made it private (${file === dataDir ? '700' : '600'})`,
    );
  }
}
