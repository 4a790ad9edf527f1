import fs from 'node:fs';
import path from 'node:path';
import { LoketError } from '../domain/errors.ts';
import { holdHubLock } from '../hub/lock.ts';
import { anchorsFile, readAnchors } from '../store/anchors.ts';
import { verifyFloorFile } from '../store/audit.ts';
import { backupFloor } from '../store/backup.ts';
import { restoreFloor } from '../store/restore.ts';
import { verdictLine } from './audit.ts';

type Write = (line: string) => void;

/**
 * `loket backup`: a checked copy of DIR's database, taken beside a running hub if there is one,
 * its chain anchored beside it. "integrity ok" means the database and its event chain (against
 * DIR's anchors): the copy of a tampered log is kept, as evidence, but is not ok (exit 1).
 */
export async function backupCommand(
  dataDir: string,
  file: string,
  options: { force: boolean; now: number },
  write: Write,
): Promise<number> {
  if (!options.force && fs.existsSync(file)) {
    throw new LoketError('CONFLICT', {
      id: `${file} sudah ada; tambahkan --force untuk menimpanya.`,
      en: `${file} already exists; add --force to overwrite it.`,
    });
  }
  const copy = await backupFloor(dataDir, file, { overwrite: options.force, now: options.now });
  const chain = verifyFloorFile(copy.file, { anchorsIfReached: readAnchors(anchorsFile(dataDir)).anchors });
  const facts =
    `Backed up ${path.join(dataDir, 'loket.db')} to ${copy.file}: ${copy.bytes} bytes, ` +
    `events up to #${copy.lastEventSeq}, schema ${copy.schemaVersion}`;
  if (chain.chained && !chain.intact) {
    write(`${facts}, integrity NOT ok: the event chain is ${verdictLine(chain)}`);
    return 1;
  }
  write(`${facts}, integrity ok (event chain ${verdictLine(chain)}).`);
  return 0;
}

/**
 * `loket restore`: refused while a hub serves DIR, since it would go on writing the old database.
 * It takes the data folder's lock itself for the time of the restore (src-main/hub/lock.ts): a hub
 * started meanwhile is refused in turn, and a running one is found by the operating system's lock,
 * whatever `hub.lock` says.
 */
export async function restoreCommand(
  dataDir: string,
  file: string,
  now: number,
  write: Write,
): Promise<number> {
  const lock = holdHubLock(dataDir, null, 'restore');
  try {
    return await restoreHeld(dataDir, file, now, write);
  } finally {
    lock.release();
  }
}

async function restoreHeld(dataDir: string, file: string, now: number, write: Write): Promise<number> {
  const restored = await restoreFloor(dataDir, file, now);
  write(
    `Restored ${restored.from.file} (events up to #${restored.from.lastEventSeq}, schema ${restored.from.schemaVersion}) into ${restored.database}.`,
  );
  write(
    restored.keptAs
      ? `The database that was there is kept as ${restored.keptAs}.`
      : `There was no database in ${dataDir} before.`,
  );
  return 0;
}
