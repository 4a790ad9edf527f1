import fs from 'node:fs';
import { LoketError } from '../domain/errors.ts';
import type { Anchor } from './anchors.ts';
import { readFloorFile } from './backup.ts';
import type { Db } from './db.ts';
import { eventHash, genesisHash, type ChainedRow, type ChainHead } from './eventChain.ts';
import type { ChainBreakKind } from '../domain/states.ts';

/** What went wrong at the first row that breaks the chain. */

export interface ChainBreak {
  /** The first broken row (for a deletion, the first missing seq; for an anchor, the anchor's seq). */
  seq: number;
  kind: ChainBreakKind;
  /** One line in plain English, for the command line and the console. */
  message: string;
}

export interface ChainVerdict {
  intact: boolean;
  /** False for a log from before the chain (schema 11 or older): there is nothing to verify. */
  chained: boolean;
  events: number;
  /** The log's last row as stored (whether or not the chain holds). */
  head: ChainHead | null;
  broken: ChainBreak | null;
  /** Anchors compared with the chain, and lines in the anchor files that were no anchor. */
  anchors: number;
  unreadableAnchors: number;
}

export interface VerifyOptions {
  /** Anchors the log must pass through: one beyond its end means its tail was deleted. */
  anchors?: readonly Anchor[];
  /**
   * Anchors compared only where the log reaches them: a backup is older than the anchors the
   * data folder got after it.
   */
  anchorsIfReached?: readonly Anchor[];
  unreadableAnchors?: number;
}

interface StoredRow extends ChainedRow {
  prevHash: string | null;
  hash: string | null;
}

const columns = 'seq, id, type, at, actor, station, payload, prev_hash AS prevHash, hash';
/** Rows read at a time; the hub yields to its requests between pages. */
const pageSize = 2000;
/** How far from a broken row a moved event or its original place is looked for. */
const searchWindow = 1000;

/** Verifies the chain of a database file (a data folder's `loket.db` or a backup), read-only. */
export function verifyFloorFile(file: string, options: VerifyOptions = {}): ChainVerdict {
  if (!fs.existsSync(file)) {
    throw new LoketError('NOT_FOUND', {
      id: `Berkas ${file} tidak ada.`,
      en: `There is no file ${file}.`,
    });
  }
  return readFloorFile(file, (db) => {
    if (!hasTable(db, 'events')) throw new Error('it has no events table');
    return verifyEventChain(db, options);
  });
}

/** The chain of an open database, read in one go (the command line, a backup's check). */
export function verifyEventChain(db: Db, options: VerifyOptions = {}): ChainVerdict {
  const walk = walkChain(db, options);
  for (let step = walk.next(); ; step = walk.next()) if (step.done) return step.value;
}

/**
 * The same on a connection that serves the floor: a page of rows at a time, letting the hub's
 * requests through between pages. Rows appended meanwhile are verified too.
 */
