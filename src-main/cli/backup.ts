import fs from 'node:fs';
import path from 'node:path';
import { LoketError } from '../domain/errors.ts';
import { runningHub } from '../hub/lock.ts';
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

/** `loket restore`: refused while a hub serves DIR, since it would go on writing the old database. */
export async function restoreCommand(
  dataDir: string,
  file: string,
  now: number,
  write: Write,
): Promise<number> {
  const hub = runningHub(dataDir);
  if (hub) {
    throw new LoketError('CONFLICT', {
      id: `Hub sedang berjalan di ${dataDir} (pid ${hub.pid}, port ${hub.port}); hentikan dulu, lalu pulihkan.`,
      en: `a hub is running on ${dataDir} (pid ${hub.pid}, port ${hub.port}, since ${hub.startedAt}); stop it first, then restore.`,
    });
  }
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
