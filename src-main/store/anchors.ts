import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ChainHead } from './eventChain.ts';

/**
 * Anchors: the event chain's head (seq, hash, when) written outside the database, so a log whose
 * tail was rewritten with every hash recomputed still fails against an older anchor. The hub
 * appends one to `DIR/anchors.jsonl` at start, hourly, at close and with every backup; each backup
 * file has its own beside it (`loket-….db` → `loket-….anchor.json`). Files are the hub user's
 * only (0600).
 */
export interface Anchor extends ChainHead {
  /** When it was written (ISO 8601, UTC). */
  at: string;
  /** Why: `start`, `hourly`, `close`, `backup`, `restore`. */
  reason: string;
}

const anchorSchema = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  reason: z.string(),
});

export const anchorsFileName = 'anchors.jsonl';

export const anchorsFile = (dataDir: string) => path.join(dataDir, anchorsFileName);

/** `…/loket-20261130-100000.db` → `…/loket-20261130-100000.anchor.json`. */
export function anchorBeside(file: string): string {
  const parsed = path.parse(file);
  return path.join(parsed.dir, `${parsed.ext === '.db' ? parsed.name : parsed.base}.anchor.json`);
}

export function anchorOf(head: ChainHead, now: number, reason: string): Anchor {
  return { seq: head.seq, hash: head.hash, at: new Date(now).toISOString(), reason };
}

/** One more line in the data folder's anchors; never rewrites the lines before it. */
export function appendAnchor(dataDir: string, anchor: Anchor): void {
  const fd = fs.openSync(anchorsFile(dataDir), 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(anchor)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The anchor beside a backup file: the head of the copy it stands beside. */
export function writeAnchorBeside(file: string, anchor: Anchor): void {
  fs.writeFileSync(anchorBeside(file), `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
}

/**
 * The anchors in a file (one JSON object a line, or one object): a line that is no anchor is
 * counted, not trusted. A file that is not there holds none.
 */
export function readAnchors(file: string): { anchors: Anchor[]; unreadable: number } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], unreadable: 0 };
    throw error;
  }
  const anchors: Anchor[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      unreadable += 1;
      continue;
    }
    const parsed = anchorSchema.safeParse(json);
    if (parsed.success) anchors.push(parsed.data);
    else unreadable += 1;
  }
  return { anchors, unreadable };
}
