import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backstopPages,
  startCheckpointer,
  type CheckpointReport,
} from '../../src-main/store/checkpointer.ts';
import { openDatabase, type Db } from '../../src-main/store/db.ts';

let dir: string;
let db: Db | null = null;

afterEach(() => {
  db?.close();
  db = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Commits `count` transactions of a few pages each. */
function writeMany(target: Db, count: number): void {
  target.exec('CREATE TABLE IF NOT EXISTS scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = target.prepare('INSERT INTO scratch (body) VALUES (?)');
  const commit = target.transaction(() => {
    for (let i = 0; i < 4; i += 1) insert.run(Buffer.alloc(3000, i));
  });
  for (let n = 0; n < count; n += 1) commit();
}

async function until(check: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the hub's WAL checkpoints, from a worker thread", () => {
  it('copy every committed page back into the file while the writer goes on, and keep the log short', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-checkpoint-'));
    db = openDatabase(dir);
    const reports: CheckpointReport[] = [];
    const checkpoints = startCheckpointer(db, { everyMs: 10, onReport: (r) => reports.push(r) });
    // The writer's own automatic checkpoint waits for the backstop: the worker does the copying.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(backstopPages);

    // A floor writes in bursts (a wave of check-ins, then a pause): twelve bursts of about 500
    // pages, each followed by the worker's next complete checkpoint. The log then starts over at the
    // next burst instead of growing past the backstop (about 6,000 pages written in all).
    for (let burst = 0; burst < 12; burst += 1) {
      writeMany(db, 100);
      const seen = reports.length;
      await until(
        () => reports.slice(seen).some((r) => r.log > 0 && r.checkpointed === r.log),
        `a complete checkpoint after burst ${burst + 1}`,
      );
    }
    // The log starts over after each burst: it never holds much more than two bursts' frames.
    expect(Math.max(...reports.map((r) => r.log))).toBeLessThan(backstopPages / 2);

    await checkpoints.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
    db = null;
    // Nothing committed was lost: every row is in the database once reopened.
    db = openDatabase(dir);
    expect(db.prepare('SELECT COUNT(*) FROM scratch').pluck().get()).toBe(4800);
  });
});
