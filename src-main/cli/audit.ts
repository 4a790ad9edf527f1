import fs from 'node:fs';
import path from 'node:path';
import { LoketError } from '../domain/errors.ts';
import { backupsIn } from '../hub/backups.ts';
import { anchorBeside, anchorsFile, readAnchors } from '../store/anchors.ts';
import { verifyFloorFile, type ChainVerdict } from '../store/audit.ts';
import { databaseFileName } from '../store/db.ts';

type Write = (line: string) => void;

/**
 * `loket audit verify`: whether the event log's hash chain is whole, read-only, on a stopped
 * hub's data folder (`--data DIR`, with the anchors in DIR/anchors.jsonl) or on a backup file
 * (`--file FILE`, with the anchor beside it and, given `--data DIR`, DIR's anchors up to the
 * copy's end). Exit 0 intact, 1 broken (or nothing to verify).
 */
export function auditVerify(
  target: { dataDir?: string | undefined; file?: string | undefined },
  write: Write,
  warn: Write,
): number {
  const { dataDir, file } = target;
  let verdict: ChainVerdict;
  if (file) {
    const beside = readAnchors(anchorBeside(file));
    const folder = dataDir ? readAnchors(anchorsFile(dataDir)) : { anchors: [], unreadable: 0 };
    verdict = verifyFloorFile(file, {
      anchors: beside.anchors,
      anchorsIfReached: folder.anchors,
      unreadableAnchors: beside.unreadable + folder.unreadable,
    });
  } else if (dataDir) {
    const database = path.join(dataDir, databaseFileName);
    if (!fs.existsSync(database)) throw noFloorIn(dataDir);
    const folder = readAnchors(anchorsFile(dataDir));
    verdict = verifyFloorFile(database, { anchors: folder.anchors, unreadableAnchors: folder.unreadable });
  } else {
    throw new Error('audit verify needs --data DIR or --file FILE');
  }
  if (verdict.unreadableAnchors)
    warn(`note: ${verdict.unreadableAnchors} anchor line(s) could not be read and were not used.`);
  write(verdictLine(verdict));
  return verdict.intact ? 0 : 1;
}

/** The verdict in one line: what the command line, `loket backup` and the logs say. */
export function verdictLine(verdict: ChainVerdict): string {
  if (!verdict.chained)
    return `not chained: this log (${verdict.events} events) predates the event chain; start the hub once to anchor it.`;
  if (verdict.broken)
    return `broken at seq ${verdict.broken.seq} (${verdict.broken.kind}): ${verdict.broken.message}`;
  const anchors = verdict.anchors
    ? `; ${verdict.anchors} anchor${verdict.anchors === 1 ? '' : 's'} agree`
    : '';
  return `intact, ${verdict.events} event${verdict.events === 1 ? '' : 's'}, head ${verdict.head?.hash ?? 'none'}${anchors}`;
}

function noFloorIn(dataDir: string): LoketError {
  const backups = backupsIn(dataDir);
  const newest = backups.at(-1);
  return new LoketError('NOT_FOUND', {
    id: newest
      ? `Tidak ada basis data lantai di ${dataDir}; folder ini berisi cadangan: periksa satu dengan --file ${path.join(dataDir, newest)}.`
      : `Tidak ada basis data lantai di ${dataDir}.`,
    en: newest
      ? `There is no floor database in ${dataDir}; it holds backups: verify one with --file ${path.join(dataDir, newest)}.`
      : `There is no floor database in ${dataDir}.`,
  });
}