export async function verifyEventChainInTurns(db: Db, options: VerifyOptions = {}): Promise<ChainVerdict> {
  const walk = walkChain(db, options);
  for (let step = walk.next(); ; step = walk.next()) {
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function* walkChain(db: Db, options: VerifyOptions): Generator<void, ChainVerdict> {
  const unchained = {
    intact: false,
    chained: false,
    events: db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number,
    head: null,
    broken: null,
    anchors: 0,
    unreadableAnchors: options.unreadableAnchors ?? 0,
  };
  const names = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('events') as string[];
  if (!names.includes('hash')) return unchained;

  const page = db.prepare(`SELECT ${columns} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`);
  let last: StoredRow | null = null;
  let events = 0;
  let broken: ChainBreak | null = null;
  for (let cursor = 0; !broken;) {
    const rows = page.all(cursor, pageSize) as StoredRow[];
    for (const row of rows) {
      if (!linked(last, row)) {
        broken = classify(db, last, row);
        break;
      }
      last = row;
      events += 1;
    }
    if (rows.length < pageSize) break;
    cursor = (rows.at(-1) as StoredRow).seq;
    yield;
  }
  const anchors = [
    ...(options.anchors ?? []).map((anchor) => ({ ...anchor, mustReach: true })),
    ...(options.anchorsIfReached ?? []).map((anchor) => ({ ...anchor, mustReach: false })),
  ];
  const end = last?.seq ?? 0;
  const compared = anchors.filter((anchor) => anchor.mustReach || anchor.seq <= end);
  if (!broken) broken = deletedFromTheEnd(db, last) ?? checkAnchors(db, end, compared);
  const tail = db.prepare(`SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1`).get() as
    { seq: number; hash: string | null } | undefined;
  return {
    intact: broken === null,
    chained: true,
    events: broken ? (db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number) : events,
    head: tail?.hash ? { seq: tail.seq, hash: tail.hash } : null,
    broken,
    anchors: compared.length,
    unreadableAnchors: options.unreadableAnchors ?? 0,
  };
}

const selfHash = (row: StoredRow, seq = row.seq): string | null =>
  row.prevHash === null ? null : eventHash(row.prevHash, { ...row, seq });

/** The row follows the one before it: the next seq, chained to its hash, its own hash its content's. */
function linked(previous: StoredRow | null, row: StoredRow): boolean {
  return (
    row.seq === (previous?.seq ?? 0) + 1 &&
    row.prevHash === (previous?.hash ?? genesisHash) &&
    row.hash !== null &&
    selfHash(row) === row.hash
  );
}

/**
 * Names what happened at the first row that does not follow `previous` (which follows the chain):
 * its hash tells where and with what it was written, the rows around it the rest.
 */
function classify(db: Db, previous: StoredRow | null, row: StoredRow): ChainBreak {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  const expectedPrev = previous?.hash ?? genesisHash;
  if (row.hash === null || row.prevHash === null)
    return {
      seq: row.seq,
      kind: 'inserted',
      message: `seq ${row.seq} carries no chain hash: it was written behind the hub's back.`,
    };
  if (row.seq > expectedSeq) return missing(expectedSeq, row.seq - 1, previous);
  if (selfHash(row) === row.hash) {
    // The row is as it was written; the one before it no longer has the hash it was chained to.
    return previous
      ? {
          seq: previous.seq,
          kind: 'edited',
          message: `seq ${previous.seq} was edited and its hash recomputed: seq ${row.seq} is still chained to the hash it had.`,
        }
      : {
          seq: row.seq,
          kind: 'deleted',
          message: `seq ${row.seq} starts the log but was chained to a row before it: the rows before it were deleted.`,
        };
  }
  // The row's content no longer matches its hash. Was it written at another place?
  const writtenAs = placeWrittenAt(row);
  if (writtenAs !== null) {
    if (previous && writtenAs === previous.seq && row.prevHash === previous.prevHash)
      return inserted(previous.seq);
    if (writtenAs > row.seq && !hashExists(db, row.prevHash))
      return {
        seq: row.seq,
        kind: 'deleted',
        message: `${count(writtenAs - row.seq, 'row')} before seq ${row.seq} were deleted and the later rows renumbered (seq ${row.seq} was written as seq ${writtenAs}).`,
      };
    return {
      seq: row.seq,
      kind: 'reordered',
      message: `seq ${row.seq} holds the event written as seq ${writtenAs}: rows were re-ordered.`,
    };
  }
  // Or does another row hold the content that was written here?
  const movedTo = rowHoldingContentOf(db, row);
  if (movedTo !== null)
    return {
      seq: row.seq,
      kind: 'reordered',
      message: `the event written as seq ${row.seq} now sits at seq ${movedTo}: rows were re-ordered.`,
    };
  // Or is it a row put in, with the rest moved one place on?
  const next = db.prepare(`SELECT ${columns} FROM events WHERE seq > ? ORDER BY seq LIMIT 1`).get(row.seq) as
    StoredRow | undefined;
  if (next && next.prevHash === expectedPrev && selfHash(next, row.seq) === next.hash)
    return inserted(row.seq);
  return {
    seq: row.seq,
    kind: 'edited',
    message: `seq ${row.seq} was edited: its content no longer matches its hash.`,
  };
}

function missing(first: number, last: number, previous: StoredRow | null): ChainBreak {
  const seqs = first === last ? `seq ${first} is` : `seq ${first}–${last} are`;
  return {
    seq: first,
    kind: 'deleted',
    message: previous
      ? `${seqs} missing: deleted (the log goes from seq ${previous.seq} to seq ${last + 1}).`
      : `${seqs} missing: deleted (the log starts at seq ${last + 1}).`,
  };
}

const inserted = (seq: number): ChainBreak => ({
  seq,
  kind: 'inserted',
  message: `seq ${seq} was inserted: the row after it was written as seq ${seq}.`,
});

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The seq near the row's own at which its hash matches its content, nearest first. */
function placeWrittenAt(row: StoredRow): number | null {
  for (let distance = 1; distance <= searchWindow; distance += 1) {
    for (const seq of [row.seq - distance, row.seq + distance]) {
      if (seq >= 1 && selfHash(row, seq) === row.hash) return seq;
    }
  }
  return null;
}

/** A nearby row whose content, put in this row's place and chain, gives this row's hash. */
function rowHoldingContentOf(db: Db, row: StoredRow): number | null {
  const near = db
    .prepare(`SELECT ${columns} FROM events WHERE seq BETWEEN ? AND ? AND seq != ? ORDER BY seq`)
    .all(row.seq - searchWindow, row.seq + searchWindow, row.seq) as StoredRow[];
  const prevHash = row.prevHash as string;
  const found = near.find((other) => eventHash(prevHash, { ...other, seq: row.seq }) === row.hash);
  return found?.seq ?? null;
}

function hashExists(db: Db, hash: string | null): boolean {
  return hash !== null && db.prepare('SELECT 1 FROM events WHERE hash = ? LIMIT 1').get(hash) !== undefined;
}

/** AUTOINCREMENT remembers the highest seq ever written: one above the last row is a cut tail. */
function deletedFromTheEnd(db: Db, last: StoredRow | null): ChainBreak | null {
  const top = (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'events'`).pluck().get() ??
    0) as number;
  const end = last?.seq ?? 0;
  if (top <= end) return null;
  const seqs = top === end + 1 ? `seq ${top} was` : `seq ${end + 1}–${top} were`;
  return {
    seq: end + 1,
    kind: 'deleted',
    message: `the log ends at seq ${end} but ${seqs} written: deleted from its end.`,
  };
}

/** The first anchor, in seq order, that the chain no longer passes through. */
function checkAnchors(db: Db, end: number, anchors: readonly Anchor[]): ChainBreak | null {
  const hashAt = db.prepare('SELECT hash FROM events WHERE seq = ?').pluck();
  for (const anchor of [...anchors].sort((a, b) => a.seq - b.seq)) {
    if (anchor.seq > end)
      return {
        seq: anchor.seq,
        kind: 'anchor',
        message: `the log ends at seq ${end}, before the anchor written at ${anchor.at} for seq ${anchor.seq}: rows were deleted from its end.`,
      };
    if (hashAt.get(anchor.seq) !== anchor.hash)
      return {
        seq: anchor.seq,
        kind: 'anchor',
        message: `the chain no longer passes through the anchor written at ${anchor.at} for seq ${anchor.seq}: the log was rewritten at or before seq ${anchor.seq}.`,
      };
  }
  return null;
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
